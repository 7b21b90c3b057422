// Router: route matching — method + path pattern -> handler. Patterns are literal segments and
// {name} captures ("/v1/articles/{id}/related"); captures are percent-decoded. A GET route
// also answers HEAD. The server's table of routes is written once, in api/routes.cpp.
// Not thread-safe while routes are added; once built, match() and allow() (const) may be
// called from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>

#include "dateline/result.hpp"
#include "http/api_reply.hpp"
#include "search/api_error.hpp"
#include "search/search_request.hpp"

namespace dateline::server {

// What a handler sees of a request: transport details are already decoded away.
struct ApiRequest {
    std::string_view target;               // as received; the ETag is derived from it
    QueryParams params;                    // the decoded query string
    std::vector<std::string> path_params;  // the decoded {captures}, in pattern order
    std::string_view accept_encoding;      // the Accept-Encoding header; empty when absent
    // Why the query string did not decode, for a route taking QueryErrors::kToHandler (params
    // is then empty); never set for other routes, which are not called at all.
    std::optional<ApiError> query_error;
};

using RouteHandler = std::function<boost::asio::awaitable<ApiResult>(const ApiRequest&)>;

// Who answers a query string that does not decode (a malformed escape, invalid UTF-8): the
// request handler, with a JSON error, as for the API; or the route's own handler, as for an HTML
// page, which must explain it in HTML.
enum class QueryErrors { kRejected, kToHandler };

struct Route {
    boost::beast::http::verb method;
    std::string pattern;  // also the route's label in metrics
    RouteHandler handler;
    QueryErrors query_errors = QueryErrors::kRejected;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::vector<std::string> path_params;
};

class Router {
public:
    void add(boost::beast::http::verb method, std::string pattern, RouteHandler handler,
             QueryErrors query_errors = QueryErrors::kRejected);

    // kNotFound when no pattern matches the path, kMethodNotAllowed when one does but not for
    // this method, kInvalidParameter when a capture does not decode.
    Result<RouteMatch, ApiError> match(boost::beast::http::verb method,
                                       std::string_view path) const;

    // The Allow header value for a path ("GET, HEAD, OPTIONS"); empty when no route matches.
    std::string allow(std::string_view path) const;

private:
    struct Entry {
        Route route;
        std::vector<std::string> segments;  // "{name}" marks a capture
    };

    std::vector<Entry> entries_;
};

}  // namespace dateline::server
