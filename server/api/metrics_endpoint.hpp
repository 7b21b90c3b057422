// MetricsEndpoint: GET /metrics, the Prometheus text exposition of Metrics, with the gauges
// that are sampled at scrape time (searches in flight, open connections).
// Thread-safe: const; everything it reads is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/connection_tracker.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class MetricsEndpoint {
public:
    static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

    MetricsEndpoint(const SearchPool& pool, const ConnectionTracker& tracker, Metrics& metrics)
        : pool_(pool), tracker_(tracker), metrics_(metrics) {}

    boost::asio::awaitable<ApiResult> metrics(const ApiRequest& request) const;

private:
    const SearchPool& pool_;
    const ConnectionTracker& tracker_;
    Metrics& metrics_;
};

}  // namespace dateline::server
