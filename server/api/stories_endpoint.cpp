// GET /v1/stories/{id}.
#include "api/stories_endpoint.hpp"

#include "api/pool_job.hpp"
#include "api/query_params.hpp"
#include "api/story_json.hpp"

namespace dateline::server {

boost::asio::awaitable<ApiResult> StoriesEndpoint::story(const ApiRequest& request) const {
    if (auto known = reject_unknown(request.params, {}); !known)
        co_return Unexpected(known.error());
    // The revision is read first, as for articles (articles_endpoint.cpp).
    SearchJob job = [id = request.path_params.at(0)](Searcher& searcher) -> ApiResult {
        const std::uint64_t version = searcher.version();
        auto story = searcher.story(id);
        if (!story) return Unexpected(story.error());
        return json_reply(story_json(*story), version);
    };
    co_return co_await run_on_pool(pool_, std::move(job));
}

}  // namespace dateline::server
