// SearchRequest: a validated, transport-free description of one search, and its parsing
// from decoded query parameters (name -> values, repeatable). The HTTP layer decodes the URL;
// everything after that is here and in Searcher. Plain value types; thread-safe to copy.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dateline/date.hpp"
#include "dateline/result.hpp"
#include "search/api_error.hpp"

namespace dateline::server {

// Decoded query parameters: each name with all its values, in order.
using QueryParams = std::multimap<std::string, std::string>;

enum class SortOrder { kRelevance, kNewest, kOldest };
enum class DateFacet { kNone, kYear, kMonth, kDay };
// kStory: one hit per story (an article and its near-copies), totals and facets count stories;
// kNone: every matching article.
enum class Collapse { kStory, kNone };

struct SearchLimits {
    // Room for a pasted paragraph; its work is bounded by kMaxQueryTerms all the same.
    static constexpr std::size_t kMaxQueryBytes = 4096;
    static constexpr std::size_t kMaxQueryTerms = 32;
    static constexpr unsigned kMaxWildcardExpansion = 50;
    static constexpr std::size_t kMaxPerPage = 100;
    static constexpr std::size_t kMaxResultDepth = 10000;  // page * per_page
    static constexpr std::size_t kMaxFilterValues = 20;    // per filter field
    static constexpr std::size_t kMaxSnippetWords = 100;
};

struct SearchRequest {
    std::string q;                  // may be empty when filters are given
    std::optional<Timestamp> from;  // inclusive
    std::optional<Timestamp> to;    // inclusive (a date-only `to` already extended to 23:59:59)
    std::vector<std::string> sources, tags, authors, langs;  // OR within, AND across
    SortOrder sort = SortOrder::kRelevance;
    Collapse collapse = Collapse::kStory;
    std::optional<std::chrono::seconds> recency_half_life;
    std::size_t page = 1;
    std::size_t per_page = 10;
    bool facet_source = false, facet_tag = false, facet_lang = false;
    DateFacet facet_date = DateFacet::kNone;
    std::size_t snippet_words = 30;
    // The reader may still be typing the last word: it also matches as a prefix ("fer" finds
    // "ferry"), and is not corrected while some indexed word starts with it.
    bool partial = false;
    // When the request was made: recency ages are measured from it (the system clock when
    // absent), so a test can fix it and a long search does not drift.
    std::optional<Timestamp> now;
};

// `now` resolves relative dates such as "now-7d".
Result<SearchRequest, ApiError> parse_search_request(const QueryParams& params, Timestamp now);

}  // namespace dateline::server
