// SearchPageEndpoint: GET /search, the HTML results page that works with JavaScript off (the
// search box's form falls back to it; blogs link to it). It takes the /v1/search parameters
// leniently (web/search_page_query.hpp) and answers HTML even when the request cannot be run: a
// bad value is a 400 page with the form and a message, never JSON. Parameters are parsed on the
// I/O thread; the search and the page are rendered on a search worker. Cacheable like search
// JSON (ETag from the index version). Thread-safe: const; the pool and metrics are thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class SearchPageEndpoint {
public:
    SearchPageEndpoint(SearchPool& pool, Metrics& metrics) : pool_(pool), metrics_(metrics) {}

    boost::asio::awaitable<ApiResult> page(const ApiRequest& request) const;

private:
    SearchPool& pool_;
    Metrics& metrics_;
};

}  // namespace dateline::server
