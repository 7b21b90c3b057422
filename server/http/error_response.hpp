// The one mapping from an ApiError to an HTTP response: its status, its JSON body
// {"error": {"code", "message", "parameter"?}} and the headers an error needs (no-store,
// Retry-After when overloaded). No other file chooses an error status. Pure functions;
// thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "http/http_message.hpp"
#include "search/api_error.hpp"

namespace dateline::server {

http::status http_status(ErrorCode code);

// The status and headers a failure carries whatever its body says (no-store, Retry-After when
// overloaded): error_response() uses it for JSON, the request handler for an endpoint's HTML
// page explaining a failure.
void apply_error_status(HttpResponse& response, ErrorCode code);

nlohmann::json error_json(const ApiError& error);

// A complete error response except for the headers every response gets (CORS, nosniff,
// keep-alive), which the request handler adds.
HttpResponse error_response(const ApiError& error, unsigned http_version);

}  // namespace dateline::server
