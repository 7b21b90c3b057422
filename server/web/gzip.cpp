// gzip compression with zlib's deflate.
#include "web/gzip.hpp"

#include <stdexcept>

#include <zlib.h>

namespace dateline::server {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // the largest window, with a gzip wrapper
constexpr int kMemoryLevel = 9;

}  // namespace

std::string gzip_compressed(std::string_view data) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    // zlib's interface is not const-correct; it never writes through next_in.
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    return out;
}

}  // namespace dateline::server
