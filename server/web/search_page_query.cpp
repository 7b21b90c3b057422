// Lenient parameter reading and link building for the search page.
#include "web/search_page_query.hpp"

#include <algorithm>
#include <array>

#include "web/url_encoding.hpp"

namespace dateline::server {
namespace {

struct PageParameter {
    std::string_view name;
    bool repeatable;
};

// The /v1/search parameters a person's search can use; the others (facets, snippet_words,
// recency, partial) shape an API response and mean nothing on this page: a submitted search
// is complete, so its last word is never partial.
constexpr std::array<PageParameter, 11> kPageParameters = {{
    {"q", false},
    {"from", false},
    {"to", false},
    {"source", true},
    {"tag", true},
    {"author", true},
    {"lang", true},
    {"sort", false},
    {"collapse", false},
    {"page", false},
    {"per_page", false},
}};

const PageParameter* find_parameter(std::string_view name) {
    const auto found = std::find_if(kPageParameters.begin(), kPageParameters.end(),
                                    [name](const PageParameter& p) { return p.name == name; });
    return found == kPageParameters.end() ? nullptr : &*found;
}

}  // namespace

QueryParams search_page_params(const QueryParams& params) {
    QueryParams kept;
    for (const auto& [name, value] : params) {
        const PageParameter* parameter = find_parameter(name);
        if (parameter == nullptr || value.empty()) continue;
        if (!parameter->repeatable && kept.count(name) > 0) continue;
        kept.emplace(name, value);
    }
    return kept;
}

std::string_view param_value(const QueryParams& params, std::string_view name) {
    const auto found = params.find(std::string(name));
    return found == params.end() ? std::string_view{} : std::string_view(found->second);
}

std::string search_page_link(const QueryParams& params) {
    const std::string query = query_string(params);
    return std::string(kSearchPagePath) + (query.empty() ? "" : "?" + query);
}

QueryParams with_param(QueryParams params, const std::string& name, std::string_view value) {
    params.erase(name);
    if (!value.empty()) params.emplace(name, std::string(value));
    return params;
}

}  // namespace dateline::server
