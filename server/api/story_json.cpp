// Story -> JSON.
#include "api/story_json.hpp"

#include "dateline/date.hpp"

namespace dateline::server {
namespace {

nlohmann::json optional_json(const std::optional<std::string>& text) {
    return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json article_json(const StoryArticle& article) {
    return {{"id", article.id},
            {"title", article.title},
            {"source", article.source},
            {"date", to_rfc3339(article.date)},
            {"url", optional_json(article.url)}};
}

}  // namespace

nlohmann::json story_summary_json(const StorySummary& story) {
    return {{"id", story.id},
            {"size", story.size},
            {"sources", story.sources},
            {"first_seen", to_rfc3339(story.first_seen)},
            {"canonical_id", story.canonical_id}};
}

// A story found by StoryLookup has at least one article.
nlohmann::json story_json(const Story& story) {
    nlohmann::json articles = nlohmann::json::array();
    for (const StoryArticle& article : story.articles) articles.push_back(article_json(article));
    return {{"id", story.id},
            {"size", story.size},
            {"first_seen", to_rfc3339(story.articles.front().date)},
            {"canonical_id", canonical_article(story.articles).id},
            {"articles", std::move(articles)}};
}

}  // namespace dateline::server
