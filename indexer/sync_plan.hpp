// SyncPlan: what one `sync` of a tree does, decided before anything is read — from the state
// stored at the last sync and the files found now: which files to read (new or changed), which
// to leave alone (same fingerprint), and which disappeared. After reading, ids_to_delete settles
// which articles go. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "file_fingerprint.hpp"
#include "sync_state.hpp"

namespace dateline::indexer {

struct FoundFile {
    std::string path;                            // below the tree, as in FileState
    std::optional<FileFingerprint> fingerprint;  // nullopt: the file could not be read
};

struct SyncPlan {
    // Indexes into the found files, in their order.
    std::vector<std::size_t> added;       // no state stored: read
    std::vector<std::size_t> changed;     // another fingerprint: read
    std::vector<std::size_t> unchanged;   // same fingerprint: not even parsed
    std::vector<std::size_t> unreadable;  // cannot be hashed: its state and articles are kept
    std::vector<std::string> removed;     // stored, not found: its articles are deleted

    bool reads_nothing() const { return added.empty() && changed.empty(); }
};

SyncPlan plan_sync(const TreeState& stored, const std::vector<FoundFile>& found);

// Ids a file produced before and no longer does.
std::vector<std::string> dropped_ids(const std::vector<std::string>& before,
                                     const std::vector<std::string>& now);

// The candidates (dropped ids, ids of removed files) that no file produces any more: an id that
// another file — of this tree or another — still produces is kept.
std::vector<std::string> ids_to_delete(const std::set<std::string>& candidates,
                                       const std::set<std::string>& still_produced);

// Sorted, without duplicates (a feed may repeat an item; the last one won).
std::vector<std::string> normalized_ids(std::vector<std::string> ids);

}  // namespace dateline::indexer
