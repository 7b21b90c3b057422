// GET /v1/articles/{id} and /v1/articles/{id}/related.
#include "api/articles_endpoint.hpp"

#include <nlohmann/json.hpp>

#include "api/pool_job.hpp"
#include "api/query_params.hpp"
#include "api/search_json.hpp"

namespace dateline::server {

// In both jobs the revision is read first: if a commit lands in between, the tag is the older
// one and a later request revalidates, rather than an old answer being pinned to a new tag.

boost::asio::awaitable<ApiResult> ArticlesEndpoint::article(const ApiRequest& request) const {
    if (auto known = reject_unknown(request.params, {}); !known)
        co_return Unexpected(known.error());
    SearchJob job = [id = request.path_params.at(0)](Searcher& searcher) -> ApiResult {
        const std::uint64_t version = searcher.version();
        auto article = searcher.article(id);
        if (!article) return Unexpected(article.error());
        return json_reply(*article, version);
    };
    co_return co_await run_on_pool(pool_, std::move(job));
}

boost::asio::awaitable<ApiResult> ArticlesEndpoint::related(const ApiRequest& request) const {
    if (auto known = reject_unknown(request.params, {}); !known)
        co_return Unexpected(known.error());
    SearchJob job = [id = request.path_params.at(0)](Searcher& searcher) -> ApiResult {
        const std::uint64_t version = searcher.version();
        auto hits = searcher.related(id, kRelatedHits);
        if (!hits) return Unexpected(hits.error());
        return json_reply({{"hits", hits_json(*hits)}}, version);
    };
    co_return co_await run_on_pool(pool_, std::move(job));
}

}  // namespace dateline::server
