// Response validators and CORS: ETags tied to revision and target, If-None-Match matching
// (weak comparison, lists, *), and the CORS headers for the default and for listed origins.
#include <catch2/catch.hpp>

#include "http/cors_policy.hpp"
#include "http/etag.hpp"

using namespace dateline::server;
namespace http = boost::beast::http;

TEST_CASE("an ETag depends on the revision and the target", "[etag]") {
    const std::string tag = make_etag(7, "/v1/search?q=a");
    CHECK(tag.starts_with("W/\"7-"));
    CHECK(tag.ends_with("\""));
    CHECK(tag == make_etag(7, "/v1/search?q=a"));
    CHECK(tag != make_etag(8, "/v1/search?q=a"));
    CHECK(tag != make_etag(7, "/v1/search?q=b"));
    CHECK(make_etag(0, "") == "W/\"0-cbf29ce484222325\"");  // FNV-1a offset basis: stable
}

TEST_CASE("If-None-Match matches weakly, in lists, and with *", "[etag]") {
    const std::string tag = "W/\"7-00ff\"";
    const auto [header, matches] = GENERATE(table<std::string, bool>({
        {"W/\"7-00ff\"", true},
        {"\"7-00ff\"", true},
        {"W/\"1-aaaa\", W/\"7-00ff\"", true},
        {"  W/\"7-00ff\"  ,W/\"2-bbbb\"", true},
        {"*", true},
        {"W/\"7-00fe\"", false},
        {"", false},
        {"7-00ff", false},
        {",,,", false},
    }));
    CAPTURE(header);
    CHECK(etag_matches(header, tag) == matches);
}

TEST_CASE("the default CORS policy allows any origin", "[cors]") {
    const CorsPolicy policy({"*"});
    HttpResponse response;
    policy.apply(response, "https://anyone.example");
    CHECK(response[http::field::access_control_allow_origin] == "*");
    CHECK(response.find(http::field::vary) == response.end());
    CHECK(response[http::field::access_control_expose_headers] == "ETag, Retry-After");
}

TEST_CASE("a listed origin is echoed, others get no grant", "[cors]") {
    const CorsPolicy policy({"https://a.example", "https://b.example"});
    const auto [origin, granted] = GENERATE(table<std::string, bool>({
        {"https://a.example", true},
        {"https://b.example", true},
        {"https://c.example", false},
        {"https://a.example.evil", false},
        {"", false},
    }));
    CAPTURE(origin);
    HttpResponse response;
    policy.apply(response, origin);
    CHECK(response[http::field::vary] == "Origin");
    const auto found = response.find(http::field::access_control_allow_origin);
    CHECK((found != response.end()) == granted);
    if (granted) CHECK(found->value() == origin);
}

TEST_CASE("a preflight lists the methods and headers a page may use", "[cors]") {
    const CorsPolicy policy({"*"});
    HttpResponse response;
    policy.apply_preflight(response, "GET, HEAD, OPTIONS");
    CHECK(response[http::field::access_control_allow_methods] == "GET, HEAD, OPTIONS");
    CHECK(response[http::field::access_control_allow_headers] ==
          "Accept, Content-Type, If-None-Match");
    CHECK(response[http::field::access_control_max_age] == "600");
}
