// FieldIndexer: writes the terms of one analysed text field into a Xapian::Document, as the
// schema says: each term with its position (for phrases), its stem as a "Z" term and, for an
// accent-folded word, its exact form under schema::kExactPrefix (to rank exact matches first).
// The same terms the server's query analysis looks for (dateline/term_analysis.hpp).
// Not thread-safe: one per DocumentBuilder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "dateline/term_analysis.hpp"
#include "dateline/text_analyzer.hpp"

namespace dateline::indexer {

class FieldIndexer : public TermSink {
public:
    // Starts a document: positions from 1 again. Without `positions` (an index built with
    // --no-positions) words are written with their counts alone.
    void start(Xapian::Document& document, CachingStemmer& stemmer, bool positions = true);

    // Indexes `text` under `prefix` ("" for the unprefixed, searchable-anywhere terms), each
    // occurrence counting `weight` times. Positions continue after the previous field's, with
    // a gap, so phrases never match across two fields.
    void index(std::string_view text, Xapian::termcount weight, std::string_view prefix = {});

    void add(const AnalyzedTerm& term) override;

private:
    static constexpr Xapian::termpos kFieldGap = 100;

    Xapian::Document* document_ = nullptr;
    bool positions_ = true;
    CachingStemmer* stemmer_ = nullptr;
    std::string prefix_;
    Xapian::termcount weight_ = 1;
    Xapian::termpos base_ = 1, next_base_ = 1;
    std::string buffer_;  // reused for prefixed terms
};

}  // namespace dateline::indexer
