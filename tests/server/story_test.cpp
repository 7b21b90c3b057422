// Stories in searches: collapse=story gives one hit per story and counts stories, every hit
// carries its story (size, sources, first seen, canonical copy), related articles leave out the
// article's own story, and a story lists its articles.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <tuple>

#include "search/story_lookup.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

Article copy(std::string id, unsigned story, std::string date, std::string source,
             std::optional<std::string> url = std::nullopt,
             std::optional<std::string> original_url = std::nullopt) {
    Article a = article(id, "Ferry crews report", story_body(story), date, std::move(source));
    a.url = std::move(url);
    a.original_url = std::move(original_url);
    return a;
}

// Story 1: three copies in three sources, the last naming the second as its original. Story 2:
// two copies, its source spelt two ways. Two articles alone (one too short to compare).
std::vector<Article> archive() {
    return {
        copy("gazette-1", 1, "2024-03-12T08:00:00Z", "Harbour Gazette",
             "https://gazette.example/1"),
        copy("wire-1", 1, "2024-03-12T10:00:00Z", "Coast Wire", "https://wire.example/1"),
        copy("digest-1", 1, "2024-03-13T09:00:00Z", "Daily Digest", "https://digest.example/1",
             "https://wire.example/1"),
        copy("gazette-2", 2, "2024-02-01T08:00:00Z", "Harbour Gazette",
             "https://gazette.example/2"),
        copy("gazette-2b", 2, "2024-02-02T08:00:00Z", "harbour  gazette"),
        copy("alone", 3, "2024-01-05T08:00:00Z", "Coast Wire"),
        article("short", "Ferry news", "Ferry news.", "2024-01-01T08:00:00Z", "Coast Wire"),
    };
}

SearchResult search(Searcher& searcher, const QueryParams& params) {
    auto result = searcher.search(request(params));
    if (!result) FAIL("search error: " << result.error().message);
    return *result;
}

std::string story_of(const Hit& hit) {
    REQUIRE(hit.story);
    return hit.story->id;
}

std::vector<std::string> ids_of(const std::vector<Hit>& hits) {
    std::vector<std::string> found;
    for (const Hit& hit : hits) found.push_back(hit.article.at("id").get<std::string>());
    return found;
}

const Hit& hit_with_id(const SearchResult& result, const std::string& id) {
    const auto found = std::find_if(result.hits.begin(), result.hits.end(),
                                    [&](const Hit& hit) { return hit.article.at("id") == id; });
    REQUIRE(found != result.hits.end());
    return *found;
}

}  // namespace

TEST_CASE("collapse=story lists one hit per story and counts stories", "[story]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    for (const auto& [q, stories, articles] :
         {std::tuple{"ferry", 4u, 7u}, std::tuple{"ferry crews", 3u, 6u},  // all words
          std::tuple{"", 4u, 7u}}) {                                       // by date
        const SearchResult collapsed = search(searcher, {{"q", q}});
        CHECK(collapsed.total == stories);
        CHECK(collapsed.total_is_exact);
        CHECK(collapsed.hits.size() == stories);
        std::set<std::string> seen;
        for (const Hit& hit : collapsed.hits) CHECK(seen.insert(story_of(hit)).second);

        const SearchResult every = search(searcher, {{"q", q}, {"collapse", "none"}});
        CHECK(every.total == articles);
        CHECK(every.total_is_exact);
        CHECK(every.hits.size() == articles);
    }
}

TEST_CASE("every collapsed search path keeps one hit per story", "[story]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    const std::vector<QueryParams> paths = {
        {{"q", "ferry"}, {"sort", "newest"}},
        {{"q", "ferry"}, {"sort", "oldest"}, {"per_page", "2"}, {"page", "2"}},
        {{"q", "ferry"}, {"recency", "30d"}},
        {{"q", "ferry zzzunknown"}},  // relaxed to any word
        {{"q", "ferry"}, {"per_page", "1"}, {"page", "3"}},
    };
    for (const QueryParams& params : paths) {
        const SearchResult result = search(searcher, params);
        CHECK(result.total == 4);
        std::set<std::string> seen;
        for (const Hit& hit : result.hits) CHECK(seen.insert(story_of(hit)).second);
    }
    // Newest first, a story's newest copy stands for it; oldest first, its oldest.
    const SearchResult newest = search(searcher, {{"q", "ferry"}, {"sort", "newest"}});
    CHECK(ids(newest) == std::vector<std::string>{"digest-1", "gazette-2b", "alone", "short"});
    const SearchResult oldest = search(searcher, {{"q", "ferry"}, {"sort", "oldest"}});
    CHECK(ids(oldest) == std::vector<std::string>{"short", "alone", "gazette-2", "gazette-1"});
}

