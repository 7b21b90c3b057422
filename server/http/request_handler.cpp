// The per-request pipeline: target -> route -> handler -> response with the common headers.
#include "http/request_handler.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "http/error_response.hpp"
#include "http/etag.hpp"
#include "http/query_string.hpp"

namespace dateline::server {
namespace {

namespace asio = boost::asio;

constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::string_view kPreflightRoute = "preflight";
// Short enough that a commit is soon visible even to a client that does not revalidate.
constexpr std::string_view kCacheableControl = "public, max-age=10";

std::string_view header_value(const HttpRequest& request, http::field field) {
    const auto found = request.find(field);
    return found == request.end() ? std::string_view{} : std::string_view(found->value());
}

// The ETag of a cacheable reply: the content's own for fixed content, else one tied to the index
// version and the target; nullopt when the reply is a live reading.
std::optional<std::string> validator(const HttpRequest& request, const ApiReply& reply) {
    if (reply.content_caching) return reply.content_caching->etag;
    if (reply.index_version) return make_etag(*reply.index_version, request.target());
    return std::nullopt;
}

bool has_no_body(http::status status) {
    return status == http::status::no_content || status == http::status::not_modified;
}

}  // namespace

RequestHandler::RequestHandler(const Router& router, CorsPolicy cors, Metrics& metrics)
    : router_(router), cors_(std::move(cors)), metrics_(metrics) {}

asio::awaitable<HttpResponse> RequestHandler::handle(const HttpRequest& request) const {
    const auto start = std::chrono::steady_clock::now();
    Outcome outcome = co_await respond(request);
    finish(outcome.response, request);
    metrics_.record_request(outcome.route, outcome.response.result_int(),
                            std::chrono::steady_clock::now() - start);
    co_return std::move(outcome.response);
}

HttpResponse RequestHandler::reject(const ApiError& error) const {
    const HttpRequest unread{http::verb::get, "/", 11};
    HttpResponse response = failure(unread, error);
    finish(response, unread);
    response.keep_alive(false);  // the rest of the stream cannot be trusted to frame a request
    metrics_.record_request(kUnmatchedRoute, response.result_int(), std::chrono::seconds{0});
    return response;
}

asio::awaitable<RequestHandler::Outcome> RequestHandler::respond(const HttpRequest& request) const {
    const SplitTarget target = split_target(request.target());
    if (request.method() == http::verb::options) {
        const std::string allowed = router_.allow(target.path);
        if (!allowed.empty()) co_return Outcome{preflight(request, allowed), kPreflightRoute};
    }
    auto match = router_.match(request.method(), target.path);
    if (!match) {
        HttpResponse response = failure(request, match.error());
        if (match.error().code == ErrorCode::kMethodNotAllowed)
            response.set(http::field::allow, router_.allow(target.path));
        co_return Outcome{std::move(response), kUnmatchedRoute};
    }
    const Route& route = *match->route;
    auto params = parse_query(target.query);
    if (!params && route.query_errors == QueryErrors::kRejected)
        co_return Outcome{failure(request, params.error()), route.pattern};

    ApiRequest api_request{request.target(),
                           {},
                           std::move(match->path_params),
                           header_value(request, http::field::accept_encoding),
                           std::nullopt};
    if (params)
        api_request.params = std::move(*params);
    else
        api_request.query_error = params.error();
    ApiResult result = co_await invoke(route, api_request);
    if (!result) co_return Outcome{failure(request, result.error()), route.pattern};
    co_return Outcome{success(request, std::move(*result)), route.pattern};
}

asio::awaitable<ApiResult> RequestHandler::invoke(const Route& route,
                                                  const ApiRequest& request) const {
    try {
        co_return co_await route.handler(request);
    } catch (const std::exception& e) {
        // Expected failures are ApiError values; reaching here is a bug or broken
        // infrastructure, so it is logged for the operator and not described to the client.
        std::fprintf(stderr, "dateline-server: %s: %s\n", route.pattern.c_str(), e.what());
    }
    co_return Unexpected(ApiError{ErrorCode::kInternal, "internal error", {}});
}

HttpResponse RequestHandler::success(const HttpRequest& request, ApiReply reply) const {
    HttpResponse response{http::status::ok, request.version()};
    response.set(http::field::content_type, reply.content_type);
    for (const ReplyHeader& header : reply.headers) response.set(header.name, header.value);
    if (reply.failure) {
        apply_error_status(response, *reply.failure);
        response.body() = std::move(reply.body);
        return response;
    }
    const std::optional<std::string> etag = validator(request, reply);
    if (!etag) {
        response.set(http::field::cache_control, "no-store");
        response.body() = std::move(reply.body);
        return response;
    }
    response.set(http::field::cache_control,
                 reply.content_caching ? reply.content_caching->cache_control : kCacheableControl);
    response.set(http::field::etag, *etag);
    if (etag_matches(header_value(request, http::field::if_none_match), *etag)) {
        // A 304 keeps the validator, freshness and Vary, and describes no body.
        response.result(http::status::not_modified);
        response.erase(http::field::content_type);
        response.erase(http::field::content_encoding);
    } else {
        response.body() = std::move(reply.body);
    }
    return response;
}

HttpResponse RequestHandler::failure(const HttpRequest& request, const ApiError& error) const {
    return error_response(error, request.version());
}

HttpResponse RequestHandler::preflight(const HttpRequest& request, std::string_view allowed) const {
    HttpResponse response{http::status::no_content, request.version()};
    response.set(http::field::allow, allowed);
    cors_.apply_preflight(response, allowed);
    return response;
}

void RequestHandler::finish(HttpResponse& response, const HttpRequest& request) const {
    cors_.apply(response, header_value(request, http::field::origin));
    response.set("X-Content-Type-Options", "nosniff");
    response.set(http::field::server, "dateline-server");
    response.keep_alive(request.keep_alive());
    // 204 and 304 carry no Content-Length; for HEAD it states the size a GET would return.
    if (!has_no_body(response.result())) response.prepare_payload();
    if (request.method() == http::verb::head) response.body().clear();
}

HttpResponse RequestHandler::refuse(const HttpRequest& request, const ApiError& error,
                                    std::chrono::seconds retry_after) const {
    HttpResponse response = failure(request, error);
    response.set(http::field::retry_after, std::to_string(retry_after.count()));
    finish(response, request);
    metrics_.record_request(kUnmatchedRoute, response.result_int(), std::chrono::seconds{0});
    return response;
}

}  // namespace dateline::server
