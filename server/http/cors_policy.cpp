// CORS response headers for actual and preflight requests.
#include "http/cors_policy.hpp"

#include <algorithm>
#include <string>

namespace dateline::server {
namespace {

// Adds to Vary rather than replacing it: an endpoint may already vary by Accept-Encoding.
void add_vary(HttpResponse& response, std::string_view name) {
    const auto existing = response.find(http::field::vary);
    if (existing == response.end()) {
        response.set(http::field::vary, name);
        return;
    }
    response.set(http::field::vary, std::string(existing->value()) + ", " + std::string(name));
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins)
    : any_origin_(std::find(allowed_origins.begin(), allowed_origins.end(), "*") !=
                  allowed_origins.end()),
      origins_(std::move(allowed_origins)) {}

void CorsPolicy::apply(HttpResponse& response, std::string_view origin) const {
    if (any_origin_) {
        response.set(http::field::access_control_allow_origin, "*");
    } else {
        // Caches must keep one copy per Origin, allowed or not.
        add_vary(response, "Origin");
        if (!origin.empty() &&
            std::find(origins_.begin(), origins_.end(), origin) != origins_.end())
            response.set(http::field::access_control_allow_origin, origin);
    }
    // Scripts may read the validator and the back-off hint, not only the simple headers.
    response.set(http::field::access_control_expose_headers, "ETag, Retry-After");
}

void CorsPolicy::apply_preflight(HttpResponse& response, std::string_view allowed_methods) const {
    response.set(http::field::access_control_allow_methods, allowed_methods);
    response.set(http::field::access_control_allow_headers, "Accept, Content-Type, If-None-Match");
    response.set(http::field::access_control_max_age, "600");
}

}  // namespace dateline::server
