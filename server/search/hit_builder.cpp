// Shaping one matched document into a Hit.
#include "search/hit_builder.hpp"

#include <nlohmann/json.hpp>

namespace dateline::server {
namespace {

std::string string_field(const nlohmann::json& record, const char* name) {
    const auto found = record.find(name);
    return found != record.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<std::string> language_of(const nlohmann::json& record) {
    std::string lang = string_field(record, "lang");
    if (lang.empty()) return std::nullopt;
    return lang;
}

}  // namespace

HitBuilder::HitBuilder(TextAnalyzer& analyzer, TermMatcher matcher, std::size_t snippet_words)
    : snippets_(analyzer, std::move(matcher)), snippet_words_(snippet_words) {}

Hit HitBuilder::build(const Xapian::Document& document, double score) {
    Hit hit;
    hit.article = nlohmann::json::parse(document.get_data());
    hit.score = score;
    const std::optional<std::string> lang = language_of(hit.article);
    const std::string title = string_field(hit.article, "title");
    // The snippet comes from the body; a body-less article falls back to its summary (lede),
    // then its title.
    std::string text = string_field(hit.article, "body");
    if (text.empty()) text = string_field(hit.article, "summary");
    if (text.empty()) text = title;
    hit.snippet = snippets_.snippet(text, lang, snippet_words_);
    hit.title_highlighted = snippets_.highlight(title, lang);
    hit.article.erase("body");
    return hit;
}

}  // namespace dateline::server
