// Which directory an index path names right now. `dateline-index compact` swaps a compacted
// copy in with an atomic rename; a reader's reopen() would keep reading the old files, so
// Searcher compares identities and opens the path afresh when it changed.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dateline::server {

struct DirectoryIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const DirectoryIdentity&) const = default;
};

// nullopt when the path cannot be read (gone, or not a directory).
std::optional<DirectoryIdentity> directory_identity(const std::string& path);

}  // namespace dateline::server
