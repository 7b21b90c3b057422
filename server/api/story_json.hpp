// The JSON shapes of stories: a hit's story summary, and GET /v1/stories/{id}. Dates in
// RFC 3339 UTC, as articles have them. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "search/search_result.hpp"
#include "search/story_lookup.hpp"

namespace dateline::server {

// {"id", "size", "sources", "first_seen", "canonical_id"}
nlohmann::json story_summary_json(const StorySummary& story);
// {"id", "size", "first_seen", "canonical_id", "articles": [{"id", "title", "source", "date",
// "url"}, ...]}
nlohmann::json story_json(const Story& story);

}  // namespace dateline::server
