// The stable error code names clients switch on (docs/api.md lists the same set).
#include "search/api_error.hpp"

namespace dateline::server {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidParameter: return "invalid_parameter";
        case ErrorCode::kUnknownParameter: return "unknown_parameter";
        case ErrorCode::kQueryTooLong: return "query_too_long";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
        case ErrorCode::kPayloadTooLarge: return "payload_too_large";
        case ErrorCode::kHeadersTooLarge: return "headers_too_large";
        case ErrorCode::kOverloaded: return "overloaded";
        case ErrorCode::kRateLimited: return "rate_limited";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";  // unreachable for valid enumerators; keeps -Wreturn-type quiet
}

}  // namespace dateline::server
