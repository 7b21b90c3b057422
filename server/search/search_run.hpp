// One search from request to result over a caller's Database: build the query, widen an
// all-words query that matched nothing to any-word matching (relaxed), order (BM25, dates, or
// BM25 blended with freshness), page, count facets and shape the hits.
// A function; not thread-safe (the Database and TextAnalyzer are the caller's).
#pragma once

#include <xapian.h>

#include "dateline/result.hpp"
#include "dateline/text_analyzer.hpp"
#include "search/api_error.hpp"
#include "search/ranking_options.hpp"
#include "search/search_request.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

// Xapian exceptions (a broken or changing index) pass through to Searcher's boundary.
Result<SearchResult, ApiError> run_search(const Xapian::Database& database, TextAnalyzer& analyzer,
                                          const SearchRequest& request,
                                          const RankingOptions& ranking = {});

}  // namespace dateline::server
