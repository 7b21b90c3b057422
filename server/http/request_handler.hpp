// RequestHandler: turns one parsed request into one response. It decodes the target, asks the
// router for a handler, awaits it, and adds what every response carries: the status chosen by
// error_response, Cache-Control, ETag (304 on If-None-Match) — tied to the index version, or
// the content's own for fixed content —, the reply's own headers, CORS, nosniff; HEAD and
// OPTIONS are answered here. It records each request in Metrics, and it is the boundary where an
// exception escaping a handler becomes a 500. Thread-safe: const after construction; the
// router, CORS policy and metrics it uses are thread-safe.
#pragma once

#include <chrono>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "http/cors_policy.hpp"
#include "http/http_message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace dateline::server {

class RequestHandler {
public:
    RequestHandler(const Router& router, CorsPolicy cors, Metrics& metrics);

    boost::asio::awaitable<HttpResponse> handle(const HttpRequest& request) const;

    // The response to a request that could not be read (too large, malformed): there are no
    // parsed headers to consult, so it is a plain error with the default CORS headers.
    HttpResponse reject(const ApiError& error) const;

    // The response to a request refused before it is routed (rate limited): an error with the
    // request's CORS headers and Retry-After, recorded in the metrics; the connection may stay
    // open.
    HttpResponse refuse(const HttpRequest& request, const ApiError& error,
                        std::chrono::seconds retry_after) const;

private:
    struct Outcome {
        HttpResponse response;
        std::string_view route;  // the metrics label
    };

    boost::asio::awaitable<Outcome> respond(const HttpRequest& request) const;
    boost::asio::awaitable<ApiResult> invoke(const Route& route, const ApiRequest& request) const;
    HttpResponse success(const HttpRequest& request, ApiReply reply) const;
    HttpResponse failure(const HttpRequest& request, const ApiError& error) const;
    HttpResponse preflight(const HttpRequest& request, std::string_view allowed) const;
    void finish(HttpResponse& response, const HttpRequest& request) const;

    const Router& router_;
    const CorsPolicy cors_;
    Metrics& metrics_;
};

}  // namespace dateline::server
