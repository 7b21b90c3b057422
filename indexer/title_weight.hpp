// TitleWeight: how many times a title word counts as much as a body word, a setting of the
// index (schema::kTitleWeightMetadataKey) so every article in it is weighted alike. A new index
// takes schema::kTitleWeight; `dateline-index reindex --title-weight N` changes it.
// Not thread-safe: used on the writing thread, through the one IndexWriter.
#pragma once

#include <optional>

#include <xapian.h>

#include "index_writer.hpp"

namespace dateline::indexer {

// The weight `add` and `sync` index with: the one the index keeps; for an index that keeps
// none, kLegacyTitleWeight when it has articles (they were written with it), else the default.
// Written to the index when it was not kept (awaiting the run's commit).
Xapian::termcount settle_title_weight(IndexWriter& writer);

// The weight a rebuild of `old` uses: `chosen`, else the one `old` keeps, else the default
// (a rebuild is how an index from before the setting gets today's default). Written to `writer`.
Xapian::termcount settle_rebuilt_title_weight(const Xapian::Database& old, IndexWriter& writer,
                                              std::optional<Xapian::termcount> chosen);

}  // namespace dateline::indexer
