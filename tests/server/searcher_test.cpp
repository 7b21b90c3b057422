// Searcher: hits as the API shows them, article lookup, related articles, type-ahead, and the
// database boundary (reopen after a commit, a swapped directory, unopenable indexes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

using Strings = std::vector<std::string>;

std::vector<Article> port_news() {
    Article a = article("a", "Ferry crews strike", "Striking workers halted the morning ferry.");
    a.summary = "Crews walked out.";
    Article b = article("b", "Ferry timetable changes", "The ferry timetable changes in May.");
    Article c = article("c", "Ferry fares rise", "Ferry fares rise again for ferry users.");
    Article d = article("d", "Budget vote", "The council voted on the budget. 2024 2025");
    Article e = article("e", "Summary only", "");
    e.summary = "The ferry lede.";
    Article f = article("f", "Unsafe <b>title</b>", "<script>alert(1)</script> ferry");
    return {a, b, c, d, e, f};
}

// A directory that is removed at the end of the test.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("dateline-searcher-test-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

void write_index(const std::string& path, const std::vector<Article>& articles) {
    Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
    indexer::DocumentBuilder builder;
    for (const Article& a : articles)
        database.replace_document(schema::id_term(a.id), builder.build(a));
    database.commit();
}

// An index on disk with spelling data, as dateline-index writes it; returns its path.
std::string write_spelled_index(const std::string& path, const std::vector<Article>& articles) {
    Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
    indexer::DocumentBuilder builder;
    for (const Article& a : articles) {
        const Xapian::Document document = builder.build(a);
        for (const auto& [word, frequency] : indexer::spelling_words(document))
            database.add_spelling(word, frequency);
        database.replace_document(schema::id_term(a.id), document);
    }
    database.commit();
    return path;
}

}  // namespace

TEST_CASE("hits carry the stored record without the body, a highlighted title and a snippet",
          "[searcher]") {
    TestIndex index(port_news());
    Searcher searcher = index.searcher();
    auto result = searcher.search(request({{"q", "strike"}}));
    REQUIRE(result);
    REQUIRE(result->hits.size() == 1);
    const Hit& hit = result->hits.front();
    CHECK(hit.article.at("id") == "a");
    CHECK(hit.article.at("title") == "Ferry crews strike");
    CHECK(hit.article.at("summary") == "Crews walked out.");
    CHECK_FALSE(hit.article.contains("body"));
    CHECK(hit.title_highlighted == "Ferry crews <mark>strike</mark>");
    CHECK(hit.snippet == "<mark>Striking</mark> workers halted the morning ferry.");
    CHECK(hit.score > 0);
}

TEST_CASE("snippets fall back to the summary, markup in articles comes back inert",
          "[searcher][escaping]") {
    TestIndex index(port_news());
    Searcher searcher = index.searcher();
    auto lede = searcher.search(request({{"q", "lede"}}));
    REQUIRE(lede);
    REQUIRE(lede->hits.size() == 1);
    CHECK(lede->hits[0].snippet == "The ferry <mark>lede</mark>.");

    auto unsafe = searcher.search(request({{"q", "alert"}}));
    REQUIRE(unsafe);
    REQUIRE(unsafe->hits.size() == 1);
    CHECK(unsafe->hits[0].snippet == "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; ferry");
    CHECK(unsafe->hits[0].title_highlighted == "Unsafe &lt;b&gt;title&lt;/b&gt;");
    CHECK(unsafe->hits[0].article.at("title") == "Unsafe <b>title</b>");  // raw in JSON
}

TEST_CASE("snippet_words sets the snippet's length", "[searcher]") {
    TestIndex index(
        {article("long", "Report", "one two three four five six seven eight nine ten")});
    Searcher searcher = index.searcher();
    auto result = searcher.search(request({{"q", "report"}, {"snippet_words", "5"}}));
    REQUIRE(result);
    CHECK(result->hits.at(0).snippet == "one two three four five\u2026");
}

TEST_CASE("articles are found by id, an unknown id is not_found", "[searcher]") {
    TestIndex index(port_news());
    Searcher searcher = index.searcher();
    auto found = searcher.article("b");
    REQUIRE(found);
    CHECK(found->at("title") == "Ferry timetable changes");
    CHECK(found->at("body") == "The ferry timetable changes in May.");
    for (const std::string id : {"nope", "", "a\xff"}) {
        auto missing = searcher.article(id);
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == ErrorCode::kNotFound);
    }
    CHECK_THAT(searcher.article("nope").error().message, Catch::Contains("\"nope\""));
}

