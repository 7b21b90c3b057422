// Static assets on the wire, through the request handler: gzip negotiation with Vary, strong
// ETags per representation and 304s, caching policies (unversioned, versioned alias, page),
// HEAD, the page security headers on HTML, and Vary merged with CORS's Vary: Origin. Also the
// general reply features they rest on: an HTML page answering a failure under its error status,
// and a page route given a malformed query to explain.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "api/static_asset_endpoint.hpp"
#include "handle_request.hpp"
#include "http/etag.hpp"
#include "http/page_security.hpp"
#include "http/request_handler.hpp"
#include "web/gzip.hpp"

using namespace dateline::server;
namespace http = boost::beast::http;

namespace {

// Long and repetitive enough that gzip is smaller; the tiny file is not.
const std::string kScript = "/* embed */\n" + std::string(2000, ';') + "export {};\n";
const std::string kPage = "<!doctype html><title>demo</title>" + std::string(500, ' ');
const std::string kTiny = "a{}";

std::vector<EmbeddedFile> test_files() {
    return {{"/", kHtmlContentType, kPage},
            {"/embed.js", "application/javascript; charset=utf-8", kScript},
            {"/tiny.css", "text/css; charset=utf-8", kTiny}};
}

struct Fixture {
    explicit Fixture(std::vector<std::string> origins = {"*"})
        : handler(router, CorsPolicy(std::move(origins)), metrics) {
        for (const StaticAsset& asset : assets.all())
            router.add(http::verb::get, asset.path,
                       [endpoint = StaticAssetEndpoint(asset)](const ApiRequest& request) {
                           return endpoint.asset(request);
                       });
        router.add(http::verb::get, "/page-problem",
                   [](const ApiRequest&) -> boost::asio::awaitable<ApiResult> {
                       ApiReply reply;
                       reply.body = "<p>Check the start date</p>";
                       reply.content_type = kHtmlContentType;
                       reply.failure = ErrorCode::kInvalidParameter;
                       reply.index_version = 3;  // ignored: a failure is never cached
                       reply.headers = page_security_headers();
                       co_return reply;
                   });
        router.add(
            http::verb::get, "/page-query",
            [](const ApiRequest& request) -> boost::asio::awaitable<ApiResult> {
                ApiReply reply;
                reply.content_type = kHtmlContentType;
                reply.body = request.query_error
                                 ? "<p>bad: " + request.query_error->message + "</p>"
                                 : "<p>" + request.params.find("q")->second + "</p>";
                if (request.query_error) reply.failure = request.query_error->code;
                co_return reply;
            },
            QueryErrors::kToHandler);
    }

    HttpResponse handle(const HttpRequest& request) {
        return testing::handle_request(handler, request);
    }

    HttpResponse get(const std::string& target, const std::string& accept_encoding = "",
                     http::verb method = http::verb::get) {
        HttpRequest request{method, target, 11};
        if (!accept_encoding.empty()) request.set(http::field::accept_encoding, accept_encoding);
        return handle(request);
    }

    StaticAssets assets{test_files()};
    Router router;
    Metrics metrics;
    RequestHandler handler;
};

bool has(const HttpResponse& response, http::field field) {
    return response.find(field) != response.end();
}

}  // namespace

TEST_CASE("an asset is gzipped when the client accepts gzip", "[static_assets]") {
    Fixture f;
    const HttpResponse gzipped = f.get("/embed.js", "gzip, deflate, br");
    REQUIRE(gzipped.result() == http::status::ok);
    CHECK(gzipped[http::field::content_encoding] == "gzip");
    CHECK(gzipped[http::field::vary] == "Accept-Encoding");
    CHECK(gzipped[http::field::content_type] == "application/javascript; charset=utf-8");
    CHECK(gzipped.body() == gzip_compressed(kScript));
    CHECK(gzipped.body().size() < kScript.size());
    CHECK(gzipped[http::field::etag] == make_content_etag(gzipped.body()));

    const HttpResponse plain = f.get("/embed.js", "gzip;q=0, *");
    CHECK_FALSE(has(plain, http::field::content_encoding));
    CHECK(plain[http::field::vary] == "Accept-Encoding");  // caches must still tell them apart
    CHECK(plain.body() == kScript);
    CHECK(plain[http::field::etag] == make_content_etag(kScript));
    CHECK(plain[http::field::etag] != gzipped[http::field::etag]);  // one tag per representation

    CHECK(f.get("/embed.js").body() == kScript);  // no Accept-Encoding: identity
    CHECK(f.get("/embed.js", "identity").body() == kScript);
    CHECK(f.get("/embed.js", "*").body() == gzipped.body());
}

