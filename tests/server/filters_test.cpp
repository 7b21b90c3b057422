// Filters (OR within a field, AND across fields), date ranges (a date-only `to` takes the
// whole day; relative dates), sort orders and paging, on an in-memory index.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "search/recency.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

using Ids = std::vector<std::string>;

// Five days of March 2024, one article a day, oldest first; plus one from late May.
std::vector<Article> week() {
    Article a =
        article("mar10", "Harbour report", "Ferry news.", "2024-03-10T12:00:00Z", "Reuters");
    a.tags = {"Transport"};
    a.author = "Ana Ruiz";
    Article b =
        article("mar11", "Harbour report", "Ferry news.", "2024-03-11T12:00:00Z", "The Guardian");
    b.tags = {"Politics", "Transport"};
    Article c =
        article("mar12", "Harbour report", "Ferry news.", "2024-03-12T23:30:00Z", "Reuters");
    c.tags = {"Politics"};
    c.author = "Li Wei";
    Article d = article("mar13", "Rapport du port", "Nouvelles du ferry.", "2024-03-13T00:00:00Z",
                        "Le Monde");
    d.lang = "fr-FR";
    Article e =
        article("mar14", "Harbour report", "Ferry news.", "2024-03-14T12:00:00+02:00", "AP");
    Article f = article("may28", "Harbour report", "Ferry news.", "2024-05-28T12:00:00Z", "AP");
    return {a, b, c, d, e, f};
}

Ids sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("filters: values OR within a field, fields AND together", "[filters]") {
    TestIndex index(week());
    Searcher searcher = index.searcher();
    const std::vector<std::pair<QueryParams, Ids>> cases = {
        {{{"source", "Reuters"}}, {"mar10", "mar12"}},
        {{{"source", "  THE   guardian "}}, {"mar11"}},  // normalised like the index
        {{{"source", "Reuters"}, {"source", "AP"}}, {"mar10", "mar12", "mar14", "may28"}},
        {{{"tag", "transport"}}, {"mar10", "mar11"}},
        {{{"tag", "Transport"}, {"tag", "Politics"}}, {"mar10", "mar11", "mar12"}},
        {{{"tag", "Politics"}, {"source", "Reuters"}}, {"mar12"}},
        {{{"author", "ana ruiz"}}, {"mar10"}},
        {{{"author", "Ana Ruiz"}, {"author", "Li Wei"}}, {"mar10", "mar12"}},
        {{{"lang", "fr"}}, {"mar13"}},
        {{{"lang", "FR-ca"}}, {"mar13"}},  // the primary language is what counts
        {{{"q", "ferry"}, {"source", "Reuters"}}, {"mar10", "mar12"}},
        {{{"q", "ferry"}, {"source", "nobody"}}, {}},
    };
    for (const auto& [params, expected] : cases) {
        INFO("case " << (&params - &cases.front().first));
        CHECK(sorted(search_ids(searcher, params)) == expected);
    }
}

TEST_CASE("date ranges: inclusive bounds, whole days for date-only to, relative dates",
          "[filters][dates]") {
    TestIndex index(week());
    Searcher searcher = index.searcher();
    const std::vector<std::pair<QueryParams, Ids>> cases = {
        {{{"to", "2024-03-12"}}, {"mar10", "mar11", "mar12"}},        // 23:30 on the 12th is in
        {{{"from", "2024-03-13"}, {"to", "2024-03-13"}}, {"mar13"}},  // midnight is in
        {{{"from", "2024-03-11"}, {"to", "2024-03-12"}}, {"mar11", "mar12"}},
        {{{"from", "2024-03-12T23:30:00Z"}, {"to", "2024-03-12T23:30:00Z"}}, {"mar12"}},
        {{{"from", "2024-03-14T10:00:00Z"}, {"to", "2024-03-14T10:00:00Z"}}, {"mar14"}},  // +02:00
        {{{"from", "2024-03-14"}}, {"mar14", "may28"}},
        {{{"from", "now-7d"}}, {"may28"}},  // now is 2024-06-01
        {{{"from", "now-2w"}, {"to", "now-4d"}}, {}},
        {{{"q", "ferry"}, {"from", "2024-03-11"}, {"to", "2024-03-12"}}, {"mar11", "mar12"}},
    };
    for (const auto& [params, expected] : cases) {
        INFO("case " << (&params - &cases.front().first));
        CHECK(sorted(search_ids(searcher, params)) == expected);
    }
}