TEST_CASE("related articles share terms and never include the article itself", "[searcher]") {
    std::vector<Article> articles = port_news();
    articles.push_back(article("w1", "Wind farm turbines approved",
                               "The offshore wind farm will add forty turbines."));
    articles.push_back(article("w2", "Turbines delayed at offshore wind farm",
                               "Offshore turbines for the wind farm are delayed."));
    articles.push_back(article("w3", "Wind farm opens", "The wind farm opened with turbines."));
    TestIndex index(articles);
    Searcher searcher = index.searcher();
    auto related = searcher.related("w1", 2);
    REQUIRE(related);
    Strings found;
    for (const Hit& hit : *related) found.push_back(hit.article.at("id"));
    CHECK(found == Strings{"w2", "w3"});  // the most alike first; itself never
    CHECK(related->front().snippet == "Offshore turbines for the wind farm are delayed.");
    CHECK(related->front().title_highlighted == "Turbines delayed at offshore wind farm");
    auto unknown = searcher.related("nope");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::kNotFound);
}

TEST_CASE("suggest completes the last word: titles first, then frequent terms", "[suggest]") {
    TestIndex index(port_news());
    Searcher searcher = index.searcher();
    auto fer = searcher.suggest("Fer", 10);
    REQUIRE(fer);
    REQUIRE(fer->size() >= 4);
    CHECK(fer->at(0).starts_with("Ferry"));  // a title
    CHECK(std::find(fer->begin(), fer->end(), "ferry") != fer->end());
    CHECK(std::find(fer->begin(), fer->end(), "fares") == fer->end());

    auto two_words = searcher.suggest("ferry ti", 10);
    REQUIRE(two_words);
    CHECK(std::find(two_words->begin(), two_words->end(), "Ferry timetable changes") !=
          two_words->end());
    CHECK(std::find(two_words->begin(), two_words->end(), "ferry timetable") != two_words->end());

    CHECK(searcher.suggest("", 10)->empty());
    CHECK(searcher.suggest("   ", 10)->empty());
    CHECK(searcher.suggest("20", 10)->empty());  // numbers are not completions
    CHECK(searcher.suggest("Fer", 2)->size() == 2);
    const Strings all = *searcher.suggest("f", 10);
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());  // no repeats
}

TEST_CASE("a commit becomes visible to an open Searcher, revisions count commits",
          "[searcher][database]") {
    TempDir dir;
    const std::string path = dir / "index";
    write_index(path, {article("a", "Ferry crews strike", "Workers walked out.")});
    auto searcher = Searcher::open(path);
    REQUIRE(searcher);
    CHECK(searcher->article_count() == 1);
    const std::uint64_t first_revision = searcher->revision();
    CHECK(first_revision > 0);
    CHECK(search_ids(*searcher, {{"q", "budget"}}).empty());

    write_index(path, {article("b", "Budget vote", "The council voted.")});
    CHECK(search_ids(*searcher, {{"q", "budget"}}) == Strings{"b"});
    CHECK(searcher->article_count() == 2);
    auto result = searcher->search(request({{"q", "budget"}}));
    REQUIRE(result);
    CHECK(result->index_revision > first_revision);
}

TEST_CASE("a directory swapped in under the path (compact) is opened afresh",
          "[searcher][database]") {
    TempDir dir;
    const std::string live = dir / "index", staged = dir / "staged", old = dir / "old";
    write_index(live, {article("a", "Ferry crews strike", "Workers walked out.")});
    auto searcher = Searcher::open(live);
    REQUIRE(searcher);
    write_index(staged, {article("z", "Compacted copy", "Only in the new directory.")});
    std::filesystem::rename(live, old);
    std::filesystem::rename(staged, live);
    CHECK(search_ids(*searcher, {{"q", "compacted"}}) == Strings{"z"});
}

TEST_CASE("an index that cannot be opened is unavailable, not an exception",
          "[searcher][database]") {
    TempDir dir;
    auto missing = Searcher::open(dir / "missing");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::kUnavailable);

    const std::string path = dir / "index";
    write_index(path, {article("a", "Ferry", "Text.")});
    auto searcher = Searcher::open(path);
    REQUIRE(searcher);
    std::filesystem::remove_all(path);
    auto gone = searcher->search(request({{"q", "ferry"}}));
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::kUnavailable);
    CHECK_FALSE(searcher->status());
    CHECK(searcher->article_count() == 0);
}

TEST_CASE("a deferred Searcher is unavailable until its index can be opened",
          "[searcher][database]") {
    TempDir dir;
    const std::string path = dir / "index";
    Searcher searcher = Searcher::deferred(path);
    auto early = searcher.search(request({{"q", "ferry"}}));
    REQUIRE_FALSE(early);
    CHECK(early.error().code == ErrorCode::kUnavailable);
    CHECK_FALSE(searcher.status());
    CHECK(searcher.article("a").error().code == ErrorCode::kUnavailable);

    write_index(path, {article("a", "Ferry", "Text.")});
    CHECK(search_ids(searcher, {{"q", "ferry"}}) == Strings{"a"});
    auto status = searcher.status();
    REQUIRE(status);
    CHECK(status->article_count == 1);
}

