// HTML of the result list.
#include "web/result_list.hpp"

#include <algorithm>
#include <cctype>

#include "dateline/date.hpp"
#include "dateline/index_schema.hpp"
#include "search/html_escape.hpp"
#include "search/parameter_values.hpp"
#include "web/display_format.hpp"

namespace dateline::server {
namespace {

// A stored string field, or "" when absent or not a string.
std::string_view text_field(const nlohmann::json& article, std::string_view name) {
    if (!article.is_object()) return {};
    const auto found = article.find(name);
    if (found == article.end() || !found->is_string()) return {};
    return found->get_ref<const std::string&>();
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return a == std::tolower(static_cast<unsigned char>(b));
           });
}

void append_title(std::string& out, const Hit& hit) {
    const std::string_view url = text_field(hit.article, "url");
    const std::string_view title =
        hit.title_highlighted.empty() ? std::string_view("(untitled)") : hit.title_highlighted;
    out += "<h2 class=\"result-title\">";
    if (is_web_url(url)) {
        out += "<a href=\"";
        append_html_escaped(out, url);
        out += "\">";
        out += title;  // already HTML
        out += "</a>";
    } else {
        out += title;
    }
    out += "</h2>";
}

void append_date(std::string& out, std::string_view stored) {
    const auto date = parse_date(stored);
    if (!date) return;
    out += "<time datetime=\"";
    out += to_rfc3339(*date);
    out += "\">";
    out += human_date(*date);
    out += "</time>";
}

// The story's sources other than the hit's own, as the source filter tells them apart.
std::vector<std::string_view> other_sources(const Hit& hit) {
    std::vector<std::string_view> others;
    if (!hit.story) return others;
    const std::string own = schema::filter_value(text_field(hit.article, "source"));
    for (const std::string& source : hit.story->sources)
        if (schema::filter_value(source) != own) others.push_back(source);
    return others;
}

// "also in 3 sources", naming them in a tooltip; nothing for a story told by one source.
void append_other_sources(std::string& out, const Hit& hit) {
    const std::vector<std::string_view> others = other_sources(hit);
    if (others.empty()) return;
    std::string names;
    for (const std::string_view source : others)
        names += (names.empty() ? "" : ", ") + std::string(source);
    out += "<span class=\"result-story\" title=\"Also in ";
    append_html_escaped(out, names);
    out += "\">also in " + std::to_string(others.size()) +
           (others.size() == 1 ? " source" : " sources") + "</span>";
}

void append_meta(std::string& out, const Hit& hit) {
    out += "<p class=\"result-meta\">";
    append_date(out, text_field(hit.article, "date"));
    for (const std::string_view name : {"source", "author"}) {
        const std::string_view value = text_field(hit.article, name);
        if (value.empty()) continue;
        out += "<span class=\"result-";
        out += name;
        out += "\">";
        append_html_escaped(out, value);
        out += "</span>";
    }
    append_other_sources(out, hit);
    out += "</p>";
}

void append_tags(std::string& out, const nlohmann::json& article) {
    if (!article.is_object() || !article.contains("tags") || !article["tags"].is_array()) return;
    std::string items;
    for (const nlohmann::json& tag : article["tags"]) {
        if (!tag.is_string()) continue;
        items += "<li>";
        append_html_escaped(items, tag.get_ref<const std::string&>());
        items += "</li>";
    }
    if (items.empty()) return;
    out += "<ul class=\"result-tags\" aria-label=\"Tags\">" + items + "</ul>";
}

void append_hit(std::string& out, const Hit& hit) {
    const std::string_view lang = text_field(hit.article, "lang");
    out += "<li class=\"result\"";
    if (is_language_tag(lang)) {
        out += " lang=\"";
        append_html_escaped(out, lang);
        out += "\"";
    }
    out += "><article>";
    append_title(out, hit);
    append_meta(out, hit);
    if (!hit.snippet.empty()) out += "<p class=\"result-snippet\">" + hit.snippet + "</p>";
    append_tags(out, hit.article);
    out += "</article></li>";
}

}  // namespace

bool is_web_url(std::string_view url) {
    return starts_with_ignoring_case(url, "http://") || starts_with_ignoring_case(url, "https://");
}

void append_result_list(std::string& out, const std::vector<Hit>& hits, std::size_t first_number) {
    if (hits.empty()) return;
    out += "<ol class=\"results\" id=\"results\" start=\"" + std::to_string(first_number) + "\">";
    for (const Hit& hit : hits) append_hit(out, hit);
    out += "</ol>";
}

}  // namespace dateline::server
