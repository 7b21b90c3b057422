// The per-request pipeline over a test route table: success headers (cache, ETag, CORS,
// nosniff), 304 on If-None-Match, HEAD and OPTIONS, 404/405, query errors, handler errors
// and exceptions becoming JSON errors, and the metrics each request leaves.
#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "handle_request.hpp"
#include "http/etag.hpp"
#include "http/request_handler.hpp"

using namespace dateline;
using namespace dateline::server;
namespace http = boost::beast::http;
using Awaitable = boost::asio::awaitable<ApiResult>;

namespace {

Router test_router() {
    Router router;
    router.add(http::verb::get, "/cached", [](const ApiRequest&) -> Awaitable {
        co_return json_reply({{"answer", 42}}, 5);
    });
    router.add(http::verb::get, "/live", [](const ApiRequest&) -> Awaitable {
        co_return json_reply({{"status", "ok"}});
    });
    router.add(http::verb::get, "/items/{id}", [](const ApiRequest& request) -> Awaitable {
        nlohmann::json params = nlohmann::json::object();
        for (const auto& [name, value] : request.params) params[name].push_back(value);
        co_return json_reply({{"id", request.path_params.at(0)}, {"params", params}}, 1);
    });
    router.add(http::verb::get, "/busy", [](const ApiRequest&) -> Awaitable {
        co_return Unexpected(ApiError{ErrorCode::kOverloaded, "busy", {}});
    });
    router.add(http::verb::get, "/broken", [](const ApiRequest&) -> Awaitable {
        throw std::runtime_error("disk on fire");
        co_return ApiReply{};
    });
    return router;
}

struct Fixture {
    Router router = test_router();
    Metrics metrics;
    RequestHandler handler{router, CorsPolicy({"*"}), metrics};

    HttpResponse handle(const HttpRequest& request) {
        return testing::handle_request(handler, request);
    }

    HttpResponse get(const std::string& target, http::verb method = http::verb::get) {
        return handle(HttpRequest{method, target, 11});
    }
};

nlohmann::json body_of(const HttpResponse& response) {
    return nlohmann::json::parse(response.body());
}

bool has(const HttpResponse& response, http::field field) {
    return response.find(field) != response.end();
}

}  // namespace

TEST_CASE("a reply tied to a revision is cacheable, with an ETag", "[request_handler]") {
    Fixture f;
    const HttpResponse response = f.get("/cached?x=1");
    CHECK(response.result() == http::status::ok);
    CHECK(body_of(response) == nlohmann::json{{"answer", 42}});
    CHECK(response[http::field::content_type] == "application/json; charset=utf-8");
    CHECK(response[http::field::cache_control] == "public, max-age=10");
    CHECK(response[http::field::etag] == make_etag(5, "/cached?x=1"));
    CHECK(response["X-Content-Type-Options"] == "nosniff");
    CHECK(response[http::field::access_control_allow_origin] == "*");
    CHECK(response[http::field::content_length] == std::to_string(response.body().size()));
}

TEST_CASE("a matching If-None-Match gets 304 without a body", "[request_handler]") {
    Fixture f;
    HttpRequest request{http::verb::get, "/cached", 11};
    request.set(http::field::if_none_match, make_etag(5, "/cached"));
    const HttpResponse response = f.handle(request);
    CHECK(response.result() == http::status::not_modified);
    CHECK(response.body().empty());
    CHECK_FALSE(has(response, http::field::content_length));
    CHECK_FALSE(has(response, http::field::content_type));
    CHECK(response[http::field::etag] == make_etag(5, "/cached"));
    CHECK(response[http::field::cache_control] == "public, max-age=10");

    request.set(http::field::if_none_match, make_etag(4, "/cached"));  // an older revision
    CHECK(f.handle(request).result() == http::status::ok);
}

TEST_CASE("a live reading is never cached", "[request_handler]") {
    Fixture f;
    const HttpResponse response = f.get("/live");
    CHECK(response[http::field::cache_control] == "no-store");
    CHECK_FALSE(has(response, http::field::etag));
}

TEST_CASE("HEAD answers the GET headers without the body", "[request_handler]") {
    Fixture f;
    const HttpResponse get = f.get("/cached");
    const HttpResponse head = f.get("/cached", http::verb::head);
    CHECK(head.result() == http::status::ok);
    CHECK(head.body().empty());
    CHECK(head[http::field::content_length] == std::to_string(get.body().size()));
    CHECK(head[http::field::etag] == get[http::field::etag]);
}