TEST_CASE("an asset gzip would not shrink is always sent as it is", "[static_assets]") {
    Fixture f;
    const HttpResponse response = f.get("/tiny.css", "gzip");
    CHECK(response.body() == kTiny);
    CHECK_FALSE(has(response, http::field::content_encoding));
    CHECK_FALSE(has(response, http::field::vary));
}

TEST_CASE("a matching If-None-Match on an asset gets 304", "[static_assets]") {
    Fixture f;
    const std::string etag = f.get("/embed.js", "gzip")[http::field::etag];
    HttpRequest request{http::verb::get, "/embed.js?v=2", 11};  // the query is ignored
    request.set(http::field::accept_encoding, "gzip");
    request.set(http::field::if_none_match, etag);
    const HttpResponse response = f.handle(request);
    CHECK(response.result() == http::status::not_modified);
    CHECK(response.body().empty());
    CHECK(response[http::field::etag] == etag);
    CHECK(response[http::field::cache_control] == kSubresourceCacheControl);
    CHECK(response[http::field::vary] == "Accept-Encoding");
    CHECK_FALSE(has(response, http::field::content_encoding));
    CHECK_FALSE(has(response, http::field::content_type));

    // The identity tag does not validate the gzip representation.
    request.set(http::field::if_none_match, make_content_etag(kScript));
    CHECK(f.handle(request).result() == http::status::ok);
}

TEST_CASE("caching depends on the kind of asset", "[static_assets]") {
    Fixture f;
    CHECK(f.get("/embed.js")[http::field::cache_control] ==
          "public, max-age=86400, stale-while-revalidate=604800");
    const std::string alias = versioned_path("/embed.js", kScript);
    CHECK(alias.size() == std::string("/embed..js").size() + 12);
    const HttpResponse versioned = f.get(alias, "gzip");
    CHECK(versioned.result() == http::status::ok);
    CHECK(versioned[http::field::cache_control] == "public, max-age=31536000, immutable");
    CHECK(versioned.body() == gzip_compressed(kScript));
    CHECK(f.get("/")[http::field::cache_control] == "public, max-age=300");
}

TEST_CASE("HTML assets carry the page security headers, scripts do not", "[static_assets]") {
    Fixture f;
    const HttpResponse page = f.get("/");
    CHECK(page[http::field::content_type] == "text/html; charset=utf-8");
    CHECK(page["Content-Security-Policy"] == kPageContentSecurityPolicy);
    CHECK(page["Referrer-Policy"] == "strict-origin-when-cross-origin");
    CHECK(page["X-Content-Type-Options"] == "nosniff");
    const HttpResponse script = f.get("/embed.js");
    CHECK(script.find("Content-Security-Policy") == script.end());
}

TEST_CASE("HEAD on an asset states the length of the chosen representation", "[static_assets]") {
    Fixture f;
    const HttpResponse head = f.get("/embed.js", "gzip", http::verb::head);
    CHECK(head.result() == http::status::ok);
    CHECK(head.body().empty());
    CHECK(head[http::field::content_encoding] == "gzip");
    CHECK(head[http::field::content_length] == std::to_string(gzip_compressed(kScript).size()));
}

TEST_CASE("Vary lists Accept-Encoding and Origin when both apply", "[static_assets]") {
    Fixture f({"https://blog.example"});
    HttpRequest request{http::verb::get, "/embed.js", 11};
    request.set(http::field::origin, "https://blog.example");
    const HttpResponse response = f.handle(request);
    CHECK(response[http::field::vary] == "Accept-Encoding, Origin");
    CHECK(response[http::field::access_control_allow_origin] == "https://blog.example");
    CHECK(f.get("/tiny.css")[http::field::vary] == "Origin");
}

TEST_CASE("a page explaining a failure gets the error's status, never cached",
          "[request_handler]") {
    Fixture f;
    const HttpResponse response = f.get("/page-problem");
    CHECK(response.result() == http::status::bad_request);
    CHECK(response[http::field::content_type] == "text/html; charset=utf-8");
    CHECK(response.body() == "<p>Check the start date</p>");
    CHECK(response[http::field::cache_control] == "no-store");
    CHECK_FALSE(has(response, http::field::etag));
    CHECK(response["Content-Security-Policy"] == kPageContentSecurityPolicy);
}

TEST_CASE("a page route explains a malformed query itself", "[request_handler]") {
    Fixture f;
    const HttpResponse bad = f.get("/page-query?q=%zz");
    CHECK(bad.result() == http::status::bad_request);
    CHECK(bad[http::field::content_type] == "text/html; charset=utf-8");
    CHECK(bad.body().starts_with("<p>bad: the value of 'q' has a malformed percent-escape"));
    CHECK(f.get("/page-query?q=a%20b").body() == "<p>a b</p>");
}
