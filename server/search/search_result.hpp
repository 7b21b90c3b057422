// SearchResult and friends: what a search, suggestion or related-articles lookup returns,
// before any JSON. Plain value types; thread-safe to copy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dateline::server {

struct Hit {
    nlohmann::json article;  // the stored record (id, title, url, date, source, tags, author...)
    std::string title_highlighted;  // HTML: escaped text plus <mark>
    std::string snippet;            // HTML: escaped text plus <mark>, cropped with …
    double score = 0;
};

struct FacetValue {
    std::string value;
    std::uint64_t count = 0;
};

struct SearchResult {
    std::uint64_t total = 0;
    bool total_is_exact = true;             // total_relation "eq" or "gte"
    bool relaxed = false;                   // no all-words match: fell back to any-word matching
    std::optional<std::string> suggestion;  // did-you-mean, from the spelling data
    std::vector<Hit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;  // "source", "tag", "lang", "date"
    std::uint64_t index_revision = 0;
    // Names this exact state of this database: the revision combined with the database's UUID,
    // which compaction changes while restarting the revision count. ETags are built from it.
    std::uint64_t index_version = 0;
};

}  // namespace dateline::server
