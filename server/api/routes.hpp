// make_api_router: the server's one table of routes — every method and path it answers, and
// the endpoint behind each. Thread-safety: the Router it returns is immutable once built.
#pragma once

#include "http/connection_tracker.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "search/search_pool.hpp"
#include "web/static_assets.hpp"

namespace dateline::server {

// What the endpoints depend on; all of it but the assets must outlive the router.
struct ApiServices {
    SearchPool& pool;
    Metrics& metrics;
    const ConnectionTracker& tracker;
    const StaticAssets& assets;  // each gets its own route (copied: it need not outlive it)
};

Router make_api_router(const ApiServices& services);

}  // namespace dateline::server
