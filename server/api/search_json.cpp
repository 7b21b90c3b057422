// SearchResult -> JSON.
#include "api/search_json.hpp"

#include <string_view>

#include "api/story_json.hpp"
#include "dateline/date.hpp"

namespace dateline::server {
namespace {

// A stored field, or `fallback` when the article lacks it (optional fields are omitted there).
nlohmann::json field(const nlohmann::json& article, std::string_view name,
                     nlohmann::json fallback = nullptr) {
    if (!article.is_object()) return fallback;
    const auto found = article.find(name);
    return found == article.end() ? fallback : *found;
}

std::string_view sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::kRelevance: return "relevance";
        case SortOrder::kNewest: return "newest";
        case SortOrder::kOldest: return "oldest";
    }
    return "relevance";
}

// The half-life in the largest whole unit the `recency` parameter is written in ("30d").
nlohmann::json recency_json(const std::optional<std::chrono::seconds>& half_life) {
    if (!half_life) return nullptr;
    const auto seconds = half_life->count();
    if (seconds % 86400 == 0) return std::to_string(seconds / 86400) + "d";
    if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
    return std::to_string(seconds) + "s";
}

nlohmann::json date_json(const std::optional<Timestamp>& date) {
    return date ? nlohmann::json(to_rfc3339(*date)) : nlohmann::json(nullptr);
}

nlohmann::json facet_json(const std::vector<FacetValue>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const FacetValue& value : values)
        out.push_back({{"value", value.value}, {"count", value.count}});
    return out;
}

// Only the facets the request asked for, each present even when it found nothing.
nlohmann::json facets_json(const SearchRequest& request, const SearchResult& result) {
    nlohmann::json facets = nlohmann::json::object();
    const auto add = [&](bool requested, const std::string& name) {
        if (!requested) return;
        const auto found = result.facets.find(name);
        facets[name] =
            found == result.facets.end() ? nlohmann::json::array() : facet_json(found->second);
    };
    add(request.facet_source, "source");
    add(request.facet_tag, "tag");
    add(request.facet_lang, "lang");
    add(request.facet_date != DateFacet::kNone, "date");
    return facets;
}

}  // namespace

nlohmann::json hit_json(const Hit& hit) {
    const nlohmann::json& article = hit.article;
    nlohmann::json json = {{"id", field(article, "id")},
                           {"title", field(article, "title")},
                           {"title_highlighted", hit.title_highlighted},
                           {"url", field(article, "url")},
                           {"date", field(article, "date")},
                           {"source", field(article, "source")},
                           {"tags", field(article, "tags", nlohmann::json::array())},
                           {"author", field(article, "author")},
                           {"original_source", field(article, "original_source")},
                           {"score", hit.score},
                           {"snippet", hit.snippet}};
    if (hit.story) json["story"] = story_summary_json(*hit.story);
    return json;
}

nlohmann::json hits_json(const std::vector<Hit>& hits) {
    nlohmann::json out = nlohmann::json::array();
    for (const Hit& hit : hits) out.push_back(hit_json(hit));
    return out;
}

nlohmann::json applied_filters_json(const SearchRequest& request) {
    return {
        {"from", date_json(request.from)}, {"to", date_json(request.to)},
        {"source", request.sources},       {"tag", request.tags},
        {"author", request.authors},       {"lang", request.langs},
        {"sort", sort_name(request.sort)}, {"recency", recency_json(request.recency_half_life)}};
}

nlohmann::json search_response_json(const SearchRequest& request, const SearchResult& result,
                                    double took_ms) {
    return {{"total", result.total},
            {"total_relation", result.total_is_exact ? "eq" : "gte"},
            {"collapse", request.collapse == Collapse::kStory ? "story" : "none"},
            {"page", request.page},
            {"per_page", request.per_page},
            {"took_ms", took_ms},
            {"query", request.q},
            {"suggestion",
             result.suggestion ? nlohmann::json(*result.suggestion) : nlohmann::json(nullptr)},
            {"relaxed", result.relaxed},
            {"applied_filters", applied_filters_json(request)},
            {"hits", hits_json(result.hits)},
            {"facets", facets_json(request, result)}};
}

}  // namespace dateline::server
