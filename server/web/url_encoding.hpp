// Building URLs for links in pages: percent-encoding and query strings. The inverse of
// http/query_string's decoding. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "search/search_request.hpp"

namespace dateline::server {

// Every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) as %XX, so the text is safe as a
// query name or value (no & = + # or space survive) and in any part of a URL.
std::string percent_encoded(std::string_view text);

// {q: "a b", tag: "x&y"} -> "q=a%20b&tag=x%26y", in the map's order; "" when empty.
std::string query_string(const QueryParams& params);

}  // namespace dateline::server
