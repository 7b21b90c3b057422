// EmbeddedFile: a file of web/ compiled into the binary (by cmake/EmbedFiles.cmake), so the
// server needs nothing beside its executable to serve the search box and its pages.
// Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace dateline::server {

struct EmbeddedFile {
    std::string_view path;          // the URL path it is served at: "/embed.js"
    std::string_view content_type;  // "application/javascript; charset=utf-8"
    std::string_view bytes;
};

// Every embedded file, in the order web/CMakeLists lists them. Defined in a generated source.
std::span<const EmbeddedFile> embedded_files();

}  // namespace dateline::server
