// SyncState: what `dateline-index sync` remembers about each source file it read — the file's
// fingerprint and the ids of the articles it produced — kept as metadata entries in the index
// itself (schema::kSyncFileMetadataPrefix), so they are committed together with the articles.
// Entries are grouped by tree: the PATH argument, identified by its absolute path, so cron and
// a publish hook running from different directories share them.
// Value types and pure functions, except load_*, which read through a writer; thread-safe
// apart from the writer (one thread).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "file_fingerprint.hpp"

namespace dateline::indexer {

class IndexWriter;

struct FileState {
    std::string path;  // below the tree ("blog/feed.xml"); the file's name for a file tree
    FileFingerprint fingerprint;
    std::vector<std::string> ids;  // sorted, no duplicates

    bool operator==(const FileState&) const = default;
};

using TreeState = std::map<std::string, FileState>;  // by path

// 16 hex digits naming a tree: a hash of its absolute, normalised path.
std::string sync_tree_tag(const std::string& tree);

// The metadata key for a file: the prefix, the tree's tag, then "/" and the path, or "#" and a
// hash of the path when the path would make the key too long for Xapian.
std::string sync_file_key(std::string_view tree_tag, std::string_view path);
std::string sync_tree_key_prefix(std::string_view tree_tag);

std::string encode_file_state(const FileState& state);
// nullopt for a value this version cannot read (the file is then read again).
std::optional<FileState> decode_file_state(std::string_view encoded);

TreeState load_tree_state(const IndexWriter& writer, std::string_view tree_tag);
// Ids produced by files of every tree except those named (whose state the caller holds).
std::set<std::string> load_ids_of_other_trees(const IndexWriter& writer,
                                              const std::set<std::string>& tree_tags);

}  // namespace dateline::indexer
