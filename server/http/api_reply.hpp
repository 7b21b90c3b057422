// ApiReply: what an endpoint answers on success, before HTTP headers are added. An endpoint
// answers failure with an ApiError instead (see error_response.hpp) — or, when its failures are
// pages for people (the HTML search page), with an ApiReply whose `failure` names the error.
// Plain value types; thread-safe to copy, so a search worker can build one and hand it to an
// I/O thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "dateline/result.hpp"
#include "search/api_error.hpp"

namespace dateline::server {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

// A header an endpoint adds to its reply: a security policy, Content-Encoding, Vary.
struct ReplyHeader {
    std::string_view name;  // always a string literal
    std::string value;
};

// Freshness and validator of a reply whose bytes are fixed for the life of the process (a
// static asset): a strong ETag of the content and the endpoint's own Cache-Control.
struct ContentCaching {
    std::string etag;                // quoted, as sent: "\"0123456789abcdef\""
    std::string_view cache_control;  // always a string literal
};

struct ApiReply {
    std::string body;
    std::string_view content_type = kJsonContentType;  // always a string literal
    // The index version (revision and database identity) the body reflects. Set, the reply is
    // cacheable and gets an ETag; unset (health, readiness, metrics), it is a live reading and is
    // never cached.
    std::optional<std::uint64_t> index_version;
    // Set for fixed content; takes the place of index_version.
    std::optional<ContentCaching> content_caching;
    // Set when the body is a page explaining this failure to a person (a form with a message):
    // the status and headers are those of the error (error_response.hpp), the body is this one,
    // and it is never cached.
    std::optional<ErrorCode> failure;
    std::vector<ReplyHeader> headers;
};

using ApiResult = Result<ApiReply, ApiError>;

// Serialises without throwing: text that is not UTF-8 is replaced, never an exception.
ApiReply json_reply(const nlohmann::json& body, std::optional<std::uint64_t> index_version = {});

}  // namespace dateline::server
