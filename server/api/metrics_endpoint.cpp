// GET /metrics.
#include "api/metrics_endpoint.hpp"

namespace dateline::server {

boost::asio::awaitable<ApiResult> MetricsEndpoint::metrics(const ApiRequest&) const {
    metrics_.set_searches_in_flight(pool_.in_flight());
    metrics_.set_open_connections(tracker_.open_connections());
    co_return ApiReply{metrics_.render(), kContentType, std::nullopt};
}

}  // namespace dateline::server
