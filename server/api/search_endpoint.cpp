// GET /v1/search.
#include "api/search_endpoint.hpp"

#include <chrono>
#include <cmath>

#include "api/pool_job.hpp"
#include "api/search_json.hpp"

namespace dateline::server {
namespace {

Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    return std::round(took.count() * 1000) / 1000;  // microsecond resolution is plenty
}

}  // namespace

boost::asio::awaitable<ApiResult> SearchEndpoint::search(const ApiRequest& request) const {
    auto parsed = parse_search_request(request.params, now());
    if (!parsed) co_return Unexpected(parsed.error());
    SearchJob job = [search = std::move(*parsed),
                     &metrics = metrics_](Searcher& searcher) -> ApiResult {
        const auto start = std::chrono::steady_clock::now();
        auto result = searcher.search(search);
        if (!result) return Unexpected(result.error());
        const double took_ms = milliseconds_since(start);
        metrics.set_index_revision(result->index_revision);
        return json_reply(search_response_json(search, *result, took_ms), result->index_version);
    };
    co_return co_await run_on_pool(pool_, std::move(job));
}

}  // namespace dateline::server
