// The one ErrorCode -> HTTP mapping: each code's status, the JSON body (parameter only when
// set), no-store on every error and Retry-After only when overloaded.
#include <catch2/catch.hpp>

#include "http/error_response.hpp"

using namespace dateline::server;
namespace http = boost::beast::http;

TEST_CASE("each error code has its status and stable name", "[error_response]") {
    const auto [code, status, name] = GENERATE(table<ErrorCode, unsigned, std::string>({
        {ErrorCode::kInvalidParameter, 400, "invalid_parameter"},
        {ErrorCode::kUnknownParameter, 400, "unknown_parameter"},
        {ErrorCode::kQueryTooLong, 400, "query_too_long"},
        {ErrorCode::kNotFound, 404, "not_found"},
        {ErrorCode::kMethodNotAllowed, 405, "method_not_allowed"},
        {ErrorCode::kPayloadTooLarge, 413, "payload_too_large"},
        {ErrorCode::kHeadersTooLarge, 431, "headers_too_large"},
        {ErrorCode::kOverloaded, 503, "overloaded"},
        {ErrorCode::kUnavailable, 503, "unavailable"},
        {ErrorCode::kInternal, 500, "internal"},
    }));
    CAPTURE(name);
    CHECK(static_cast<unsigned>(http_status(code)) == status);

    const HttpResponse response = error_response({code, "what went wrong", {}}, 11);
    CHECK(response.result_int() == status);
    CHECK(response.version() == 11);
    CHECK(response[http::field::content_type] == "application/json; charset=utf-8");
    CHECK(response[http::field::cache_control] == "no-store");
    CHECK(nlohmann::json::parse(response.body()) ==
          nlohmann::json{{"error", {{"code", name}, {"message", "what went wrong"}}}});
    const bool retry_after = response.find(http::field::retry_after) != response.end();
    CHECK(retry_after == (code == ErrorCode::kOverloaded));
}

TEST_CASE("an overloaded answer asks the client to retry in a second", "[error_response]") {
    const HttpResponse response = error_response({ErrorCode::kOverloaded, "busy", {}}, 11);
    CHECK(response[http::field::retry_after] == "1");
}

TEST_CASE("the parameter at fault is named when known", "[error_response]") {
    const ApiError error{ErrorCode::kInvalidParameter, "from: not a date", "from"};
    CHECK(error_json(error) == nlohmann::json{{"error",
                                               {{"code", "invalid_parameter"},
                                                {"message", "from: not a date"},
                                                {"parameter", "from"}}}});
    CHECK(error_response(error, 10).version() == 10);
}

TEST_CASE("a message that is not UTF-8 still serialises", "[error_response]") {
    const HttpResponse response =
        error_response({ErrorCode::kNotFound, "no such resource: /\xFF", {}}, 11);
    CHECK(response.result() == http::status::not_found);
    CHECK_NOTHROW(nlohmann::json::parse(response.body()));
}
