// schema.org JSON-LD to article fields. Values come in several shapes (a string, an object
// with "name", an array of either); each reader accepts them all.
#include "json_ld.hpp"

namespace dateline::indexer {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDepth = 8;  // a page's JSON-LD nests a few levels, never deep

// "NewsArticle", "schema:BlogPosting", "https://schema.org/Article".
bool is_article_type(std::string_view type) {
    if (const auto cut = type.find_last_of("/:#"); cut != std::string_view::npos)
        type = type.substr(cut + 1);
    return type == "BlogPosting" || type == "LiveBlogPosting" ||
           (type.size() >= 7 && type.substr(type.size() - 7) == "Article");
}

bool has_article_type(const json& object) {
    const auto type = object.find("@type");
    if (type == object.end()) return false;
    if (type->is_string()) return is_article_type(type->get_ref<const std::string&>());
    if (type->is_array())
        for (const json& each : *type)
            if (each.is_string() && is_article_type(each.get_ref<const std::string&>()))
                return true;
    return false;
}

const json* find_article(const json& value, std::size_t depth) {
    if (depth > kMaxDepth) return nullptr;
    if (value.is_array()) {
        for (const json& each : value)
            if (const json* found = find_article(each, depth + 1)) return found;
        return nullptr;
    }
    if (!value.is_object()) return nullptr;
    if (has_article_type(value)) return &value;
    for (const char* nested : {"@graph", "mainEntity"})
        if (const auto inner = value.find(nested); inner != value.end())
            if (const json* found = find_article(*inner, depth + 1)) return found;
    return nullptr;
}

std::string string_of(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// "Jo", {"name": "Jo"}, ["Jo", {"name": "Al"}] -> the names.
std::vector<std::string> names_of(const json& value) {
    std::vector<std::string> names;
    if (value.is_string()) {
        names.push_back(value.get<std::string>());
    } else if (value.is_object()) {
        if (std::string name = string_of(value, "name"); !name.empty())
            names.push_back(std::move(name));
    } else if (value.is_array()) {
        for (const json& each : value)
            for (std::string& name : names_of(each)) names.push_back(std::move(name));
    }
    return names;
}

std::vector<std::string> names_at(const json& object, const char* key) {
    const auto found = object.find(key);
    return found == object.end() ? std::vector<std::string>{} : names_of(*found);
}

// Keywords: "a, b, c" or ["a", "b"].
std::vector<std::string> keywords_of(const json& object) {
    std::vector<std::string> out;
    for (const std::string& entry : names_at(object, "keywords")) {
        std::size_t start = 0;
        while (start <= entry.size()) {
            const auto comma = entry.find(',', start);
            out.push_back(entry.substr(start, comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return out;
}

}  // namespace

std::optional<json> find_json_ld_article(const std::vector<std::string>& scripts) {
    for (const std::string& script : scripts) {
        const json parsed = json::parse(script, nullptr, /*allow_exceptions=*/false);
        if (parsed.is_discarded()) continue;
        if (const json* article = find_article(parsed, 0)) return *article;
    }
    return std::nullopt;
}

void apply_json_ld(const json& article, ArticleDraft& draft) {
    draft.set_text("title", string_of(article, "headline"));
    draft.set_text("title", string_of(article, "name"));
    draft.set_date("date", string_of(article, "datePublished"));
    draft.set_date("date", string_of(article, "dateCreated"));
    draft.set_date("updated", string_of(article, "dateModified"));
    std::string authors;
    for (const std::string& name : names_at(article, "author"))
        authors += (authors.empty() ? "" : ", ") + name;
    draft.set_plain("author", authors);
    if (const auto publishers = names_at(article, "publisher"); !publishers.empty())
        draft.set_plain("source", publishers.front());
    for (const std::string& keyword : keywords_of(article)) draft.add_tag(keyword);
    for (const std::string& section : names_at(article, "articleSection")) draft.add_tag(section);
    if (const auto language = article.find("inLanguage"); language != article.end()) {
        if (language->is_string()) draft.set_lang(language->get<std::string>());
        if (language->is_object()) draft.set_lang(string_of(*language, "alternateName"));
    }
    draft.set_text("summary", string_of(article, "description"));
}

std::string json_ld_body(const json& article) {
    return string_of(article, "articleBody");
}

}  // namespace dateline::indexer
