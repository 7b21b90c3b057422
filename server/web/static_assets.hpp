// StaticAssets: the embedded web files as the server sends them. Each has its gzip form
// (compressed once, at start-up) and its caching policy; each subresource (script, stylesheet)
// also gets a versioned alias whose path carries its content hash ("/embed.0123456789ab.js"),
// which may be cached for ever because new content means a new path.
// Immutable after construction; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "web/embedded_files.hpp"

namespace dateline::server {

// The unversioned URL of a subresource is pasted into pages (blogs embed /embed.js): caches
// keep it a day, may serve it a week while revalidating, and the ETag makes that cheap.
inline constexpr std::string_view kSubresourceCacheControl =
    "public, max-age=86400, stale-while-revalidate=604800";
inline constexpr std::string_view kVersionedCacheControl = "public, max-age=31536000, immutable";
// A page is the entry point whose URL people type: a new version should show within minutes.
inline constexpr std::string_view kPageCacheControl = "public, max-age=300";

struct StaticAsset {
    std::string path;  // "/embed.js", or its versioned alias "/embed.0123456789ab.js"
    std::string_view content_type;
    std::string_view cache_control;
    std::string_view body;  // the embedded bytes
    std::string gzipped;    // the gzip form; empty when it would not be smaller
};

class StaticAssets {
public:
    explicit StaticAssets(std::span<const EmbeddedFile> files);

    // Every asset and alias, in the order of the files.
    const std::vector<StaticAsset>& all() const { return assets_; }
    // nullptr when no asset has this path.
    const StaticAsset* find(std::string_view path) const;

private:
    std::vector<StaticAsset> assets_;
};

// "/embed.js" + "0123456789abcdef..." -> "/embed.0123456789ab.js" (12 hex digits of the hash).
std::string versioned_path(std::string_view path, std::string_view content);

}  // namespace dateline::server
