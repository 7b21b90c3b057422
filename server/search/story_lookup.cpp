// Reading a story's articles through its story term, and summarising them.
#include "search/story_lookup.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "dateline/index_schema.hpp"

namespace dateline::server {
namespace {

// The stored record's fields a story shows; the body (most of a record) is skipped unbuilt.
constexpr std::array<std::string_view, 6> kStoryFields = {"id",  "title", "source",
                                                          "url", "date",  "original_url"};

bool is_story_field(const nlohmann::json& key) {
    const std::string& name = key.get_ref<const std::string&>();
    return std::find(kStoryFields.begin(), kStoryFields.end(), name) != kStoryFields.end();
}

nlohmann::json story_fields(const std::string& data) {
    return nlohmann::json::parse(data, [](int depth, nlohmann::json::parse_event_t event,
                                          nlohmann::json& parsed) {
        return event != nlohmann::json::parse_event_t::key || depth != 1 || is_story_field(parsed);
    });
}

std::string text_of(const nlohmann::json& record, const char* name) {
    const auto found = record.find(name);
    return found != record.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const nlohmann::json& record, const char* name) {
    std::string text = text_of(record, name);
    if (text.empty()) return std::nullopt;
    return text;
}

// Dates from the date slot: sortable and cheaper than the record's text.
Timestamp date_of(const Xapian::Document& document) {
    const std::string value = document.get_value(schema::kDateSlot);
    return value.empty() ? Timestamp{} : schema::date_from_value(value);
}

StoryArticle story_article(const Xapian::Document& document, const nlohmann::json& record) {
    return {text_of(record, "id"),        text_of(record, "title"),
            text_of(record, "source"),    date_of(document),
            optional_text(record, "url"), optional_text(record, "original_url")};
}

bool earlier(const StoryArticle& a, const StoryArticle& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
}

// Distinct as the source filter matches them ("AP" and "ap" are one), earliest first.
std::vector<std::string> distinct_sources(const std::vector<StoryArticle>& articles) {
    std::vector<std::string> sources;
    std::unordered_set<std::string> seen;
    for (const StoryArticle& article : articles)
        if (!article.source.empty() && seen.insert(schema::filter_value(article.source)).second)
            sources.push_back(article.source);
    return sources;
}

}  // namespace

std::optional<Story> StoryLookup::story(std::string_view id, std::size_t max_articles) const {
    if (id.empty()) return std::nullopt;
    const std::string term = schema::story_term(id);
    Story story{std::string(id), database_.get_termfreq(term), {}};
    if (story.size == 0) return std::nullopt;
    for (auto it = database_.postlist_begin(term);
         it != database_.postlist_end(term) && story.articles.size() < max_articles; ++it) {
        const Xapian::Document document = database_.get_document(*it);
        story.articles.push_back(story_article(document, story_fields(document.get_data())));
    }
    std::sort(story.articles.begin(), story.articles.end(), earlier);
    return story;
}

const StorySummary& StoryLookup::summary(const Xapian::Document& document,
                                         const nlohmann::json& article) {
    // Every article of an index of schema 3 has a story; its own id is its story otherwise.
    std::string id = document.get_value(schema::kStorySlot);
    if (id.empty()) id = text_of(article, "id");
    if (const auto cached = summaries_.find(id); cached != summaries_.end()) return cached->second;
    std::optional<Story> read;
    if (database_.get_termfreq(schema::story_term(id)) > 1) read = story(id, kSummaryArticles);
    if (!read) read = Story{id, 1, {story_article(document, article)}};
    return summaries_.emplace(id, summarize(*read)).first->second;
}

StorySummary summarize(const Story& story) {
    const StoryArticle& canonical = canonical_article(story.articles);
    return {
        story.id,     story.size,   distinct_sources(story.articles), story.articles.front().date,
        canonical.id, canonical.url};
}

const StoryArticle& canonical_article(const std::vector<StoryArticle>& articles) {
    // A copy that says where it first appeared (its original_url) points at the original; the
    // earliest copy pointed at wins. A story has few copies: pairs are cheap.
    for (const StoryArticle& candidate : articles) {
        if (!candidate.url) continue;
        for (const StoryArticle& other : articles)
            if (&other != &candidate && other.original_url == candidate.url) return candidate;
    }
    return articles.front();
}

ApiError story_not_found(std::string_view id) {
    return unknown_id("story", id);
}

}  // namespace dateline::server
