// ApiReply: what an endpoint answers on success, before HTTP headers are added. An endpoint
// answers failure with an ApiError instead (see error_response.hpp). Plain value types;
// thread-safe to copy, so a search worker can build one and hand it to an I/O thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "dateline/result.hpp"
#include "search/api_error.hpp"

namespace dateline::server {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct ApiReply {
    std::string body;
    std::string_view content_type = kJsonContentType;  // always a string literal
    // The index version (revision and database identity) the body reflects. Set, the reply is
    // cacheable and gets an ETag; unset (health, readiness, metrics), it is a live reading and is
    // never cached.
    std::optional<std::uint64_t> index_version;
};

using ApiResult = Result<ApiReply, ApiError>;

// Serialises without throwing: text that is not UTF-8 is replaced, never an exception.
ApiReply json_reply(const nlohmann::json& body, std::optional<std::uint64_t> index_version = {});

}  // namespace dateline::server
