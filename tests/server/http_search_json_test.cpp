// SearchResult -> JSON: the documented response shape, hits taken from the stored article
// (absent optional fields as null, tags as []), only the requested facets, applied filters.
#include <catch2/catch.hpp>

#include "api/search_json.hpp"
#include "api/story_json.hpp"

using namespace dateline;
using namespace dateline::server;

namespace {

Hit sample_hit() {
    Hit hit;
    hit.article = {{"id", "a-1"},
                   {"title", "Rates <rise>"},
                   {"url", "https://news.example/a-1"},
                   {"date", "2024-03-12T07:30:00Z"},
                   {"source", "Harbour Gazette"},
                   {"tags", {"economy", "rates"}},
                   {"author", "Ana Ruiz"},
                   {"body", "not part of a hit"}};
    hit.title_highlighted = "<mark>Rates</mark> &lt;rise&gt;";
    hit.snippet = "… <mark>rates</mark> went up …";
    hit.score = 1.5;
    return hit;
}

}  // namespace

TEST_CASE("a hit carries the documented fields", "[search_json]") {
    CHECK(hit_json(sample_hit()) ==
          nlohmann::json{{"id", "a-1"},
                         {"title", "Rates <rise>"},
                         {"title_highlighted", "<mark>Rates</mark> &lt;rise&gt;"},
                         {"url", "https://news.example/a-1"},
                         {"date", "2024-03-12T07:30:00Z"},
                         {"source", "Harbour Gazette"},
                         {"tags", {"economy", "rates"}},
                         {"author", "Ana Ruiz"},
                         {"original_source", nullptr},
                         {"score", 1.5},
                         {"snippet", "… <mark>rates</mark> went up …"}});
}

TEST_CASE("a hit without optional fields has null and empty values", "[search_json]") {
    Hit hit;
    hit.article = {{"id", "b"}, {"title", "T"}, {"date", "2024-01-01T00:00:00Z"}, {"source", "S"}};
    const nlohmann::json json = hit_json(hit);
    CHECK(json["url"].is_null());
    CHECK(json["author"].is_null());
    CHECK(json["original_source"].is_null());
    CHECK(json["tags"] == nlohmann::json::array());
}

TEST_CASE("a hit carries its story", "[search_json][story]") {
    Hit hit = sample_hit();
    hit.story = StorySummary{"a-0",
                             3,
                             {"Wire", "Harbour Gazette"},
                             parse_date("2024-03-11").value(),
                             "a-0",
                             "https://wire.example/a-0"};
    CHECK(hit_json(hit)["story"] == nlohmann::json{{"id", "a-0"},
                                                   {"size", 3},
                                                   {"sources", {"Wire", "Harbour Gazette"}},
                                                   {"first_seen", "2024-03-11T00:00:00Z"},
                                                   {"canonical_id", "a-0"}});
    CHECK(hit_json(sample_hit()).count("story") == 0);
}

TEST_CASE("a story lists its articles", "[search_json][story]") {
    Story story{"a-0",
                5,
                {{"a-0", "Rates rise", "Wire", parse_date("2024-03-11").value(),
                  "https://wire.example/a-0", std::nullopt},
                 {"a-1", "Rates <rise>", "Harbour Gazette", parse_date("2024-03-12").value(),
                  std::nullopt, "https://wire.example/a-0"}}};
    CHECK(story_json(story) == nlohmann::json{{"id", "a-0"},
                                              {"size", 5},
                                              {"first_seen", "2024-03-11T00:00:00Z"},
                                              {"canonical_id", "a-0"},
                                              {"articles",
                                               {{{"id", "a-0"},
                                                 {"title", "Rates rise"},
                                                 {"source", "Wire"},
                                                 {"date", "2024-03-11T00:00:00Z"},
                                                 {"url", "https://wire.example/a-0"}},
                                                {{"id", "a-1"},
                                                 {"title", "Rates <rise>"},
                                                 {"source", "Harbour Gazette"},
                                                 {"date", "2024-03-12T00:00:00Z"},
                                                 {"url", nullptr}}}}});
}