TEST_CASE("a misspelt query suggests the spelling the index knows", "[searcher][spelling]") {
    TempDir dir;
    auto searcher = Searcher::open(write_spelled_index(dir / "index", port_news()));
    REQUIRE(searcher);
    auto misspelt = searcher->search(request({{"q", "fery timetible"}}));
    REQUIRE(misspelt);
    CHECK(misspelt->suggestion == std::optional<std::string>("ferry timetable"));
    auto right = searcher->search(request({{"q", "Ferry timetable"}}));
    REQUIRE(right);
    CHECK_FALSE(right->suggestion);
}

TEST_CASE("a query with synonyms is corrected as typed", "[searcher][spelling][synonyms]") {
    TempDir dir;
    RankingOptions ranking;
    ranking.synonyms = std::make_shared<const SynonymTable>(SynonymTable::news());
    auto searcher = Searcher::open(write_spelled_index(dir / "index", port_news()), ranking);
    REQUIRE(searcher);
    auto misspelt = searcher->search(request({{"q", "UK fery timetible"}}));
    REQUIRE(misspelt);
    CHECK(misspelt->suggestion == std::optional<std::string>("uk ferry timetable"));
}

TEST_CASE("an unfinished last word finds and highlights the words it starts",
          "[searcher][partial]") {
    TestIndex index(port_news());
    Searcher searcher = index.searcher();
    auto typing = searcher.search(request({{"q", "fer"}, {"partial", "true"}, {"per_page", "20"}}));
    REQUIRE(typing);
    const Strings found = ids(*typing);
    CHECK(std::find(found.begin(), found.end(), "b") != found.end());
    const auto b = std::find_if(typing->hits.begin(), typing->hits.end(),
                                [](const Hit& hit) { return hit.article.at("id") == "b"; });
    REQUIRE(b != typing->hits.end());
    CHECK(b->title_highlighted == "<mark>Ferry</mark> timetable changes");
    CHECK(b->snippet == "The <mark>ferry</mark> timetable changes in May.");

    auto whole = searcher.search(request({{"q", "fer"}}));
    REQUIRE(whole);
    CHECK(whole->hits.empty());
}

TEST_CASE("an unfinished last word is not corrected, earlier words still are",
          "[searcher][spelling][partial]") {
    TempDir dir;
    auto searcher = Searcher::open(write_spelled_index(dir / "index", port_news()));
    REQUIRE(searcher);
    const auto suggestion = [&](std::string q) {
        auto result = searcher->search(request({{"q", std::move(q)}, {"partial", "true"}}));
        REQUIRE(result);
        return result->suggestion;
    };
    CHECK_FALSE(suggestion("fer"));        // on the way to ferry
    CHECK_FALSE(suggestion("ferry tim"));  // on the way to timetable
    CHECK(suggestion("fery tim") == std::optional<std::string>("ferry tim"));  // fery is done
    // No indexed word starts so: finished, and misspelt.
    CHECK(suggestion("timetible") == std::optional<std::string>("timetable"));
    CHECK(suggestion("fery timetible") == std::optional<std::string>("ferry timetable"));
    CHECK(suggestion("ferry timetible") == std::optional<std::string>("ferry timetable"));
}

TEST_CASE("an index of another schema version is refused", "[searcher][database]") {
    TempDir dir;
    const std::string path = dir / "index";
    {
        Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
        database.set_metadata(std::string(schema::kVersionMetadataKey), "99");
        database.commit();
    }
    auto searcher = Searcher::open(path);
    REQUIRE_FALSE(searcher);
    CHECK(searcher.error().code == ErrorCode::kUnavailable);
    CHECK_THAT(searcher.error().message, Catch::Contains("schema version 99"));
    CHECK_THAT(searcher.error().message, !Catch::Contains("reindex"));  // cannot downgrade
}

TEST_CASE("an index of an older schema version is refused with the way to upgrade it",
          "[searcher][database]") {
    TempDir dir;
    const std::string path = dir / "index";
    const std::string older = std::to_string(std::stoul(std::string(schema::kVersion)) - 1);
    {
        Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
        database.set_metadata(std::string(schema::kVersionMetadataKey), older);
        database.commit();
    }
    auto searcher = Searcher::open(path);
    REQUIRE_FALSE(searcher);
    CHECK(searcher.error().code == ErrorCode::kUnavailable);
    CHECK_THAT(searcher.error().message,
               Catch::Contains("schema version " + older) &&
                   Catch::Contains("run `dateline-index reindex --db " + path + "`"));
}
