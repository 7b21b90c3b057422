// ByteStream: the bytes of one input (a file or a pipe), inflated when they are gzip — told
// from the magic bytes, not the name. Returns what has arrived rather than waiting to fill a
// buffer, so records piped in slowly are indexed as they come.
// Not thread-safe: one reader thread owns it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <zlib.h>

#include "dateline/result.hpp"

namespace dateline::indexer {

class ByteStream {
public:
    explicit ByteStream(int fd);  // takes ownership of fd
    ~ByteStream();
    ByteStream(const ByteStream&) = delete;
    ByteStream& operator=(const ByteStream&) = delete;

    // Up to `size` bytes into `out`; 0 at the end of the input. A signal that interrupts a
    // blocking read also ends it (the indexer is stopping). Errors name the cause: an
    // unreadable file, corrupt gzip data, or a gzip stream cut short.
    Result<std::size_t, std::string> read(char* out, std::size_t size);
    std::uint64_t offset() const { return consumed_; }  // bytes of the input as stored

private:
    Result<std::size_t, std::string> read_raw(unsigned char* out, std::size_t size);
    Result<void, std::string> detect();
    Result<std::size_t, std::string> inflate_into(char* out, std::size_t size);

    int fd_;
    std::uint64_t consumed_ = 0;
    bool detected_ = false;
    bool gzip_ = false;
    bool input_ended_ = false;
    bool member_complete_ = false;
    std::vector<unsigned char> input_;  // read but not yet consumed
    std::size_t input_pos_ = 0;
    z_stream zlib_{};
};

}  // namespace dateline::indexer
