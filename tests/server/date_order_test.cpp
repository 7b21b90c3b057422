// DateOrder: pages in date order from windows of months must be exactly the pages a full sort
// gives, however the matches spread over the months, and totals and facets must not change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

#include "search/date_order.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

struct Dated {
    std::string id;
    std::string date;
};

// The date of the nth of 400 articles spread over 30 months: a random day and hour in month
// n % 30.
std::string spread_date(int n, std::mt19937& random) {
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:00:00Z", 2021 + (n % 30) / 12,
                  (n % 30) % 12 + 1, static_cast<int>(random() % 28) + 1,
                  static_cast<int>(random() % 3) * 8);
    return date;
}

// 400 articles over 30 months: "ferry" in every one, "strike" in one in 40 (a sparse word
// whose newest matches are months apart), random days, some sharing a date.
std::vector<Dated> archive(TestIndex& index) {
    std::mt19937 random(20240607);
    std::vector<Dated> dated;
    for (int n = 0; n < 400; ++n) {
        const std::string date = spread_date(n, random);
        const std::string id = "a" + std::to_string(n);
        const std::string body = n % 40 == 7 ? "The ferry strike went on." : "The ferry sailed.";
        index.add(article(id, "Harbour news " + id, body, date, n % 3 ? "Gazette" : "Wire"));
        dated.push_back({id, date});
    }
    return dated;
}

// The ids a full sort by date gives, newest first, for the articles `keep` selects.
template <class Keep>
std::vector<std::string> fully_sorted(std::vector<Dated> dated, Keep keep, bool newest_first) {
    dated.erase(
        std::remove_if(dated.begin(), dated.end(), [&](const Dated& d) { return !keep(d); }),
        dated.end());
    std::stable_sort(dated.begin(), dated.end(), [&](const Dated& a, const Dated& b) {
        return newest_first ? a.date > b.date : a.date < b.date;
    });
    std::vector<std::string> ids;
    for (const Dated& d : dated) ids.push_back(d.id + "@" + d.date.substr(0, 13));
    return ids;
}

// Hit ids with their dates: ties on a date may list in any order, so compare dates and sets.
std::vector<std::string> page_dates(Searcher& searcher, QueryParams params) {
    auto result = searcher.search(request(params));
    REQUIRE(result);
    std::vector<std::string> out;
    for (const Hit& hit : result->hits)
        out.push_back(hit.article.at("date").get<std::string>().substr(0, 13));
    return out;
}

std::vector<std::string> dates_only(const std::vector<std::string>& ids, std::size_t from,
                                    std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t i = from; i < std::min(ids.size(), from + count); ++i)
        out.push_back(ids[i].substr(ids[i].find('@') + 1));
    return out;
}

std::vector<std::string> dates_of(const Xapian::MSet& mset) {
    std::vector<std::string> dates;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        dates.push_back(it.get_document().get_value(schema::kDateSlot));
    return dates;
}

}  // namespace

TEST_CASE("date-ordered pages equal a full sort's, for dense and sparse matches", "[sort]") {
    TestIndex index;
    const std::vector<Dated> dated = archive(index);
    Searcher searcher = index.searcher();
    const auto all = [](const Dated&) { return true; };
    const auto sparse = [](const Dated& d) { return std::stoi(d.id.substr(1)) % 40 == 7; };

    for (const bool newest : {true, false}) {
        const std::string sort = newest ? "newest" : "oldest";
        const auto every = fully_sorted(dated, all, newest);
        const auto striking = fully_sorted(dated, sparse, newest);
        for (const int page : {1, 2, 7}) {
            const std::size_t first = static_cast<std::size_t>(page - 1) * 10;
            const QueryParams paging = {{"sort", sort}, {"page", std::to_string(page)}};
            QueryParams q = paging;
            q.emplace("q", "ferry");
            CHECK(page_dates(searcher, q) == dates_only(every, first, 10));
            CHECK(page_dates(searcher, paging) == dates_only(every, first, 10));  // empty q
            QueryParams rare = paging;
            rare.emplace("q", "strike");
            CHECK(page_dates(searcher, rare) == dates_only(striking, first, 10));
        }
    }
}

TEST_CASE("date-ordered searches keep the relevance search's totals and facets", "[sort]") {
    TestIndex index;
    archive(index);
    Searcher searcher = index.searcher();
    for (const std::string q : {"ferry", "strike"}) {
        auto relevance = searcher.search(request({{"q", q}, {"facets", "source,date:year"}}));
        auto newest = searcher.search(
            request({{"q", q}, {"facets", "source,date:year"}, {"sort", "newest"}}));
        REQUIRE(relevance);
        REQUIRE(newest);
        CHECK(newest->total == relevance->total);
        CHECK(newest->total == (q == "ferry" ? 400u : 10u));
        CHECK(newest->total_is_exact);
        REQUIRE(newest->facets.count("source"));
        CHECK(newest->facets.at("source").size() == relevance->facets.at("source").size());
        for (std::size_t i = 0; i < newest->facets.at("source").size(); ++i)
            CHECK(newest->facets.at("source")[i].count == relevance->facets.at("source")[i].count);
    }
}

