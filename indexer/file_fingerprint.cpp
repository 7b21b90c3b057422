// Hashing a file's bytes for `sync`.
#include "file_fingerprint.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dateline/stable_hash.hpp"

namespace dateline::indexer {
namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

std::string hex64(std::uint64_t value) {
    std::array<char, 17> text{};
    std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(value));
    return text.data();
}

FileFingerprint fingerprint_bytes(std::string_view bytes) {
    return {hex64(fnv1a64(bytes)), bytes.size()};
}

Result<FileFingerprint, std::string> fingerprint_file(const std::string& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return Unexpected(path + ": cannot open: " + std::strerror(errno));
    // FNV-1a is a running state, so hashing block by block equals hashing the whole file.
    std::uint64_t hash = kFnv1aOffsetBasis;
    std::uint64_t bytes = 0;
    std::array<char, 64 * 1024> block;
    while (const std::size_t got = std::fread(block.data(), 1, block.size(), file.get())) {
        hash = fnv1a64(std::string_view(block.data(), got), hash);
        bytes += got;
    }
    if (std::ferror(file.get())) return Unexpected(path + ": cannot read: " + std::strerror(errno));
    return FileFingerprint{hex64(hash), bytes};
}

}  // namespace dateline::indexer