TEST_CASE("OPTIONS on a route is a CORS preflight", "[request_handler]") {
    Fixture f;
    HttpRequest request{http::verb::options, "/items/7", 11};
    request.set(http::field::origin, "https://blog.example");
    request.set(http::field::access_control_request_method, "GET");
    const HttpResponse response = f.handle(request);
    CHECK(response.result() == http::status::no_content);
    CHECK(response[http::field::allow] == "GET, HEAD, OPTIONS");
    CHECK(response[http::field::access_control_allow_methods] == "GET, HEAD, OPTIONS");
    CHECK(response[http::field::access_control_allow_origin] == "*");
    CHECK_FALSE(has(response, http::field::content_length));

    CHECK(f.get("/nowhere", http::verb::options).result() == http::status::not_found);
}

TEST_CASE("unknown routes and wrong methods are JSON errors", "[request_handler]") {
    Fixture f;
    const HttpResponse missing = f.get("/nowhere?q=1");
    CHECK(missing.result() == http::status::not_found);
    CHECK(body_of(missing)["error"]["code"] == "not_found");
    CHECK(missing[http::field::cache_control] == "no-store");
    CHECK(missing["X-Content-Type-Options"] == "nosniff");
    CHECK(missing[http::field::access_control_allow_origin] == "*");

    const HttpResponse wrong = f.get("/cached", http::verb::post);
    CHECK(wrong.result() == http::status::method_not_allowed);
    CHECK(wrong[http::field::allow] == "GET, HEAD, OPTIONS");
    CHECK(body_of(wrong)["error"]["code"] == "method_not_allowed");
}

TEST_CASE("path and query parameters reach the handler decoded", "[request_handler]") {
    Fixture f;
    const HttpResponse response = f.get("/items/a%20b?tag=x&tag=y+z&q=caf%C3%A9");
    REQUIRE(response.result() == http::status::ok);
    CHECK(
        body_of(response) ==
        nlohmann::json{{"id", "a b"}, {"params", {{"q", {"caf\xC3\xA9"}}, {"tag", {"x", "y z"}}}}});
}

TEST_CASE("a malformed query is a 400, never a 500", "[request_handler]") {
    Fixture f;
    const auto target = GENERATE(as<std::string>{}, "/items/1?q=%", "/items/1?q=%zz",
                                 "/items/1?q=%FF", "/items/%C3%28", "/cached?%=1");
    CAPTURE(target);
    const HttpResponse response = f.get(target);
    CHECK(response.result() == http::status::bad_request);
    CHECK(body_of(response)["error"]["code"] == "invalid_parameter");
}

TEST_CASE("a handler's error and a handler's exception become JSON errors", "[request_handler]") {
    Fixture f;
    const HttpResponse busy = f.get("/busy");
    CHECK(busy.result() == http::status::service_unavailable);
    CHECK(busy[http::field::retry_after] == "1");
    CHECK(body_of(busy)["error"]["code"] == "overloaded");

    const HttpResponse broken = f.get("/broken");
    CHECK(broken.result() == http::status::internal_server_error);
    CHECK(body_of(broken) ==
          nlohmann::json{{"error", {{"code", "internal"}, {"message", "internal error"}}}});
}

TEST_CASE("keep-alive follows the request", "[request_handler]") {
    Fixture f;
    CHECK(f.get("/live").keep_alive());
    HttpRequest close{http::verb::get, "/live", 11};
    close.keep_alive(false);
    CHECK_FALSE(f.handle(close).keep_alive());
    HttpRequest old{http::verb::get, "/live", 10};
    CHECK_FALSE(f.handle(old).keep_alive());
}

TEST_CASE("an unreadable request is answered and the connection closed", "[request_handler]") {
    Fixture f;
    const HttpResponse response =
        f.handler.reject({ErrorCode::kHeadersTooLarge, "request headers exceed 8192 bytes", {}});
    CHECK(response.result() == http::status::request_header_fields_too_large);
    CHECK_FALSE(response.keep_alive());
    CHECK(response[http::field::access_control_allow_origin] == "*");
    CHECK(body_of(response)["error"]["code"] == "headers_too_large");
}

TEST_CASE("each request is counted under its route", "[request_handler]") {
    Fixture f;
    (void)f.get("/items/1");
    (void)f.get("/items/2");
    (void)f.get("/nowhere");
    (void)f.get("/busy");
    const std::string text = f.metrics.render();
    CHECK(text.find("dateline_http_requests_total{route=\"/items/{id}\",status=\"200\"} 2") !=
          std::string::npos);
    CHECK(text.find("dateline_http_requests_total{route=\"unmatched\",status=\"404\"} 1") !=
          std::string::npos);
    CHECK(text.find("dateline_http_requests_total{route=\"/busy\",status=\"503\"} 1") !=
          std::string::npos);
}
