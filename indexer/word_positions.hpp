// Word positions: whether an index keeps where each word stands (what phrase and NEAR searches
// need), a setting of the index (schema::kPositionsMetadataKey) so every article in it is
// written alike. Positions are about 45 % of a compacted index (docs/performance.md):
// `add --no-positions` builds a new index without them; `reindex --positions on|off` changes
// an existing one.
// Not thread-safe: used on the writing thread, through the one IndexWriter.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "dateline/result.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {

// Whether `add` and `sync` write positions: what the index keeps; for a new index, `requested`
// (default: yes). Fails when `requested` differs from what an index with articles keeps, naming
// the reindex that changes it. Written to the index when it was not kept (awaiting the commit).
Result<bool, std::string> settle_positions(IndexWriter& writer, std::optional<bool> requested,
                                           const std::string& database);

// Whether a rebuild of `old` writes positions: `chosen`, else what `old` keeps. Written to
// `writer`.
bool settle_rebuilt_positions(const Xapian::Database& old, IndexWriter& writer,
                              std::optional<bool> chosen);

}  // namespace dateline::indexer
