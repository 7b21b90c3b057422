// Entity tag construction and If-None-Match comparison.
#include "http/etag.hpp"

#include <cstdio>

#include "dateline/stable_hash.hpp"

namespace dateline::server {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string_view opaque_tag(std::string_view tag) {
    tag = trim(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
}

}  // namespace

std::string make_etag(std::uint64_t index_version, std::string_view target) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(target)));
    return "W/\"" + std::to_string(index_version) + "-" + hash + "\"";
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (trim(if_none_match) == "*") return true;
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
