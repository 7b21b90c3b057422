// GET /metrics.
#include "api/metrics_endpoint.hpp"

namespace dateline::server {

boost::asio::awaitable<ApiResult> MetricsEndpoint::metrics(const ApiRequest&) const {
    metrics_.set_searches_in_flight(pool_.in_flight());
    metrics_.set_open_connections(tracker_.open_connections());
    ApiReply reply;  // a live reading: no index version, never cached
    reply.body = metrics_.render();
    reply.content_type = kContentType;
    co_return reply;
}

}  // namespace dateline::server
