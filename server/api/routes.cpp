// The route table.
#include "api/routes.hpp"

#include "api/articles_endpoint.hpp"
#include "api/health_endpoint.hpp"
#include "api/metrics_endpoint.hpp"
#include "api/search_endpoint.hpp"
#include "api/search_page_endpoint.hpp"
#include "api/static_asset_endpoint.hpp"
#include "api/stories_endpoint.hpp"
#include "api/suggest_endpoint.hpp"

namespace dateline::server {
namespace {

// A handler calling one member of an endpoint, held by value in the router.
template <class Endpoint>
RouteHandler bind(Endpoint endpoint,
                  boost::asio::awaitable<ApiResult> (Endpoint::*member)(const ApiRequest&) const) {
    return [endpoint, member](const ApiRequest& request) { return (endpoint.*member)(request); };
}

}  // namespace

Router make_api_router(const ApiServices& services) {
    using boost::beast::http::verb;
    const SearchEndpoint search(services.pool, services.metrics);
    const SuggestEndpoint suggest(services.pool);
    const ArticlesEndpoint articles(services.pool);
    const StoriesEndpoint stories(services.pool);
    const HealthEndpoint health(services.pool, services.metrics);
    const MetricsEndpoint metrics(services.pool, services.tracker, services.metrics);
    const SearchPageEndpoint search_page(services.pool, services.metrics);

    Router router;
    router.add(verb::get, "/v1/search", bind(search, &SearchEndpoint::search));
    router.add(verb::get, "/v1/suggest", bind(suggest, &SuggestEndpoint::suggest));
    router.add(verb::get, "/v1/articles/{id}", bind(articles, &ArticlesEndpoint::article));
    router.add(verb::get, "/v1/articles/{id}/related", bind(articles, &ArticlesEndpoint::related));
    router.add(verb::get, "/v1/stories/{id}", bind(stories, &StoriesEndpoint::story));
    router.add(verb::get, "/healthz", bind(health, &HealthEndpoint::healthz));
    router.add(verb::get, "/readyz", bind(health, &HealthEndpoint::readyz));
    router.add(verb::get, "/metrics", bind(metrics, &MetricsEndpoint::metrics));
    // The web pages: the HTML results page, and the search box with its demo page (/, /embed.js,
    // stylesheets, versioned aliases), one route per file, so metrics labels stay bounded.
    router.add(verb::get, "/search", bind(search_page, &SearchPageEndpoint::page),
               QueryErrors::kToHandler);
    for (const StaticAsset& asset : services.assets.all())
        router.add(verb::get, asset.path,
                   bind(StaticAssetEndpoint(asset), &StaticAssetEndpoint::asset));
    return router;
}

}  // namespace dateline::server
