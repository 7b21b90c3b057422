// The list of hits on the HTML search page: each hit's highlighted title (a link when the
// article's URL is http or https), date, source, author, how many other sources ran its story,
// snippet and tags. Every stored field is escaped here; title_highlighted and snippet arrive as
// escaped HTML with <mark> and are inserted as they are. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/search_result.hpp"

namespace dateline::server {

// `first_number` is the rank of the first hit (21 on page 3 of 10 a page).
void append_result_list(std::string& out, const std::vector<Hit>& hits, std::size_t first_number);

// True for an absolute http: or https: URL (any case): the only kinds a page links to, so a
// stored "javascript:" or "data:" URL is never live.
bool is_web_url(std::string_view url);

}  // namespace dateline::server
