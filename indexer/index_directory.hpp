// Index directories: their canonical path, whether a directory holds a Xapian index, where a
// rebuilt copy is staged, and swapping a freshly written database in for another, atomically.
// Thread-safe: free functions over the file system.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "dateline/result.hpp"

namespace dateline::indexer {

// Absolute, normalised, without a trailing slash ("db/" and "./db" name the same index).
std::filesystem::path index_path(const std::string& database);

// Fails with "no index at DIR" or "DIR is not a Dateline index" (a directory of other files
// is never written into or deleted).
Result<void, std::string> require_index(const std::string& database);

// True for a directory that does not exist, is empty, holds a Xapian database, or holds only
// what Xapian leaves when the creation of one is cut short (nothing committed).
bool may_hold_index(const std::string& database);

// Removes what Xapian left of a database whose creation was cut short, so that it is created
// again (Xapian takes leftover tables for a database and fails to open it). Done under Xapian's
// write lock, so a run creating the database at the same moment is left alone; any other
// directory is not touched.
void clear_unfinished_creation(const std::string& database);

// Where a rebuilt copy of `target` is written before it is swapped in: a sibling named
// "<target>.<purpose>-<pid>" ("db.compacting-4242"), so a copy left by a killed run is known.
std::filesystem::path staging_path(const std::filesystem::path& target, std::string_view purpose);

// Removes the staging copies of `target` for `purpose` left by runs that were killed (their
// process is gone); those of running processes stay.
void remove_stale_staging(const std::filesystem::path& target, std::string_view purpose);

// Exchanges the two directories with one rename(2) (RENAME_EXCHANGE): every reader sees one
// complete database or the other. Afterwards `staging` holds what `target` held.
Result<void, std::string> exchange_directories(const std::string& staging,
                                               const std::string& target);

}  // namespace dateline::indexer
