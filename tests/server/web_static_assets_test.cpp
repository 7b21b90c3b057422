// StaticAssets: each embedded file prepared for serving — a gzip form that inflates back to the
// bytes, its caching policy, and a versioned alias for every subresource (never for pages);
// and the files compiled into this build.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <zlib.h>

#include "web/gzip.hpp"
#include "web/static_assets.hpp"

using namespace dateline::server;

namespace {

std::string gunzipped(const std::string& data) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    REQUIRE(status == Z_STREAM_END);
    return out;
}

const std::string kScript = "const x = 1;\n" + std::string(3000, 'x') + "\n";
const std::string kPage = "<!doctype html>" + std::string(400, ' ');

}  // namespace

TEST_CASE("gzip output inflates back to its input", "[gzip]") {
    const auto input = GENERATE(as<std::string>{}, "", "a", std::string(100000, 'z'),
                                std::string("bytes\0with\xFFnul", 14));
    const std::string compressed = gzip_compressed(input);
    CHECK(compressed.substr(0, 2) == "\x1F\x8B");  // the gzip magic
    CHECK(gunzipped(compressed) == input);
}

TEST_CASE("each subresource gets a gzip form, a policy and a versioned alias", "[static_assets]") {
    const std::vector<EmbeddedFile> files = {
        {"/", "text/html; charset=utf-8", kPage},
        {"/embed.js", "application/javascript; charset=utf-8", kScript},
        {"/tiny.css", "text/css; charset=utf-8", "a{}"}};
    const StaticAssets assets(files);

    std::vector<std::string> paths;
    for (const StaticAsset& asset : assets.all()) paths.push_back(asset.path);
    const std::string script_alias = versioned_path("/embed.js", kScript);
    const std::string css_alias = versioned_path("/tiny.css", "a{}");
    CHECK(paths ==
          std::vector<std::string>{"/", "/embed.js", script_alias, "/tiny.css", css_alias});

    const StaticAsset* script = assets.find("/embed.js");
    REQUIRE(script);
    CHECK(script->body == kScript);
    CHECK(gunzipped(script->gzipped) == kScript);
    CHECK(script->cache_control == kSubresourceCacheControl);
    CHECK(script->content_type == "application/javascript; charset=utf-8");

    const StaticAsset* alias = assets.find(script_alias);
    REQUIRE(alias);
    CHECK(alias->cache_control == kVersionedCacheControl);
    CHECK(alias->gzipped == script->gzipped);

    CHECK(assets.find("/")->cache_control == kPageCacheControl);
    CHECK(assets.find("/tiny.css")->gzipped.empty());  // gzip would make it bigger
    CHECK(assets.find("/nothing") == nullptr);
}

TEST_CASE("a versioned path carries 12 hex digits of the content hash", "[static_assets]") {
    const std::string path = versioned_path("/embed.js", "content");
    REQUIRE(path.size() == std::string("/embed.0123456789ab.js").size());
    CHECK(path.starts_with("/embed."));
    CHECK(path.ends_with(".js"));
    CHECK(path.substr(7, 12).find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(path == versioned_path("/embed.js", "content"));
    CHECK(path != versioned_path("/embed.js", "content2"));
    CHECK(versioned_path("/v1.2/file", "x").starts_with("/v1.2/file."));
}

TEST_CASE("this build embeds the search box, its demo page and the stylesheets",
          "[static_assets]") {
    const StaticAssets assets(embedded_files());
    for (const char* path : {"/", "/embed.js", "/demo.css", "/search-page.css"}) {
        CAPTURE(path);
        const StaticAsset* asset = assets.find(path);
        REQUIRE(asset);
        CHECK_FALSE(asset->body.empty());
    }
    CHECK(assets.find("/")->content_type == "text/html; charset=utf-8");
    CHECK(assets.find("/embed.js")->content_type == "application/javascript; charset=utf-8");
    CHECK(assets.find("/search-page.css")->content_type == "text/css; charset=utf-8");
}
