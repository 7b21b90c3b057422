// SearchEndpoint: GET /v1/search. Parameters are parsed on the I/O thread, so a bad request
// is answered without touching the pool; the search and its JSON run on a search worker.
// Thread-safe: const; the pool and metrics are thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class SearchEndpoint {
public:
    SearchEndpoint(SearchPool& pool, Metrics& metrics) : pool_(pool), metrics_(metrics) {}

    boost::asio::awaitable<ApiResult> search(const ApiRequest& request) const;

private:
    SearchPool& pool_;
    Metrics& metrics_;
};

}  // namespace dateline::server
