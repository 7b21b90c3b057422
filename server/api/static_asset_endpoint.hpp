// StaticAssetEndpoint: GET one embedded web file (/embed.js, /, the stylesheets, and their
// versioned aliases). It answers the gzip form when the request's Accept-Encoding allows it
// (with Vary: Accept-Encoding either way), a strong ETag of the bytes sent, the asset's own
// Cache-Control, and the page security headers on HTML. Query parameters are ignored: a pasted
// "/embed.js?v=2" still works. Thread-safe: const; it owns a copy of its asset.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "http/router.hpp"
#include "web/static_assets.hpp"

namespace dateline::server {

class StaticAssetEndpoint {
public:
    explicit StaticAssetEndpoint(StaticAsset asset);

    boost::asio::awaitable<ApiResult> asset(const ApiRequest& request) const;

private:
    StaticAsset asset_;
    std::string identity_etag_;
    std::string gzip_etag_;  // empty when the asset has no gzip form
};

}  // namespace dateline::server