TEST_CASE("a hit's story has its size, sources, first date and canonical copy", "[story]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    const SearchResult every = search(searcher, {{"q", "ferry"}, {"collapse", "none"}});

    const StorySummary& first = *hit_with_id(every, "gazette-1").story;
    CHECK(first.id == "gazette-1");
    CHECK(first.size == 3);
    CHECK(first.sources ==
          std::vector<std::string>{"Harbour Gazette", "Coast Wire", "Daily Digest"});
    CHECK(to_rfc3339(first.first_seen) == "2024-03-12T08:00:00Z");
    CHECK(first.canonical_id == "wire-1");  // digest-1 names it as its original
    CHECK(hit_with_id(every, "digest-1").story->id == "gazette-1");

    // Spellings the source filter matches alike are one source; the earliest copy is canonical.
    const StorySummary& second = *hit_with_id(every, "gazette-2b").story;
    CHECK(second.sources == std::vector<std::string>{"Harbour Gazette"});
    CHECK(second.canonical_id == "gazette-2");

    const StorySummary& alone = *hit_with_id(every, "short").story;
    CHECK(alone.id == "short");
    CHECK(alone.size == 1);
    CHECK(alone.sources == std::vector<std::string>{"Coast Wire"});
    CHECK(alone.canonical_id == "short");
}

TEST_CASE("a collapsed hit links to its story's canonical article", "[story]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    const SearchResult collapsed = search(searcher, {{"q", "ferry"}});
    for (const Hit& hit : collapsed.hits) {
        if (story_of(hit) == "gazette-1") CHECK(hit.article.at("url") == "https://wire.example/1");
        if (story_of(hit) == "gazette-2")
            CHECK(hit.article.at("url") == "https://gazette.example/2");
    }
    // Without collapsing, each copy keeps its own url.
    const SearchResult every = search(searcher, {{"q", "ferry"}, {"collapse", "none"}});
    CHECK(hit_with_id(every, "digest-1").article.at("url") == "https://digest.example/1");
    CHECK(hit_with_id(every, "gazette-2b").article.count("url") == 0);
}

TEST_CASE("canonical: a copy another names as its original, else the earliest", "[story]") {
    const auto at_hour = [](int hour) {
        return at("2024-03-12T0" + std::to_string(hour) + ":00:00Z");
    };
    std::vector<StoryArticle> articles = {
        {"a", "", "", at_hour(1), "https://a.example", std::nullopt},
        {"b", "", "", at_hour(2), "https://b.example", std::nullopt},
        {"c", "", "", at_hour(3), std::nullopt, "https://b.example"},
    };
    CHECK(canonical_article(articles).id == "b");
    articles[2].original_url = "https://elsewhere.example";
    CHECK(canonical_article(articles).id == "a");
    articles[1].original_url = "https://b.example";  // naming itself does not count
    articles[2].original_url.reset();
    CHECK(canonical_article(articles).id == "a");
}

TEST_CASE("a story lists its articles by date, and an unknown story is not found", "[story]") {
    TestIndex index(archive());
    Searcher searcher = index.searcher();
    auto story = searcher.story("gazette-1");
    REQUIRE(story);
    CHECK(story->size == 3);
    std::vector<std::string> listed;
    for (const StoryArticle& a : story->articles) listed.push_back(a.id);
    CHECK(listed == std::vector<std::string>{"gazette-1", "wire-1", "digest-1"});
    CHECK(story->articles[2].original_url == "https://wire.example/1");
    CHECK(story->articles[2].source == "Daily Digest");

    for (const std::string unknown : {"wire-1", "nope", ""}) {  // wire-1 is an article, no story
        auto missing = searcher.story(unknown);
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == ErrorCode::kNotFound);
    }
}

TEST_CASE("related articles leave out the article's story and repeat no story", "[story]") {
    // A follow-up uses story 1's words in another order: related (every word shared), not a
    // copy (no run of four words shared).
    std::vector<std::string> words;
    std::istringstream body(story_body(1));
    for (std::string word; body >> word;) words.insert(words.begin(), word);
    std::string reversed;
    for (const std::string& word : words) reversed += word + " ";
    std::vector<Article> articles = archive();
    articles.push_back(
        article("follow-up", "Crews return", reversed, "2024-03-20T08:00:00Z", "Coast Wire"));
    TestIndex index(articles);
    Searcher searcher = index.searcher();

    auto from_story = searcher.related("gazette-1");
    REQUIRE(from_story);
    CHECK(ids_of(*from_story) == std::vector<std::string>{"follow-up"});
    auto from_copy = searcher.related("digest-1");
    REQUIRE(from_copy);
    CHECK(ids_of(*from_copy) == std::vector<std::string>{"follow-up"});

    auto from_follow_up = searcher.related("follow-up");
    REQUIRE(from_follow_up);
    REQUIRE(from_follow_up->size() == 1);  // one of story 1's three copies
    CHECK(story_of(from_follow_up->front()) == "gazette-1");
    CHECK(from_follow_up->front().story->size == 3);
}
