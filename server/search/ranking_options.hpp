// RankingOptions: how search results are ordered and counted, as the operator configured it
// (defaults are what bench/relevance measured best; docs/ranking.md has the figures). Every choice
// can be switched off (dateline-server --ranking-off) so its effect can be measured on its own.
// Plain value type; thread-safe to copy and to read (the synonym table is immutable).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "search/synonym_table.hpp"

namespace dateline::server {

inline constexpr Xapian::doccount kDefaultCountLimit = 10'000;

struct RankingOptions {
    // BM25's term-frequency saturation and length normalisation (Xapian's defaults: 1, 0.5).
    double bm25_k1 = 1.8;
    double bm25_b = 0.5;
    // Articles with a query word as typed (not only its stem) gain this share of its weight.
    double exact_word_weight = 0.3;
    bool stop_words = true;         // the query language's stop words are dropped
    bool stemming = true;           // words match their stems
    bool all_words = true;          // up to kMaxAllWordsQueryWords words: every one required
    bool long_query_cut = true;     // over kMaxQueryTerms: cut to the rarest words, not refused
    bool capitals_as_words = true;  // AND/OR/NOT in an all-capitals query are words
    std::shared_ptr<const SynonymTable> synonyms;  // null: none
    // Totals and facets are exact up to this many matches; beyond it a search stops counting
    // (total_relation "gte", facets over the matches examined). Lower is faster on words
    // found in much of a large archive (docs/performance.md measures it).
    Xapian::doccount count_limit = kDefaultCountLimit;
};

// The features --ranking-off can name, in the order docs/ranking.md lists them.
inline constexpr std::string_view kRankingFeatures[] = {
    "stop-words", "stemming", "exact-words", "all-words", "long-query-cut", "capitals", "synonyms"};

// Switches the named features off; fails naming the first unknown one.
Result<void, std::string> switch_off(RankingOptions& options,
                                     const std::vector<std::string>& features);

}  // namespace dateline::server
