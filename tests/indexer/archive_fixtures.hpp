// The archive fixtures (tests/fixtures/archives), found next to this file so the tests run
// from any build directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace dateline::test {

inline std::filesystem::path archive_fixtures() {
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "archives";
}

inline std::string read_fixture(const std::string& relative) {
    std::ifstream in(archive_fixtures() / relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace dateline::test
