// Entity tag construction and If-None-Match comparison.
#include "http/etag.hpp"

#include <cstdio>
#include <string>

#include "dateline/stable_hash.hpp"
#include "http/header_tokens.hpp"

namespace dateline::server {
namespace {

std::string_view opaque_tag(std::string_view tag) {
    tag = trim_ows(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
}

std::string hex_hash(std::string_view text) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
    return hash;
}

}  // namespace

std::string make_etag(std::uint64_t index_version, std::string_view target) {
    return "W/\"" + std::to_string(index_version) + "-" + hex_hash(target) + "\"";
}

std::string make_content_etag(std::string_view content) {
    return "\"" + hex_hash(content) + "\"";
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (trim_ows(if_none_match) == "*") return true;
    const std::string_view wanted = opaque_tag(etag);
    while (!if_none_match.empty()) {
        const auto comma = if_none_match.find(',');
        if (opaque_tag(if_none_match.substr(0, comma)) == wanted) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace dateline::server
