// StoryLookup: the articles of a story (an article and its near-copies, which the indexer
// groups: indexer/story_assigner.hpp) and what a hit shows of its story: how many articles,
// from which sources, first seen when, and which copy is the canonical one.
// Not thread-safe: reads the caller's Database, and caches the summaries of one search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "dateline/date.hpp"
#include "search/api_error.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

struct StoryArticle {
    std::string id;
    std::string title;
    std::string source;
    Timestamp date{};
    std::optional<std::string> url;
    std::optional<std::string> original_url;
};

struct Story {
    std::string id;
    std::uint64_t size = 0;              // every article carrying the story
    std::vector<StoryArticle> articles;  // those read (see StoryLookup::story), by date then id
};

class StoryLookup {
public:
    // Articles read to summarise a hit's story: enough for its sources and canonical copy,
    // and a bound on the work a story of thousands of copies (boilerplate) costs a search.
    static constexpr std::size_t kSummaryArticles = 100;
    // Articles GET /v1/stories/{id} lists at most.
    static constexpr std::size_t kMaxListedArticles = 1000;

    explicit StoryLookup(const Xapian::Database& database) : database_(database) {}

    // The story and up to max_articles of its articles (the first indexed, then sorted);
    // nullopt when no article carries it.
    std::optional<Story> story(std::string_view id,
                               std::size_t max_articles = kMaxListedArticles) const;

    // The story of a matched document whose stored record is `article`. A story of one article
    // is summarised from the record alone; larger ones are read once per lookup.
    const StorySummary& summary(const Xapian::Document& document, const nlohmann::json& article);

private:
    const Xapian::Database& database_;
    std::unordered_map<std::string, StorySummary> summaries_;  // by story id
};

// What a hit shows of a story read whole (or up to a limit): its articles must be sorted.
StorySummary summarize(const Story& story);

// The copy the others derive from: one whose url another copy names as its original_url, else
// the earliest. `articles` sorted by date then id, not empty.
const StoryArticle& canonical_article(const std::vector<StoryArticle>& articles);

// The kNotFound error for an unknown story.
ApiError story_not_found(std::string_view id);

}  // namespace dateline::server
