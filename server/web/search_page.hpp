// The HTML search results page (/search): a complete document that works with JavaScript off —
// the search form with the request's values, a heading saying what was found, did-you-mean and
// relaxed-match notices, the results and pagination; or, for a request that could not be run,
// the form with a message for a person. Styled by /search-page.css only (no inline styles or
// scripts, so a strict Content-Security-Policy holds). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "search/api_error.hpp"
#include "search/search_request.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

struct SearchPageContent {
    const QueryParams& params;  // the page's parameters (search_page_params): form and links
    std::size_t page = 1;
    std::size_t per_page = 10;
    const SearchResult* result = nullptr;  // nullptr when nothing was searched
    const ApiError* problem = nullptr;     // why nothing was searched; nullptr when it was
};

std::string render_search_page(const SearchPageContent& content);

// The message a person sees for a failed request: "Check the start date: …" for a bad
// parameter, a plain apology for an overloaded or broken server.
std::string problem_message(const ApiError& problem);

}  // namespace dateline::server
