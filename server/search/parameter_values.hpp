// Parsers for single search-parameter values (numbers, dates, half-lives, facet lists). Each
// returns the value or a message saying what is allowed; search_request.cpp adds the
// parameter name. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "dateline/date.hpp"
#include "dateline/result.hpp"
#include "search/search_request.hpp"

namespace dateline::server {

// A whole number in [min, max], digits only ("10", not "+10" or "1e1").
Result<std::size_t, std::string> parse_count(std::string_view text, std::size_t min,
                                             std::size_t max);

// A date bound: YYYY-MM-DD, RFC 3339, "now" or "now-<N>h|d|w" relative to `now`. With
// end_of_day, a date-only value means the last second of that day (an inclusive `to`).
Result<Timestamp, std::string> parse_time_bound(std::string_view text, Timestamp now,
                                                bool end_of_day);

// A recency half-life: "<N>d" or "<N>h", from one hour to a century.
Result<std::chrono::seconds, std::string> parse_half_life(std::string_view text);

Result<SortOrder, std::string> parse_sort(std::string_view text);

// story or none.
Result<Collapse, std::string> parse_collapse(std::string_view text);

// An on/off parameter: true, false, 1 or 0 (exactly; URLs are machine-written).
Result<bool, std::string> parse_switch(std::string_view text);

// One item of the facets list ("source", "tag", "lang", "date:year|month|day"), merged into
// request.
Result<void, std::string> apply_facet(std::string_view item, SearchRequest& request);

// A BCP 47-looking language tag: letters, digits and hyphens, at most 35 characters.
bool is_language_tag(std::string_view text);

}  // namespace dateline::server
