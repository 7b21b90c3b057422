// Facet counts: sources, tags (a list per article), languages and dates by year, month or day;
// the top values by count, then value; counts exact on a small index.
#include <catch2/catch.hpp>

#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

Counts counts(const std::vector<FacetValue>& values) {
    Counts out;
    for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
    return out;
}

std::vector<Article> archive() {
    std::vector<Article> articles;
    const auto add = [&](std::string id, std::string date, std::string source,
                         std::vector<std::string> tags) {
        Article a =
            article(std::move(id), "Port news", "Ferry news.", std::move(date), std::move(source));
        a.tags = std::move(tags);
        articles.push_back(std::move(a));
    };
    add("1", "2023-12-31T23:00:00Z", "Reuters", {"Transport"});
    add("2", "2024-01-05T10:00:00Z", "Reuters", {"Transport", "Politics"});
    add("3", "2024-01-05T11:00:00Z", "AP", {"Politics"});
    add("4", "2024-03-12T08:00:00Z", "The Guardian", {"Economy", "Transport"});
    add("5", "2024-03-12T09:00:00Z", "AP", {});
    return articles;
}

}  // namespace

TEST_CASE("facets count sources, tags and dates of the matches", "[facets]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    auto result = searcher.search(request({{"q", "ferry"}, {"facets", "source,tag,date:month"}}));
    REQUIRE(result);
    CHECK(result->total == 5);
    CHECK(result->total_is_exact);
    CHECK(counts(result->facets.at("source")) ==
          Counts{{"AP", 2}, {"Reuters", 2}, {"The Guardian", 1}});
    CHECK(counts(result->facets.at("tag")) ==
          Counts{{"Transport", 3}, {"Politics", 2}, {"Economy", 1}});
    CHECK(counts(result->facets.at("date")) ==
          Counts{{"2024-01", 2}, {"2024-03", 2}, {"2023-12", 1}});
}

TEST_CASE("date facets by year and by day, facets follow the filters", "[facets]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    auto by_year = searcher.search(request({{"facets", "date:year"}}));
    REQUIRE(by_year);
    CHECK(counts(by_year->facets.at("date")) == Counts{{"2024", 4}, {"2023", 1}});
    CHECK(by_year->facets.count("source") == 0);

    auto by_day = searcher.search(request({{"facets", "date:day"}, {"source", "AP"}}));
    REQUIRE(by_day);
    CHECK(counts(by_day->facets.at("date")) == Counts{{"2024-01-05", 1}, {"2024-03-12", 1}});
}

TEST_CASE("facets show the top ten values, most frequent first, then by value", "[facets]") {
    std::vector<Article> articles;
    for (int source = 0; source < 12; ++source)
        for (int copy = 0; copy <= source % 3; ++copy)
            articles.push_back(
                article("s" + std::to_string(source) + "-" + std::to_string(copy), "Port", "Ferry.",
                        "2024-01-01T00:00:00Z",
                        "Source " + std::string(1, static_cast<char>('A' + source))));
    TestIndex index(articles);
    Searcher searcher = index.searcher();
    auto result = searcher.search(request({{"facets", "source"}}));
    REQUIRE(result);
    const Counts top = counts(result->facets.at("source"));
    REQUIRE(top.size() == 10);
    // Counts 3 for C, F, I, L; 2 for B, E, H, K; 1 for A, D, G, J (only A and D make the cut).
    CHECK(top == Counts{{"Source C", 3},
                        {"Source F", 3},
                        {"Source I", 3},
                        {"Source L", 3},
                        {"Source B", 2},
                        {"Source E", 2},
                        {"Source H", 2},
                        {"Source K", 2},
                        {"Source A", 1},
                        {"Source D", 1}});
}

TEST_CASE("the lang facet counts primary language subtags, and follows the lang filter",
          "[facets]") {
    std::vector<Article> articles;
    const auto add = [&](std::string id, std::string lang) {
        Article a = article(std::move(id), "Port", "Ferry.");
        a.lang = std::move(lang);
        articles.push_back(std::move(a));
    };
    add("1", "fr");
    add("2", "fr-CA");  // counted with fr, as lang=fr finds it
    add("3", "de");
    add("4", "pt-BR");
    add("5", "en");
    add("6", "FR");
    TestIndex index(articles);
    Searcher searcher = index.searcher();

    auto all = searcher.search(request({{"facets", "lang"}}));
    REQUIRE(all);
    CHECK(counts(all->facets.at("lang")) == Counts{{"fr", 3}, {"de", 1}, {"en", 1}, {"pt", 1}});
    CHECK(all->facets.count("source") == 0);

    auto french = searcher.search(request({{"facets", "lang,source"}, {"lang", "fr"}}));
    REQUIRE(french);
    CHECK(counts(french->facets.at("lang")) == Counts{{"fr", 3}});
    CHECK(counts(french->facets.at("source")) == Counts{{"Harbour Gazette", 3}});
}

