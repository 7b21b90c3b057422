// Summing spelling words across documents and batches.
#include "spelling_tally.hpp"

#include "document_builder.hpp"

namespace dateline::indexer {

void SpellingTally::add(const Xapian::Document& document) {
    for (auto& [word, frequency] : spelling_words(document)) words_[std::move(word)] += frequency;
}

void SpellingTally::merge(const SpellingTally& other) {
    for (const auto& [word, frequency] : other.words_) words_[word] += frequency;
}

}  // namespace dateline::indexer
