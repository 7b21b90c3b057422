// GET /healthz and GET /readyz.
#include "api/health_endpoint.hpp"

#include <nlohmann/json.hpp>

#include "api/pool_job.hpp"

namespace dateline::server {

boost::asio::awaitable<ApiResult> HealthEndpoint::healthz(const ApiRequest&) const {
    co_return json_reply({{"status", "ok"}});
}

boost::asio::awaitable<ApiResult> HealthEndpoint::readyz(const ApiRequest&) const {
    SearchJob job = [&metrics = metrics_](Searcher& searcher) -> ApiResult {
        auto status = searcher.status();
        if (!status) return Unexpected(status.error());
        metrics.set_index_state(status->article_count, status->revision);
        return json_reply({{"status", "ready"},
                           {"articles", status->article_count},
                           {"revision", status->revision}});
    };
    ApiResult ready = co_await run_on_pool(pool_, std::move(job));
    // A full queue keeps its own answer (503 with Retry-After); any other failure means the
    // index cannot be read, which is what "not ready" reports.
    if (!ready && ready.error().code != ErrorCode::kOverloaded &&
        ready.error().code != ErrorCode::kUnavailable)
        co_return Unexpected(ApiError{ErrorCode::kUnavailable, "the index cannot be read", {}});
    co_return ready;
}

}  // namespace dateline::server
