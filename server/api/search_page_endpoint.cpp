// GET /search.
#include "api/search_page_endpoint.hpp"

#include <chrono>

#include "api/pool_job.hpp"
#include "http/page_security.hpp"
#include "web/search_page.hpp"
#include "web/search_page_query.hpp"

namespace dateline::server {
namespace {

Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

ApiReply html_reply(std::string page) {
    ApiReply reply;
    reply.body = std::move(page);
    reply.content_type = kHtmlContentType;
    reply.headers = page_security_headers();
    return reply;
}

// The form again, with a message, under the failure's own status.
ApiReply problem_page(const QueryParams& params, const ApiError& problem) {
    ApiReply reply = html_reply(render_search_page({params, 1, 10, nullptr, &problem}));
    reply.failure = problem.code;
    return reply;
}

}  // namespace

boost::asio::awaitable<ApiResult> SearchPageEndpoint::page(const ApiRequest& request) const {
    QueryParams params = search_page_params(request.params);
    if (request.query_error) co_return problem_page(params, *request.query_error);
    auto parsed = parse_search_request(params, now());
    if (!parsed) co_return problem_page(params, parsed.error());
    parsed->facet_source = true;  // the source menu offers this query's sources
    SearchJob job = [params, search = std::move(*parsed),
                     &metrics = metrics_](Searcher& searcher) -> ApiResult {
        auto result = searcher.search(search);
        if (!result) return problem_page(params, result.error());
        metrics.set_index_revision(result->index_revision);
        ApiReply reply = html_reply(
            render_search_page({params, search.page, search.per_page, &*result, nullptr}));
        reply.index_version = result->index_version;
        return reply;
    };
    ApiResult outcome = co_await run_on_pool(pool_, std::move(job));
    if (!outcome) co_return problem_page(params, outcome.error());
    co_return outcome;
}

}  // namespace dateline::server
