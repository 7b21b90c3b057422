# Every third-party dependency is found here, once, from Debian's packages.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4.22)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json 3.11 REQUIRED)
# RSS and Atom feeds, for the indexer.
find_package(pugixml 1.13 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
# Beast and Asio, header-only, for the HTTP server.
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS headers)
find_package(ZLIB REQUIRED)
# cld2 (Compact Language Detector 2) ships neither CMake nor pkg-config files.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(CLD2::cld2 UNKNOWN IMPORTED)
set_target_properties(CLD2::cld2 PROPERTIES
  IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
find_package(Threads REQUIRED)
if(DATELINE_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
