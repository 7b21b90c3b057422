// GET an embedded web file.
#include "api/static_asset_endpoint.hpp"

#include "http/accept_encoding.hpp"
#include "http/etag.hpp"
#include "http/page_security.hpp"

namespace dateline::server {

StaticAssetEndpoint::StaticAssetEndpoint(StaticAsset asset)
    : asset_(std::move(asset)),
      identity_etag_(make_content_etag(asset_.body)),
      gzip_etag_(asset_.gzipped.empty() ? std::string() : make_content_etag(asset_.gzipped)) {}

boost::asio::awaitable<ApiResult> StaticAssetEndpoint::asset(const ApiRequest& request) const {
    const bool gzip = !asset_.gzipped.empty() && accepts_gzip(request.accept_encoding);
    ApiReply reply;
    reply.body = gzip ? asset_.gzipped : std::string(asset_.body);
    reply.content_type = asset_.content_type;
    reply.content_caching =
        ContentCaching{gzip ? gzip_etag_ : identity_etag_, asset_.cache_control};
    if (gzip) reply.headers.push_back({"Content-Encoding", "gzip"});
    // Caches must keep the two forms apart whenever there are two.
    if (!asset_.gzipped.empty()) reply.headers.push_back({"Vary", "Accept-Encoding"});
    if (asset_.content_type == kHtmlContentType)
        for (ReplyHeader& header : page_security_headers())
            reply.headers.push_back(std::move(header));
    co_return reply;
}

}  // namespace dateline::server
