// ApiError: an expected failure of an API call, independent of HTTP. The stable codes are
// documented in docs/api.md; http/error_response.cpp maps each to a status (the only place
// HTTP status codes are chosen for errors). Plain value type; thread-safe to copy.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline::server {

enum class ErrorCode {
    kInvalidParameter,  // a parameter has a bad value (400)
    kUnknownParameter,  // a parameter the endpoint does not take (400)
    kQueryTooLong,      // q over the byte limit (400)
    kNotFound,          // unknown article or route (404)
    kMethodNotAllowed,  // not GET/HEAD/OPTIONS (405)
    kPayloadTooLarge,   // request body over the limit (413)
    kHeadersTooLarge,   // request headers over the limit (431)
    kOverloaded,        // the search queue is full (503, Retry-After)
    kRateLimited,       // this client sent more than --rate-limit allows (429, Retry-After)
    kUnavailable,       // the database cannot be opened right now (503)
    kInternal,          // a bug or broken infrastructure (500)
};

// "invalid_parameter", "not_found", ...: the stable code clients switch on.
std::string_view error_code_name(ErrorCode code);

struct ApiError {
    ErrorCode code;
    std::string message;                   // for a person: says what was wrong and what is allowed
    std::optional<std::string> parameter;  // the parameter at fault, if any
};

// kNotFound for an unknown id of a `kind` of thing ("article", "story"): the id quoted (cut to
// a readable length), or left out when it is not UTF-8, as the message must be.
ApiError unknown_id(std::string_view kind, std::string_view id);

}  // namespace dateline::server