TEST_CASE("a date filter and a page past the matches stay right in date order", "[sort]") {
    TestIndex index;
    const std::vector<Dated> dated = archive(index);
    Searcher searcher = index.searcher();
    const auto in_2022 = [](const Dated& d) { return d.date.rfind("2022", 0) == 0; };
    const auto expected = fully_sorted(dated, in_2022, true);
    CHECK(page_dates(
              searcher,
              {{"q", "ferry"}, {"sort", "newest"}, {"from", "2022-01-01"}, {"to", "2022-12-31"}}) ==
          dates_only(expected, 0, 10));
    CHECK(page_dates(searcher, {{"q", "strike"}, {"sort", "newest"}, {"page", "3"}}).empty());
}

TEST_CASE("month windows give a full sort's page whatever the first window's size", "[sort]") {
    // Searches with few matches sort them all; this drives the windows directly, from a first
    // window of one month (no estimate) and from one sized by estimates far off either way.
    TestIndex index;
    const std::vector<Dated> dated = archive(index);
    const Xapian::Database& database = index.database();
    for (const bool newest : {true, false}) {
        Xapian::Enquire enquire(database);
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, newest);
        const DateOrder order(database, newest);
        for (const std::string word : {"ferry", "strike"}) {
            const Xapian::Query query(word);
            Xapian::Enquire full(database);
            full.set_query(query);
            full.set_sort_by_value_then_relevance(schema::kDateSlot, newest);
            for (const Xapian::doccount first : {0u, 10u, 60u}) {
                const auto expected = dates_of(full.get_mset(first, 10));
                for (const Xapian::doccount estimate : {0u, 10u, 400u, 1'000'000u})
                    CHECK(dates_of(order.page(enquire, query, first, 10, estimate)) == expected);
            }
        }
    }
}

namespace {

// 400 articles over 30 months in 130 stories of about three copies each: a story starts every
// week, its copies up to 6 days after it (copies are at most 7 days apart), so many stories
// straddle two months and their copies fall in different date windows.
void story_archive(TestIndex& index) {
    const Timestamp start = at("2021-01-01T00:00:00Z");
    for (int n = 0; n < 400; ++n) {
        const std::string id = "a" + std::to_string(n);
        const int story = n % 130, copy = n / 130;
        const Timestamp date = start + std::chrono::days(7 * story + 2 * copy) +
                               std::chrono::hours(5 * copy + story % 7);
        Article a = article(id, "Harbour news " + id, story_body(static_cast<unsigned>(story)));
        a.date = date;
        index.add(a);
    }
}

}  // namespace

TEST_CASE("collapsed date-ordered pages equal a collapsed full sort's", "[sort][story]") {
    TestIndex index;
    story_archive(index);
    const Xapian::Database& database = index.database();
    for (const bool newest : {true, false}) {
        Xapian::Enquire enquire(database);
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, newest);
        enquire.set_collapse_key(schema::kStorySlot);
        const DateOrder order(database, newest);
        const Xapian::Query query("ferry");
        Xapian::Enquire full(database);
        full.set_query(query);
        full.set_sort_by_value_then_relevance(schema::kDateSlot, newest);
        full.set_collapse_key(schema::kStorySlot);
        CHECK(full.get_mset(0, 1000).size() == 130);
        for (const Xapian::doccount first : {0u, 10u, 60u, 120u}) {
            const auto expected = dates_of(full.get_mset(first, 10));
            for (const Xapian::doccount estimate : {0u, 10u, 130u, 1'000'000u})
                CHECK(dates_of(order.page(enquire, query, first, 10, estimate)) == expected);
        }
    }
}

TEST_CASE("a collapsed date-ordered search pages through every story once", "[sort][story]") {
    TestIndex index;
    story_archive(index);
    Searcher searcher = index.searcher();
    for (const std::string sort : {"newest", "oldest"}) {
        std::set<std::string> stories;
        std::string previous;
        for (int page = 1; page <= 14; ++page) {
            auto result = searcher.search(
                request({{"q", "ferry"}, {"sort", sort}, {"page", std::to_string(page)}}));
            REQUIRE(result);
            CHECK(result->total == 130);
            CHECK(result->total_is_exact);
            for (const Hit& hit : result->hits) {
                CHECK(stories.insert(hit.story->id).second);
                const std::string date = hit.article.at("date").get<std::string>();
                if (!previous.empty())
                    CHECK((sort == "newest" ? date <= previous : date >= previous));
                previous = date;
            }
        }
        CHECK(stories.size() == 130);
    }
}
