// Terms of one field into a document: positional words, stems, exact accented forms.
#include "field_indexer.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"

namespace dateline::indexer {

void FieldIndexer::start(Xapian::Document& document, CachingStemmer& stemmer, bool positions) {
    document_ = &document;
    positions_ = positions;
    stemmer_ = &stemmer;
    base_ = next_base_ = 1;
}

void FieldIndexer::index(std::string_view text, Xapian::termcount weight, std::string_view prefix) {
    prefix_.assign(prefix);
    weight_ = weight;
    base_ = next_base_;
    const std::uint32_t used = analyze_terms(text, *this);
    next_base_ = std::max(next_base_, base_ + used + kFieldGap);
}

void FieldIndexer::add(const AnalyzedTerm& term) {
    buffer_.assign(prefix_).append(term.term);
    if (positions_)
        document_->add_posting(buffer_, base_ + term.position, weight_);
    else
        document_->add_term(buffer_, weight_);
    if (is_stemmable(term)) {
        // Xapian's convention: "Z" + field prefix + stem, no positions.
        buffer_.assign(schema::kStemPrefix).append(prefix_).append((*stemmer_)(term.term));
        document_->add_term(buffer_, weight_);
    }
    if (!term.exact.empty() && prefix_.empty()) {
        buffer_.assign(schema::kExactPrefix).append(term.exact);
        if (buffer_.size() <= schema::kMaxTermBytes) document_->add_term(buffer_, weight_);
    }
}

}  // namespace dateline::indexer
