// SpellingTally: the words worth offering as spelling corrections (see spelling_words), summed
// over many documents before they reach Xapian's spelling table.
// Why: Xapian's add_spelling costs a lookup in an ordered map per call, and calling it for
// every word of every document was a third of a bulk build's time. The analysis threads sum
// each batch; the writer sums the batches since its last commit and hands each distinct word
// to Xapian once, just before committing.
// Plain value type; not thread-safe.
#pragma once

#include <string>
#include <unordered_map>

#include <xapian.h>

namespace dateline::indexer {

class SpellingTally {
public:
    void add(const Xapian::Document& document);
    void merge(const SpellingTally& other);
    bool empty() const { return words_.empty(); }
    std::size_t size() const { return words_.size(); }
    // Each word once with its summed frequency, then the tally is empty.
    template <class Visit>
    void drain(Visit&& visit) {
        for (const auto& [word, frequency] : words_) visit(word, frequency);
        words_.clear();
    }
    void clear() { words_.clear(); }

private:
    std::unordered_map<std::string, Xapian::termcount> words_;
};

}  // namespace dateline::indexer
