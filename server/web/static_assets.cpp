// Preparing the embedded files for serving: gzip forms, caching policies, versioned aliases.
#include "web/static_assets.hpp"

#include <cstdio>

#include "dateline/stable_hash.hpp"
#include "web/gzip.hpp"

namespace dateline::server {
namespace {

constexpr std::size_t kVersionHexDigits = 12;  // 48 bits: collisions are not a concern here

bool is_page(const EmbeddedFile& file) {
    return file.content_type.starts_with("text/html");
}

StaticAsset prepared(const EmbeddedFile& file) {
    std::string gzipped = gzip_compressed(file.bytes);
    if (gzipped.size() >= file.bytes.size()) gzipped.clear();  // tiny files grow
    return {std::string(file.path), file.content_type,
            is_page(file) ? kPageCacheControl : kSubresourceCacheControl, file.bytes,
            std::move(gzipped)};
}

}  // namespace

StaticAssets::StaticAssets(std::span<const EmbeddedFile> files) {
    for (const EmbeddedFile& file : files) {
        assets_.push_back(prepared(file));
        if (is_page(file)) continue;  // pages are reached by typed or linked URLs, never versioned
        StaticAsset alias = assets_.back();
        alias.path = versioned_path(file.path, file.bytes);
        alias.cache_control = kVersionedCacheControl;
        assets_.push_back(std::move(alias));
    }
}

const StaticAsset* StaticAssets::find(std::string_view path) const {
    for (const StaticAsset& asset : assets_)
        if (asset.path == path) return &asset;
    return nullptr;
}

std::string versioned_path(std::string_view path, std::string_view content) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(content)));
    const std::string_view version(hash, kVersionHexDigits);
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::string(path) + "." + std::string(version);
    return std::string(path.substr(0, dot)) + "." + std::string(version) +
           std::string(path.substr(dot));
}

}  // namespace dateline::server
