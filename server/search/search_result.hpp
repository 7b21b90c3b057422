// SearchResult and friends: what a search, suggestion or related-articles lookup returns,
// before any JSON. Plain value types; thread-safe to copy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dateline/date.hpp"

namespace dateline::server {

// The story (an article and its near-copies) a hit belongs to, as a hit shows it.
struct StorySummary {
    std::string id;
    std::uint64_t size = 1;            // articles in the story
    std::vector<std::string> sources;  // distinct (as filters match them), earliest first
    Timestamp first_seen{};            // the earliest copy's date
    std::string canonical_id;          // the copy the others derive from (StoryLookup)
    std::optional<std::string> canonical_url;
};

struct Hit {
    nlohmann::json article;  // the stored record (id, title, url, date, source, tags, author...)
    std::string title_highlighted;  // HTML: escaped text plus <mark>
    std::string snippet;            // HTML: escaped text plus <mark>, cropped with …
    double score = 0;
    std::optional<StorySummary> story;  // set by searches and related-article lookups
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
