// Route matching: literal and {capture} segments, HEAD served by GET routes, 404 for unknown
// paths, 405 (with the Allow list) for known paths under another method; and the server's
// own route table.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "api/routes.hpp"
#include "http/router.hpp"

using namespace dateline::server;
using boost::beast::http::verb;

namespace {

RouteHandler unused_handler() {
    return [](const ApiRequest&) -> boost::asio::awaitable<ApiResult> { co_return ApiReply{}; };
}

Router test_router() {
    Router router;
    router.add(verb::get, "/v1/search", unused_handler());
    router.add(verb::get, "/v1/articles/{id}", unused_handler());
    router.add(verb::get, "/v1/articles/{id}/related", unused_handler());
    router.add(verb::post, "/v1/articles/{id}/related", unused_handler());
    router.add(verb::get, "/", unused_handler());
    return router;
}

}  // namespace

TEST_CASE("paths match their route and capture parameters", "[router]") {
    const Router router = test_router();
    const auto [method, path, pattern, captured] =
        GENERATE(table<verb, std::string, std::string, std::vector<std::string>>({
            {verb::get, "/v1/search", "/v1/search", {}},
            {verb::head, "/v1/search", "/v1/search", {}},
            {verb::get, "/v1/articles/abc-123", "/v1/articles/{id}", {"abc-123"}},
            {verb::get, "/v1/articles/a%2Fb%20c", "/v1/articles/{id}", {"a/b c"}},
            {verb::get, "/v1/articles/a+b", "/v1/articles/{id}", {"a+b"}},
            {verb::get, "/v1/articles/x/related", "/v1/articles/{id}/related", {"x"}},
            {verb::post, "/v1/articles/x/related", "/v1/articles/{id}/related", {"x"}},
            {verb::get, "/", "/", {}},
        }));
    CAPTURE(path);
    const auto match = router.match(method, path);
    REQUIRE(match);
    CHECK(match->route->pattern == pattern);
    CHECK(match->path_params == captured);
}

TEST_CASE("unknown paths are not_found", "[router]") {
    const Router router = test_router();
    const auto path =
        GENERATE(as<std::string>{}, "/v1/searc", "/v1/search/", "/v1//search", "/v1/articles",
                 "/v1/articles/", "/v1/articles//related", "/v1/articles/x/related/more",
                 "v1/search", "", "*", "/V1/SEARCH", "/v1/%73earch");
    CAPTURE(path);
    const auto match = router.match(verb::get, path);
    REQUIRE_FALSE(match);
    CHECK(match.error().code == ErrorCode::kNotFound);
    CHECK(router.allow(path).empty());
}

TEST_CASE("known paths under another method are method_not_allowed", "[router]") {
    const Router router = test_router();
    const auto method =
        GENERATE(verb::post, verb::put, verb::delete_, verb::patch, verb::options, verb::unknown);
    const auto match = router.match(method, "/v1/search");
    REQUIRE_FALSE(match);
    CHECK(match.error().code == ErrorCode::kMethodNotAllowed);
    CHECK(match.error().message.ends_with(
        "is not allowed on /v1/search; allowed: GET, HEAD, OPTIONS"));
    CHECK(router.allow("/v1/search") == "GET, HEAD, OPTIONS");
    CHECK(router.allow("/v1/articles/x/related") == "GET, HEAD, POST, OPTIONS");
}

TEST_CASE("a capture that does not decode names its parameter", "[router]") {
    const Router router = test_router();
    const auto match = router.match(verb::get, "/v1/articles/%E2%82/related");
    REQUIRE_FALSE(match);
    CHECK(match.error().code == ErrorCode::kInvalidParameter);
    CHECK(match.error().parameter == "id");
}

TEST_CASE("messages quote at most 200 bytes of a path", "[router]") {
    const Router router = test_router();
    const auto match = router.match(verb::get, "/" + std::string(5000, 'x'));
    REQUIRE_FALSE(match);
    CHECK(match.error().message.size() < 250);
}

TEST_CASE("the server's route table answers every documented route", "[router]") {
    Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
    SearchPool pool([&] { return Searcher(empty); }, 1, 1);
    Metrics metrics;
    ConnectionTracker tracker(1);
    const StaticAssets assets(std::vector<EmbeddedFile>{
        {"/", "text/html; charset=utf-8", "<!doctype html>"},
        {"/embed.js", "application/javascript; charset=utf-8", "export {};"}});
    const Router router = make_api_router({pool, metrics, tracker, assets});

    const std::string alias = versioned_path("/embed.js", "export {};");

    const auto [path, pattern, captured] =
        GENERATE_COPY(table<std::string, std::string, std::vector<std::string>>({
            {"/v1/search", "/v1/search", {}},
            {"/v1/suggest", "/v1/suggest", {}},
            {"/v1/articles/id-1", "/v1/articles/{id}", {"id-1"}},
            {"/v1/articles/id-1/related", "/v1/articles/{id}/related", {"id-1"}},
            {"/healthz", "/healthz", {}},
            {"/readyz", "/readyz", {}},
            {"/metrics", "/metrics", {}},
            {"/search", "/search", {}},
            {"/", "/", {}},
            {"/embed.js", "/embed.js", {}},
            {alias, alias, {}},
        }));
    CAPTURE(path);
    const auto match = router.match(verb::get, path);
    REQUIRE(match);
    CHECK(match->route->pattern == pattern);
    CHECK(match->path_params == captured);
    CHECK(router.allow(path) == "GET, HEAD, OPTIONS");
    CHECK(router.match(verb::post, path).error().code == ErrorCode::kMethodNotAllowed);
    CHECK(router.match(verb::get, path + "/x").error().code == ErrorCode::kNotFound);
    pool.stop();
}
