// DocumentBuilder: turns a validated Article into the Xapian::Document the schema describes
// (terms, values, stored record, story fingerprint; the story is StoryAssigner's). No database
// access, so it can run on any thread. Not thread-safe: one builder per thread.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/article.hpp"
#include "dateline/index_schema.hpp"
#include "dateline/text_analyzer.hpp"
#include "field_indexer.hpp"

namespace dateline::indexer {

class DocumentBuilder {
public:
    // title_weight: how many body words a title word counts as (the index's setting).
    // positions: whether the index keeps word positions (word_positions.hpp).
    explicit DocumentBuilder(Xapian::termcount title_weight = schema::kTitleWeight,
                             bool positions = true);
    Xapian::Document build(const Article& article);

private:
    void index_free_text(const Article& article);
    void add_filter_terms(Xapian::Document& document, const Article& article) const;
    void add_values(Xapian::Document& document, const Article& article) const;
    void add_fingerprint(Xapian::Document& document, const Article& article) const;

    Xapian::termcount title_weight_;
    bool positions_;
    TextAnalyzer analyzer_;
    FieldIndexer fields_;
};

// Words worth offering as spelling corrections, with their frequency in the document: the
// unprefixed, unstemmed words, minus numbers and fragments. The index writer feeds these to
// Xapian's spelling table (it needs the database, so it cannot happen while building).
std::vector<std::pair<std::string, Xapian::termcount>> spelling_words(
    const Xapian::Document& document);

}  // namespace dateline::indexer