TEST_CASE("collapse=none is echoed", "[search_json][story]") {
    SearchRequest request;
    request.collapse = Collapse::kNone;
    CHECK(search_response_json(request, SearchResult{}, 0)["collapse"] == "none");
}

TEST_CASE("a search response has every documented field", "[search_json]") {
    SearchRequest request;
    request.q = "rates";
    request.from = parse_date("2024-01-01").value();
    request.to = parse_date("2024-03-31T23:59:59Z").value();
    request.sources = {"Harbour Gazette"};
    request.tags = {"economy", "rates"};
    request.sort = SortOrder::kNewest;
    request.recency_half_life = std::chrono::hours(24 * 30);
    request.page = 2;
    request.per_page = 5;
    request.facet_source = true;
    request.facet_lang = true;
    request.facet_date = DateFacet::kMonth;

    SearchResult result;
    result.total = 12;
    result.total_is_exact = false;
    result.relaxed = true;
    result.suggestion = "rate";
    result.hits = {sample_hit()};
    result.facets["source"] = {{"Harbour Gazette", 12}};
    result.facets["tag"] = {{"economy", 3}};  // not requested: left out
    result.facets["lang"] = {{"en", 10}, {"fr", 2}};

    const nlohmann::json json = search_response_json(request, result, 1.25);
    CHECK(json["total"] == 12);
    CHECK(json["total_relation"] == "gte");
    CHECK(json["page"] == 2);
    CHECK(json["per_page"] == 5);
    CHECK(json["took_ms"] == 1.25);
    CHECK(json["query"] == "rates");
    CHECK(json["suggestion"] == "rate");
    CHECK(json["relaxed"] == true);
    CHECK(json["applied_filters"] == nlohmann::json{{"from", "2024-01-01T00:00:00Z"},
                                                    {"to", "2024-03-31T23:59:59Z"},
                                                    {"source", {"Harbour Gazette"}},
                                                    {"tag", {"economy", "rates"}},
                                                    {"author", nlohmann::json::array()},
                                                    {"lang", nlohmann::json::array()},
                                                    {"sort", "newest"},
                                                    {"recency", "30d"}});
    CHECK(json["hits"] == nlohmann::json::array({hit_json(sample_hit())}));
    CHECK(json["facets"] ==
          nlohmann::json{
              {"source", {{{"value", "Harbour Gazette"}, {"count", 12}}}},
              {"lang", {{{"value", "en"}, {"count", 10}}, {{"value", "fr"}, {"count", 2}}}},
              {"date", nlohmann::json::array()}});
    CHECK(json["collapse"] == "story");
    CHECK(json.size() == 12);
}

TEST_CASE("an unfiltered search shows defaults and no facets", "[search_json]") {
    const nlohmann::json json = search_response_json(SearchRequest{}, SearchResult{}, 0);
    CHECK(json["total_relation"] == "eq");
    CHECK(json["suggestion"].is_null());
    CHECK(json["relaxed"] == false);
    CHECK(json["hits"] == nlohmann::json::array());
    CHECK(json["facets"] == nlohmann::json::object());
    CHECK(json["applied_filters"]["from"].is_null());
    CHECK(json["applied_filters"]["sort"] == "relevance");
    CHECK(json["applied_filters"]["recency"].is_null());
}

TEST_CASE("recency is written in its largest whole unit", "[search_json]") {
    const auto [seconds, text] =
        GENERATE(table<long, std::string>({{86400 * 7, "7d"}, {3600 * 36, "36h"}, {90, "90s"}}));
    SearchRequest request;
    request.recency_half_life = std::chrono::seconds(seconds);
    CHECK(applied_filters_json(request)["recency"] == text);
}
