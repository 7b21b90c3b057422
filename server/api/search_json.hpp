// The JSON shapes of search results: SearchRequest + SearchResult -> the /v1/search response,
// and Hit -> a hit (shared with /v1/articles/{id}/related). Plain fields are raw text; only
// title_highlighted and snippet are HTML. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "search/search_request.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

nlohmann::json hit_json(const Hit& hit);
nlohmann::json hits_json(const std::vector<Hit>& hits);
nlohmann::json applied_filters_json(const SearchRequest& request);
nlohmann::json search_response_json(const SearchRequest& request, const SearchResult& result,
                                    double took_ms);

}  // namespace dateline::server
