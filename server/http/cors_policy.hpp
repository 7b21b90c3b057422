// CorsPolicy: which origins may read responses from a browser, and the headers that say so.
// The default "*" suits a public, read-only API; a list of origins answers each listed origin
// by name (with Vary: Origin, as the response then depends on it). Immutable after
// construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/http_message.hpp"

namespace dateline::server {

class CorsPolicy {
public:
    explicit CorsPolicy(std::vector<std::string> allowed_origins);

    // Adds the CORS headers for a response to a request from `origin` (empty when none).
    void apply(HttpResponse& response, std::string_view origin) const;
    // Adds, beyond apply(), the headers answering a preflight (OPTIONS) request.
    void apply_preflight(HttpResponse& response, std::string_view allowed_methods) const;

private:
    bool any_origin_ = false;
    std::vector<std::string> origins_;
};

}  // namespace dateline::server
