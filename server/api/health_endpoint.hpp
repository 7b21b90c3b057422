// HealthEndpoint: GET /healthz (the process answers) and GET /readyz (a search worker can read
// the index: 200 with its article count and revision, else 503). Neither is ever cached.
// Thread-safe: const; the pool and metrics are thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class HealthEndpoint {
public:
    HealthEndpoint(SearchPool& pool, Metrics& metrics) : pool_(pool), metrics_(metrics) {}

    boost::asio::awaitable<ApiResult> healthz(const ApiRequest& request) const;
    boost::asio::awaitable<ApiResult> readyz(const ApiRequest& request) const;

private:
    SearchPool& pool_;
    Metrics& metrics_;
};

}  // namespace dateline::server
