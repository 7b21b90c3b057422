// Reading plain or gzip input with plain read(2) and zlib's inflate, so that pipes stream,
// truncation is caught and concatenated gzip members are all read.
#include "byte_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dateline::indexer {
namespace {
constexpr std::size_t kInputChunk = 256 * 1024;
constexpr int kGzipWindowBits = 15 + 16;  // 16: expect a gzip header and trailer
}  // namespace

ByteStream::ByteStream(int fd) : fd_(fd) {}

ByteStream::~ByteStream() {
    if (gzip_) inflateEnd(&zlib_);
    ::close(fd_);
}

Result<std::size_t, std::string> ByteStream::read_raw(unsigned char* out, std::size_t size) {
    while (true) {
        const ssize_t got = ::read(fd_, out, size);
        if (got >= 0) {
            consumed_ += static_cast<std::uint64_t>(got);
            return static_cast<std::size_t>(got);
        }
        // Only the indexer's stop signals interrupt reads (they are installed without
        // SA_RESTART): treat it as the end of this input.
        if (errno == EINTR) return std::size_t{0};
        return Unexpected(std::string("read error: ") + std::strerror(errno));
    }
}

Result<void, std::string> ByteStream::detect() {
    detected_ = true;
    input_.resize(kInputChunk);
    std::size_t have = 0;
    while (have < 2) {  // a pipe may deliver the first byte alone
        auto got = read_raw(input_.data() + have, input_.size() - have);
        if (!got) return Unexpected(got.error());
        if (*got == 0) break;
        have += *got;
    }
    input_.resize(have);
    gzip_ = have >= 2 && input_[0] == 0x1f && input_[1] == 0x8b;
    if (gzip_ && inflateInit2(&zlib_, kGzipWindowBits) != Z_OK)
        return Unexpected(std::string("cannot start gzip decoder"));
    return {};
}

Result<std::size_t, std::string> ByteStream::read(char* out, std::size_t size) {
    if (!detected_) {
        if (auto detected = detect(); !detected) return Unexpected(detected.error());
    }
    if (gzip_) return inflate_into(out, size);
    if (input_pos_ < input_.size()) {
        const std::size_t take = std::min(size, input_.size() - input_pos_);
        std::memcpy(out, input_.data() + input_pos_, take);
        input_pos_ += take;
        return take;
    }
    return read_raw(reinterpret_cast<unsigned char*>(out), size);
}

Result<std::size_t, std::string> ByteStream::inflate_into(char* out, std::size_t size) {
    while (true) {
        if (input_pos_ == input_.size() && !input_ended_) {
            input_.resize(kInputChunk);
            auto got = read_raw(input_.data(), input_.size());
            if (!got) return Unexpected(got.error());
            input_.resize(*got);
            input_pos_ = 0;
            input_ended_ = *got == 0;
        }
        if (input_pos_ == input_.size()) {
            if (member_complete_) return std::size_t{0};
            return Unexpected(std::string("gzip data is truncated (the file ends mid-stream)"));
        }
        if (member_complete_) {
            // Another gzip member follows (as `cat a.gz b.gz` makes).
            inflateReset(&zlib_);
            member_complete_ = false;
        }
        zlib_.next_in = input_.data() + input_pos_;
        zlib_.avail_in = static_cast<uInt>(input_.size() - input_pos_);
        zlib_.next_out = reinterpret_cast<Bytef*>(out);
        zlib_.avail_out = static_cast<uInt>(size);
        const int status = inflate(&zlib_, Z_NO_FLUSH);
        input_pos_ = input_.size() - zlib_.avail_in;
        const std::size_t produced = size - zlib_.avail_out;
        if (status == Z_STREAM_END)
            member_complete_ = true;
        else if (status != Z_OK && status != Z_BUF_ERROR)
            return Unexpected(std::string("corrupt gzip data: ") +
                              (zlib_.msg ? zlib_.msg : "inflate failed"));
        if (produced > 0) return produced;
    }
}

}  // namespace dateline::indexer
