// Page arithmetic and the pagination links.
#include "web/pagination.hpp"

#include <algorithm>

#include "search/html_escape.hpp"
#include "web/display_format.hpp"
#include "web/search_page_query.hpp"

namespace dateline::server {
namespace {

void append_page_link(std::string& out, const QueryParams& params, std::size_t page,
                      std::string_view rel, std::string_view label) {
    // Page 1 is the page without a page parameter: one URL per page for caches and history.
    const QueryParams target = with_param(params, "page", page > 1 ? std::to_string(page) : "");
    out += "<a rel=\"";
    out += rel;
    out += "\" href=\"";
    append_html_escaped(out, search_page_link(target));
    out += "\">";
    out += label;
    out += "</a>";
}

}  // namespace

Pagination paginate(std::uint64_t total, std::size_t page, std::size_t per_page) {
    per_page = std::max<std::size_t>(per_page, 1);
    const std::uint64_t reachable = std::min<std::uint64_t>(total, SearchLimits::kMaxResultDepth);
    return {page, static_cast<std::size_t>((reachable + per_page - 1) / per_page)};
}

void append_pagination(std::string& out, const QueryParams& params, const Pagination& pages) {
    if (pages.last_page <= 1 && pages.page <= 1) return;
    out += "<nav class=\"pagination\" aria-label=\"Pages\">";
    if (pages.page > 1)
        append_page_link(out, params,
                         std::min(pages.page - 1, std::max<std::size_t>(pages.last_page, 1)),
                         "prev", "Previous");
    out += "<span class=\"pagination-position\">";
    if (pages.page <= pages.last_page)
        out += "Page " + with_thousands(pages.page) + " of " + with_thousands(pages.last_page);
    else
        out += "Past the last page";
    out += "</span>";
    if (pages.page < pages.last_page) append_page_link(out, params, pages.page + 1, "next", "Next");
    out += "</nav>";
}

}  // namespace dateline::server