TEST_CASE("an empty q lists articles newest first, sort orders by date either way", "[sort]") {
    TestIndex index(week());
    Searcher searcher = index.searcher();
    const Ids newest = {"may28", "mar14", "mar13", "mar12", "mar11", "mar10"};
    const Ids oldest(newest.rbegin(), newest.rend());
    CHECK(search_ids(searcher, {}) == newest);
    CHECK(search_ids(searcher, {{"source", "Reuters"}}) == Ids{"mar12", "mar10"});
    CHECK(search_ids(searcher, {{"sort", "oldest"}}) == oldest);
    CHECK(search_ids(searcher, {{"q", "harbour"}, {"sort", "newest"}}) ==
          Ids{"may28", "mar14", "mar12", "mar11", "mar10"});
    CHECK(search_ids(searcher, {{"q", "harbour"}, {"sort", "oldest"}}) ==
          Ids{"mar10", "mar11", "mar12", "mar14", "may28"});
}

TEST_CASE("relevance ranks by BM25, recency blends freshness in", "[sort]") {
    Article strong = article("old-strong", "Ferry news", "Ferry ferry.", "2020-01-01T00:00:00Z");
    Article weak_old = article("old-weak", "Harbour", "One ferry mention and other words here.",
                               "2023-01-01T00:00:00Z");
    Article weak_new = article("new-weak", "Harbour", "One ferry mention and other words here.",
                               "2024-05-31T00:00:00Z");
    TestIndex index({strong, weak_old, weak_new});
    Searcher searcher = index.searcher();
    // The two weak articles are copies of one story: ranked here as articles, not as stories.
    auto plain = searcher.search(request({{"q", "ferry"}, {"collapse", "none"}}));
    REQUIRE(plain);
    CHECK(ids(*plain).front() == "old-strong");
    const double strong_bm25 = plain->hits[0].score, weak_bm25 = plain->hits[1].score;

    auto blended =
        searcher.search(request({{"q", "ferry"}, {"recency", "30d"}, {"collapse", "none"}}));
    REQUIRE(blended);
    // A day-old article keeps almost all its score; four years at a 30-day half-life halve it.
    CHECK(ids(*blended) == Ids{"new-weak", "old-strong", "old-weak"});
    CHECK(blended->hits[0].score == Approx(weak_bm25 * (0.5 + 0.5 * std::exp2(-1.0 / 30))));
    CHECK(blended->hits[1].score == Approx(strong_bm25 * 0.5).epsilon(0.001));
}

TEST_CASE("freshness is 1 when new, 3/4 at one half-life, never under 1/2", "[sort]") {
    const std::chrono::seconds half_life = std::chrono::hours(24 * 30);
    CHECK(freshness(kNow, kNow, half_life) == 1.0);
    CHECK(freshness(kNow + std::chrono::hours(5), kNow, half_life) == 1.0);  // future: as new
    CHECK(freshness(kNow - half_life, kNow, half_life) == Approx(0.75));
    CHECK(freshness(at("1980-01-01T00:00:00Z"), kNow, half_life) == Approx(0.5));
}

TEST_CASE("paging walks the results without gaps or repeats", "[paging]") {
    TestIndex index(week());
    Searcher searcher = index.searcher();
    Ids walked;
    for (int page = 1; page <= 3; ++page) {
        auto result = searcher.search(
            request({{"sort", "oldest"}, {"per_page", "2"}, {"page", std::to_string(page)}}));
        REQUIRE(result);
        CHECK(result->total == 6);
        CHECK(result->total_is_exact);
        CHECK(result->hits.size() == 2);
        for (const std::string& id : ids(*result)) walked.push_back(id);
    }
    CHECK(walked == Ids{"mar10", "mar11", "mar12", "mar13", "mar14", "may28"});
    auto past_end = searcher.search(request({{"per_page", "2"}, {"page", "4"}}));
    REQUIRE(past_end);
    CHECK(past_end->hits.empty());
    CHECK(past_end->total == 6);
    // Recency re-ranking pages the same way.
    auto second = searcher.search(
        request({{"q", "ferry"}, {"recency", "7d"}, {"per_page", "2"}, {"page", "2"}}));
    REQUIRE(second);
    CHECK(second->hits.size() == 2);
}
