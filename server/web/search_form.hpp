// The search form of the HTML search page: the query box and the date, source and sort
// controls, showing the request's own values, with everything else the request carries (tags,
// authors, per_page) kept in hidden inputs. Works without JavaScript. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "search/search_request.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

// `sources` are the values offered besides "All sources" (this query's source facet); the
// selected one is offered even when absent from it.
void append_search_form(std::string& out, const QueryParams& params,
                        const std::vector<FacetValue>& sources);

}  // namespace dateline::server
