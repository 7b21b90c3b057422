// gzip compression (RFC 1952) with zlib, for bodies compressed once and served many times.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline::server {

// The gzip stream of `data` at the best compression level. Throws std::runtime_error when zlib
// fails (out of memory): broken infrastructure, met only at start-up.
std::string gzip_compressed(std::string_view data);

}  // namespace dateline::server
