// The stable error code names clients switch on (docs/api.md lists the same set), and the
// not-found message for an unknown id.
#include "search/api_error.hpp"

#include "dateline/utf8.hpp"

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

ApiError unknown_id(std::string_view kind, std::string_view id) {
    constexpr std::size_t kShownBytes = 200;
    const std::string no = "no " + std::string(kind) + " with ";
    if (find_invalid_utf8(id)) return ApiError{ErrorCode::kNotFound, no + "that id", std::nullopt};
    std::string shown(truncate_utf8(id, kShownBytes));
    if (shown.size() < id.size()) shown += "...";
    return ApiError{ErrorCode::kNotFound, no + "id \"" + shown + "\"", std::nullopt};
}

}  // namespace dateline::server
