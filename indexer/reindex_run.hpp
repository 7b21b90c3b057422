// ReindexRun: the `reindex` command. Rebuilds an index from the articles it stores (each
// document's data is its article's stored JSON) with this release's analysis and language
// resolution, into a sibling directory; carries over what the documents do not hold (the sync
// state, the default language), rebuilds the spelling data as `add` does, stamps the current
// schema version, and swaps the new index in. An index of an older schema version is upgraded
// this way; a current one is simply rebuilt. The old index keeps its write lock until the swap,
// and readers that have it open go on reading it until they reopen.
// Not thread-safe: call run_reindex() from one thread (it manages its own workers).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <xapian.h>

#include "dateline/result.hpp"

namespace dateline::indexer {

struct ReindexOptions {
    std::string database;
    // --default-lang (a primary subtag); none: the one the index keeps, else English.
    std::optional<std::string> default_language;
    std::size_t threads = 0;  // analysis threads; 0 = one per spare core
    // --title-weight; none: the one the index keeps, else the default (title_weight.hpp).
    std::optional<Xapian::termcount> title_weight;
    // --positions on|off; none: what the index keeps (word_positions.hpp).
    std::optional<bool> positions;
};

struct ReindexSummary {
    std::size_t articles = 0;            // re-indexed
    std::string old_version;             // the index's schema version before ("" when it had none)
    std::string default_language;        // the rebuilt index's
    Xapian::termcount title_weight = 0;  // the rebuilt index's
    bool positions = true;               // the rebuilt index's
    double seconds = 0;
    bool interrupted = false;  // a stop signal came first: the index was left as it was
};

// Fails, leaving the index as it was, when it is no index, is locked by another writer, or
// holds a document whose stored article cannot be read back.
Result<ReindexSummary, std::string> run_reindex(const ReindexOptions& options);

}  // namespace dateline::indexer
