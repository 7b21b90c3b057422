// make_api_router: the server's one table of routes — every method and path it answers, and
// the endpoint behind each. Thread-safety: the Router it returns is immutable once built.
#pragma once

#include "http/connection_tracker.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

// What the endpoints depend on; all of it must outlive the router.
struct ApiServices {
    SearchPool& pool;
    Metrics& metrics;
    const ConnectionTracker& tracker;
};

Router make_api_router(const ApiServices& services);

}  // namespace dateline::server
