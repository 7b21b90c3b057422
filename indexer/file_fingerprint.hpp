// FileFingerprint: what tells `sync` whether a source file changed — a 64-bit FNV-1a hash of its
// bytes and their count. Modification times are not consulted: a tree copied with its times kept
// (rsync -t, cp -p) or edited within the clock's resolution would be missed.
// Plain value type and a pure function over the file system; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "dateline/result.hpp"

namespace dateline::indexer {

struct FileFingerprint {
    std::string hash;  // 16 lower-case hex digits
    std::uint64_t bytes = 0;

    bool operator==(const FileFingerprint&) const = default;
};

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

FileFingerprint fingerprint_bytes(std::string_view bytes);

// Reads the file once, in blocks. The error names the file and the cause.
Result<FileFingerprint, std::string> fingerprint_file(const std::string& path);

}  // namespace dateline::indexer