TEST_CASE("past the count limit, totals are a lower bound and facets cover what was examined",
          "[facets]") {
    std::vector<Article> articles;
    // The first ten match best (the query words twice, a short body): once they are found, a
    // search that need not count further can stop.
    for (int i = 0; i < 300; ++i)
        articles.push_back(article("a" + std::to_string(i), "Port",
                                   i < 10 ? "Ferry ferry news news."
                                          : "Ferry news, with a long report on the harbour "
                                            "and its boats, cranes, quays and workers today.",
                                   "2024-01-01T00:00:00Z", i % 2 ? "AP" : "Reuters"));
    // Articles with one of the two words leave the number with both unknown until counted.
    for (int i = 0; i < 100; ++i)
        articles.push_back(article("b" + std::to_string(i), "Port", i % 2 ? "Ferry." : "News.",
                                   "2024-01-01T00:00:00Z", "UPI"));
    TestIndex index(articles);
    RankingOptions limited;
    limited.count_limit = 10;
    // Two words: how many match both is known only by looking. The 290 long reports are copies
    // of one story: counted here as articles.
    const QueryParams query = {{"q", "ferry news"}, {"facets", "source"}, {"collapse", "none"}};
    auto result = index.searcher(limited).search(request(query));
    REQUIRE(result);
    CHECK_FALSE(result->total_is_exact);
    CHECK(result->total >= 10);
    std::uint64_t counted = 0;
    for (const FacetValue& value : result->facets.at("source")) counted += value.count;
    CHECK(counted >= 10);
    CHECK(counted < 300);

    auto exact = index.searcher().search(request(query));
    REQUIRE(exact);
    CHECK(exact->total_is_exact);
    CHECK(exact->total == 300);
    CHECK(counts(exact->facets.at("source")) == Counts{{"AP", 150}, {"Reuters", 150}});

    // As stories: the ten short ones alone, the reports one story, in both sources; exact,
    // though Xapian's collapsed bounds for two words are not.
    auto stories = index.searcher().search(request({{"q", "ferry news"}, {"facets", "source"}}));
    REQUIRE(stories);
    CHECK(stories->total_is_exact);
    CHECK(stories->total == 11);
    CHECK(counts(stories->facets.at("source")) == Counts{{"AP", 6}, {"Reuters", 6}});
}

TEST_CASE("with collapse=story facets count stories, as choosing a value finds them",
          "[facets][story]") {
    const auto copy = [](std::string id, unsigned story, std::string date, std::string source,
                         std::vector<std::string> tags) {
        Article a = article(std::move(id), "Port news", story_body(story), std::move(date),
                            std::move(source));
        a.tags = std::move(tags);
        return a;
    };
    TestIndex index({
        copy("s1-a", 1, "2024-01-05T10:00:00Z", "Reuters", {"Transport"}),
        copy("s1-b", 1, "2024-01-06T10:00:00Z", "AP", {"transport", "Politics"}),
        copy("s1-c", 1, "2024-01-06T12:00:00Z", "Reuters", {}),
        copy("s2-a", 2, "2024-02-01T08:00:00Z", "AP", {"Economy"}),
        copy("s2-b", 2, "2024-02-01T12:00:00Z", "ap", {"Economy"}),
        copy("s3", 3, "2024-02-03T08:00:00Z", "Reuters", {"Transport"}),
    });
    Searcher searcher = index.searcher();
    auto stories = searcher.search(request({{"q", "ferry"}, {"facets", "source,tag,date:day"}}));
    REQUIRE(stories);
    CHECK(stories->total == 3);
    CHECK(counts(stories->facets.at("source")) == Counts{{"AP", 2}, {"Reuters", 2}});
    CHECK(counts(stories->facets.at("tag")) ==
          Counts{{"Transport", 2}, {"Economy", 1}, {"Politics", 1}});
    CHECK(counts(stories->facets.at("date")) ==
          Counts{{"2024-01-05", 1}, {"2024-01-06", 1}, {"2024-02-01", 1}, {"2024-02-03", 1}});

    // Each count is the total a search restricted to that value finds.
    const auto total_with = [&](QueryParams params) {
        params.emplace("q", "ferry");
        auto result = searcher.search(request(params));
        REQUIRE(result);
        return result->total;
    };
    for (const FacetValue& source : stories->facets.at("source"))
        CHECK(total_with({{"source", source.value}}) == source.count);
    for (const FacetValue& tag : stories->facets.at("tag"))
        CHECK(total_with({{"tag", tag.value}}) == tag.count);
    for (const FacetValue& day : stories->facets.at("date"))
        CHECK(total_with({{"from", day.value}, {"to", day.value}}) == day.count);

    auto articles =
        searcher.search(request({{"q", "ferry"}, {"facets", "source,tag"}, {"collapse", "none"}}));
    REQUIRE(articles);
    CHECK(articles->total == 6);
    CHECK(counts(articles->facets.at("source")) == Counts{{"AP", 3}, {"Reuters", 3}});
    CHECK(counts(articles->facets.at("tag")) ==
          Counts{{"Transport", 3}, {"Economy", 2}, {"Politics", 1}});
}
