// TermMatcher: decides which terms of an article a query matched, for highlighting. Built
// from the parsed query's terms (unprefixed words, title words, and Z-prefixed stems) and its
// wildcard prefixes; an article's term (from the same analysis the indexer ran) matches when
// it is a query word, its stem (in the article's language) is a query stem, or it starts with
// a wildcard prefix. Words that
// share a stem share one concept id, so "strike" and "striking" count once for density.
// Not thread-safe (caches stems): one per search.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "dateline/term_analysis.hpp"

namespace dateline::server {

class TermMatcher {
public:
    static constexpr int kNoMatch = -1;

    TermMatcher() = default;
    TermMatcher(const Xapian::Query& query, std::vector<std::string> wildcard_prefixes);

    bool empty() const { return words_.empty() && stems_.empty() && prefixes_.empty(); }
    std::size_t concept_count() const { return concepts_; }

    // Words from here on are stemmed with `stemmer`, the article's language's; `language` is
    // its primary subtag. Keeps the cache when the stemmer is the same as before.
    void set_language(const Xapian::Stem& stemmer, std::string_view language);

    // The concept id the term matches, or kNoMatch.
    int match(const AnalyzedTerm& term);

private:
    int add_concept(std::unordered_map<std::string, int>& table, std::string key);
    int stem_concept(const std::string& key);
    bool may_stem_to_query_stem(const std::string& key) const;

    std::unordered_map<std::string, int> words_;  // normalised word -> concept
    std::unordered_map<std::string, int> stems_;  // stem -> concept
    std::vector<std::pair<std::string, int>> prefixes_;
    std::size_t concepts_ = 0;
    std::bitset<128> stem_initials_;  // ASCII first bytes of the query stems
    bool prefilter_ = true;  // stems keep the word's first letter: skip stemming other words
    const Xapian::Stem* stemmer_ = nullptr;
    std::unordered_map<std::string, int> stem_cache_;  // word -> stem's concept, for stemmer_
};

}  // namespace dateline::server
