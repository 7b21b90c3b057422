// The parameters of the HTML search page (/search), read leniently, as a web page must be: a
// form submits empty values for untouched fields, and links arrive with tracking parameters.
// The kept parameters go to parse_search_request unchanged, and links on the page are built
// from them. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "search/search_request.hpp"

namespace dateline::server {

inline constexpr std::string_view kSearchPagePath = "/search";

// Keeps only the parameters the page takes (q, from, to, source, tag, author, lang, sort,
// collapse, page, per_page); drops empty values; keeps the first value of a single-valued
// parameter given twice. Everything else (utm_source, facets, a typo) is ignored rather than an
// error.
QueryParams search_page_params(const QueryParams& params);

// The first value of `name`, or "" when absent.
std::string_view param_value(const QueryParams& params, std::string_view name);

// "/search?<params>", or "/search" when there are none. Percent-encoded, not HTML-escaped.
std::string search_page_link(const QueryParams& params);

// The parameters with every value of `name` replaced by `value` (removed when value is empty).
QueryParams with_param(QueryParams params, const std::string& name, std::string_view value);

}  // namespace dateline::server
