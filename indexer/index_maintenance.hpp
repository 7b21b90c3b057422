// Index maintenance commands: deleting articles by id and compacting the database in place.
// Both take the write lock for their whole run. Not thread-safe: one caller at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dateline/result.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {

struct DeleteSummary {
    std::size_t deleted = 0;
    std::vector<std::string> not_found;
};

Result<DeleteSummary, std::string> delete_articles(const std::string& database,
                                                   const std::vector<std::string>& ids);

struct CompactSummary {
    std::uint64_t bytes_before = 0;
    std::uint64_t bytes_after = 0;
};

// Compacts into a sibling directory, then swaps it in with one atomic rename: a reader sees
// the old or the new database, never a half-written one.
Result<CompactSummary, std::string> compact_index(const std::string& database);

// The same for a caller that already holds the database's writer; the writer is committed and
// closed (its lock ends with the swap). `shards`: closed databases (see ShardWriter) whose
// articles are merged in by the same compaction; they are deleted once merged.
Result<CompactSummary, std::string> compact_locked(IndexWriter& writer, const std::string& database,
                                                   const std::vector<std::string>& shards = {});

}  // namespace dateline::indexer
