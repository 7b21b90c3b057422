// Pagination of the HTML search page: which pages exist (capped at the deepest result a search
// may reach) and the Previous / Page N of M / Next links, each keeping every other parameter.
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "search/search_request.hpp"

namespace dateline::server {

struct Pagination {
    std::size_t page = 1;       // the page shown, 1-based; may lie past last_page
    std::size_t last_page = 0;  // 0 when nothing matched
};

// total hits at per_page a page, never past SearchLimits::kMaxResultDepth.
Pagination paginate(std::uint64_t total, std::size_t page, std::size_t per_page);

// Nothing when everything fits on one page.
void append_pagination(std::string& out, const QueryParams& params, const Pagination& pages);

}  // namespace dateline::server
