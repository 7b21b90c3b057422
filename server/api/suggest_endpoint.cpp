// GET /v1/suggest.
#include "api/suggest_endpoint.hpp"

#include <nlohmann/json.hpp>

#include "api/pool_job.hpp"
#include "api/query_params.hpp"

namespace dateline::server {

boost::asio::awaitable<ApiResult> SuggestEndpoint::suggest(const ApiRequest& request) const {
    if (auto known = reject_unknown(request.params, {"q"}); !known)
        co_return Unexpected(known.error());
    auto prefix = single_value(request.params, "q");
    if (!prefix) co_return Unexpected(prefix.error());
    if (prefix->size() > SearchLimits::kMaxQueryBytes)
        co_return Unexpected(ApiError{
            ErrorCode::kQueryTooLong,
            "q is longer than " + std::to_string(SearchLimits::kMaxQueryBytes) + " bytes", "q"});
    SearchJob job = [prefix = std::move(*prefix)](Searcher& searcher) -> ApiResult {
        // The revision first: if a commit lands in between, the tag is the older one and a
        // later request revalidates, rather than an old answer being pinned to a new tag.
        const std::uint64_t version = searcher.version();
        auto suggestions = searcher.suggest(prefix, kMaxSuggestions);
        if (!suggestions) return Unexpected(suggestions.error());
        return json_reply({{"suggestions", *suggestions}}, version);
    };
    co_return co_await run_on_pool(pool_, std::move(job));
}

}  // namespace dateline::server
