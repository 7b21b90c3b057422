// The security headers of an HTML page the server renders or serves: a Content-Security-Policy
// that allows only same-origin scripts, styles, images (and data: images), fetches and form
// targets, and forbids framing and <base>; and a Referrer-Policy that sends no path or query (a
// person's search words) to other sites. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "http/api_reply.hpp"

namespace dateline::server {

inline constexpr std::string_view kPageContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
inline constexpr std::string_view kPageReferrerPolicy = "strict-origin-when-cross-origin";

inline std::vector<ReplyHeader> page_security_headers() {
    return {{"Content-Security-Policy", std::string(kPageContentSecurityPolicy)},
            {"Referrer-Policy", std::string(kPageReferrerPolicy)}};
}

}  // namespace dateline::server
