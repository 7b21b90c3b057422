// Query building, checked by what each query finds in a small in-memory index: all words for
// short queries with a relaxed any-word fallback, phrases, exclusions, OR, fields, bounded
// wildcards, an unfinished last word (partial), CJK, and the term limit.
#include <catch2/catch.hpp>

#include <algorithm>

#include "search/query_builder.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

using Ids = std::vector<std::string>;

std::vector<Article> harbour_news() {
    Article a = article("a", "Ferry crews strike", "Striking workers halted the morning sailing.");
    a.tags = {"Transport", "strikes"};
    a.author = "Ana Ruiz";
    Article b = article("b", "Council budget", "The ferry timetable was not discussed.",
                        "2024-03-10T09:00:00Z", "The Guardian");
    b.tags = {"Politics"};
    Article c = article("c", "Bus strike ends", "Drivers returned after the strike.",
                        "2024-03-14T09:00:00Z", "Reuters");
    Article ja = article("ja", "データセンターの電力", "電力消費が増えている。");
    ja.lang = "ja";
    return {a, b, c, ja};
}

Ids sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("q finds what each operator and field promises", "[query]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    const std::vector<std::pair<std::string, Ids>> cases = {
        {"ferry strike", {"a"}},                  // short query: every word
        {"FERRY Strike", {"a"}},                  // case folded like the index
        {"strikes", {"a", "c"}},                  // stems
        {"\"morning sailing\"", {"a"}},           // phrase
        {"\"sailing morning\"", {}},              // phrase order matters
        {"ferry -strike", {"b"}},                 // excluded word
        {"budget OR bus", {"b", "c"}},            // explicit OR
        {"title:ferry", {"a"}},                   // title field
        {"Title:FERRY", {"a"}},                   // field names and values in any case
        {"title:timetable", {}},                  // a body word is not in the title
        {"author:ruiz", {"a"}},                   // author free text
        {"source:\"The Guardian\"", {"b"}},       // boolean field, quoted with a space
        {"source:\"  the   GUARDIAN \"", {"b"}},  // normalised like the indexer's terms
        {"source:reuters strike", {"c"}},         // field plus words
        {"tag:transport", {"a"}},                 // tag field, lower case
        {"tag:Politics ferry", {"b"}},            // tag field, mixed case
        {"ferr*", {"a", "b"}},                    // wildcard
        {"電力", {"ja"}},                         // CJK n-grams
        {"センター", {"ja"}},
        {"AND", {}},  // a stray operator is not an error
    };
    for (const auto& [q, expected] : cases) {
        INFO("q=" << q);
        CHECK(sorted(search_ids(searcher, {{"q", q}})) == expected);
    }
}

TEST_CASE("partial reads the last word as unfinished, where Xapian can", "[query][partial]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    const std::vector<std::pair<std::string, Ids>> cases = {
        {"fer", {"a", "b"}},         // a prefix of ferry
        {"ferry", {"a", "b"}},       // a whole word still matches
        {"strike fer", {"a"}},       // only the last word; all words still needed
        {"fer strike", {"a", "c"}},  // fer is whole: relaxed to strike alone
        {"title:fer", {"a"}},        // a free-text field's word
        {"+fer", {"a", "b"}},        // a required word
        {"ferry str", {"a"}},        // strike, striking
        {"\"morning sail\"", {}},    // a phrase keeps its words whole
        {"\"morning sailing\"", {"a"}},
        {"source:reut", {}},  // a boolean field's value is matched whole
        {"source:reuters", {"c"}},
        {"strike source:reuters", {"c"}},
        {"strike tag:transport", {"a"}},
        {"ferry -str", {"b"}},  // exclusions expand too
    };
    for (const auto& [q, expected] : cases) {
        INFO("q=" << q);
        CHECK(sorted(search_ids(searcher, {{"q", q}, {"partial", "true"}})) == expected);
    }
    CHECK(search_ids(searcher, {{"q", "fer"}}).empty());  // without partial: no such word
}

TEST_CASE("an unfinished last word is highlighted like a wildcard", "[query][partial]") {
    TextAnalyzer analyzer;
    TestIndex index(harbour_news());
    QueryBuilder builder(index.database(), analyzer);
    const auto prefixes = [&](std::string q) {
        auto built = builder.build(request({{"q", std::move(q)}, {"partial", "true"}}));
        REQUIRE(built);
        return built->wildcard_prefixes;
    };
    CHECK(prefixes("fer") == Ids{"fer"});
    CHECK(prefixes("strike title:fer") == Ids{"fer"});
    CHECK(prefixes("str* fer") == Ids{"str", "fer"});
    CHECK(prefixes("ferr*").size() == 1);  // already a wildcard
    CHECK(prefixes("\"morning sail\"").empty());
    CHECK(prefixes("\"morning sail").empty());  // an unclosed phrase
    CHECK(prefixes("source:reut").empty());
    CHECK(prefixes("ferry-cr") == Ids{"ferrycr"});  // hyphenated words are searched joined
    CHECK(prefixes("ferry OR").empty());
    CHECK(prefixes("ferry.").empty());
}

TEST_CASE("short queries need every word, and relax to any word when none has them all",
          "[query]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    auto strict = searcher.search(request({{"q", "ferry strike"}}));
    REQUIRE(strict);
    CHECK_FALSE(strict->relaxed);
    CHECK(ids(*strict) == Ids{"a"});

    auto relaxed = searcher.search(request({{"q", "ferry timetable strike"}}));
    REQUIRE(relaxed);
    CHECK(relaxed->relaxed);
    CHECK(sorted(ids(*relaxed)) == Ids{"a", "b", "c"});

    auto nothing = searcher.search(request({{"q", "zebra giraffe"}}));
    REQUIRE(nothing);
    CHECK_FALSE(nothing->relaxed);  // any-word found nothing either: not worth saying
    CHECK(nothing->hits.empty());
    CHECK(nothing->total == 0);
}

TEST_CASE("stop words are dropped unless the query would lose its meaning", "[query]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    const auto found = [&](const std::string& q) {
        auto result = searcher.search(request({{"q", q}}));
        REQUIRE(result);
        return sorted(ids(*result));
    };
    CHECK(found("the bus strike") == Ids{"c"});  // "the" is not required
    CHECK(found("a ferry strike") == Ids{"a"});  // article a has no "a" standing alone
    CHECK(found("the -ferry") == Ids{"c"});      // not "ferry": the stop word is kept
    CHECK(found("\"the strike\"") == Ids{"c"});  // phrases keep them
}

TEST_CASE("long natural-language queries rank by any word without relaxing", "[query]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    auto result = searcher.search(request({{"q", "why did the ferry crews strike in march"}}));
    REQUIRE(result);
    CHECK_FALSE(result->relaxed);
    REQUIRE_FALSE(result->hits.empty());
    CHECK(ids(*result).front() == "a");
}

TEST_CASE("the word count rule picks the default operator", "[query]") {
    TestIndex index(harbour_news());
    TextAnalyzer analyzer;
    QueryBuilder builder(index.database(), analyzer);
    const auto built = [&](std::string q) {
        SearchRequest r;
        r.q = std::move(q);
        return builder.build(r);
    };
    CHECK(built("ferry strike")->can_relax);
    CHECK(built("one two three four")->can_relax);
    CHECK_FALSE(built("one two three four five")->can_relax);  // natural language: OR already
    CHECK_FALSE(built("ferry")->can_relax);                    // one word: OR is the same
    CHECK(built("\"a b c d e\" ferry")->can_relax);            // a phrase counts as one word
    CHECK(built("")->text_empty);
    CHECK(built("  \" ")->text_empty);  // punctuation only: listed by date like an empty q
}

TEST_CASE("a pasted paragraph keeps its rarest words; short queries over the limit are refused",
          "[query][limits]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    // 40 words: unknown ones, stop words, and the rare "timetable" and common "strike".
    std::string paragraph = "the strike and the timetable";
    for (std::size_t i = 0; i < 35; ++i) paragraph += " word" + std::to_string(i);
    auto reduced = searcher.search(request({{"q", paragraph}}));
    REQUIRE(reduced);
    CHECK(sorted(ids(*reduced)) == Ids{"a", "b", "c"});  // strike OR timetable

    TextAnalyzer analyzer;
    QueryBuilder builder(index.database(), analyzer);
    SearchRequest r;
    r.q = paragraph;
    auto built = builder.build(r);
    REQUIRE(built);
    CHECK(built->text.get_description().find("word1") == std::string::npos);

    // One Korean word of 45 syllables: all-words matching, 44 bigrams, too many to run.
    const std::string cjk =
        "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호";
    auto refused = searcher.search(request({{"q", cjk}}));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::kInvalidParameter);
    CHECK(refused.error().parameter == "q");
    CHECK_THAT(refused.error().message, Catch::Contains("limit is 32"));
}

TEST_CASE("wildcards and unfinished words expand to the most frequent terms only",
          "[query][limits]") {
    std::vector<Article> articles;
    const std::size_t variants = SearchLimits::kMaxWildcardExpansion + 10;
    for (std::size_t i = 0; i < variants; ++i)
        articles.push_back(article("w" + std::to_string(i), "Report",
                                   "zeta" + std::to_string(100 + i) + " appears once."));
    // One variant is frequent: it must survive the cut.
    articles.push_back(article("frequent-1", "Report", "zeta100 again."));
    articles.push_back(article("frequent-2", "Report", "zeta100 and again."));
    TestIndex index(articles);
    Searcher searcher = index.searcher();
    for (const QueryParams& params :
         {QueryParams{{"q", "zeta*"}}, QueryParams{{"q", "zeta"}, {"partial", "true"}}}) {
        INFO("q=" << params.find("q")->second);
        QueryParams paged = params;
        paged.emplace("per_page", "100");
        auto result = searcher.search(request(paged));
        REQUIRE(result);
        // 50 terms kept: zeta100 (3 articles) and 49 of the others (one article each).
        CHECK(result->hits.size() == SearchLimits::kMaxWildcardExpansion + 2);
        const Ids found = ids(*result);
        CHECK(std::find(found.begin(), found.end(), "frequent-1") != found.end());
    }
}

TEST_CASE("odd queries never fail as internal errors", "[query][limits]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    for (const std::string q : {"-ferry",
                                "NOT ferry",
                                "ferry AND",
                                "OR OR",
                                "(",
                                ")",
                                "\"unclosed phrase",
                                "title:",
                                "source:",
                                "tag:\"\"",
                                "*",
                                "a*",
                                "-ferr*",
                                "ferry NEAR/3 strike",
                                "ferry ADJ/2 crews",
                                "+ferry -",
                                "\xF0\x9F\x9A\xA2 ferry",
                                "f\xC3\xA9rry",
                                "ferry\tstrike\n",
                                "ＦＥＲＲＹ",
                                "source:\"unterminated",
                                "title:(ferry OR strike)",
                                "\"\"",
                                "-",
                                "&&",
                                "AND ferry"}) {
        for (const std::string partial : {"false", "true"}) {
            INFO("q=" << q << " partial=" << partial);
            auto result = searcher.search(request({{"q", q}, {"partial", partial}}));
            if (!result) CHECK(result.error().code == ErrorCode::kInvalidParameter);
        }
    }
    CHECK(sorted(search_ids(searcher, {{"q", "ＦＥＲＲＹ strike"}})) == Ids{"a"});  // NFKC
}

namespace {

std::vector<Article> world_news() {
    return {
        article("states", "Tariffs rise", "The United States raised tariffs on steel."),
        article("dotted", "Tariff talks", "U.S. officials discussed tariffs."),
        article("britain", "Britain's exports", "Exports from Britain fell in March."),
        article("letter", "Letters", "Write to us about tariffs and exports."),
    };
}

RankingOptions with_news_synonyms() {
    RankingOptions ranking;
    ranking.synonyms = std::make_shared<const SynonymTable>(SynonymTable::news());
    return ranking;
}

}  // namespace

TEST_CASE("synonyms find every name of a country, weighted as one word", "[query][synonyms]") {
    TestIndex index(world_news());
    Searcher searcher = index.searcher(with_news_synonyms());
    CHECK(sorted(search_ids(searcher, {{"q", "US tariffs"}})) == Ids{"dotted", "letter", "states"});
    CHECK(sorted(search_ids(searcher, {{"q", "United States"}})) ==
          Ids{"dotted", "letter", "states"});
    CHECK(sorted(search_ids(searcher, {{"q", "UK exports"}})) == Ids{"britain"});
    CHECK(search_ids(searcher, {{"q", "\"United States\""}}) == Ids{"states"});  // a phrase
    // Lower-case "us" is the pronoun, not the country: as typed ("U.S." is indexed as us).
    CHECK(sorted(search_ids(searcher, {{"q", "us tariffs"}})) == Ids{"dotted", "letter"});

    Searcher without = index.searcher();
    CHECK(search_ids(without, {{"q", "UK"}}).empty());
    CHECK(search_ids(without, {{"q", "\"United States\" tariffs"}}) == Ids{"states"});

    TextAnalyzer analyzer;
    QueryBuilder builder(index.database(), analyzer, with_news_synonyms());
    auto built = builder.build(request({{"q", "UK exports"}}));
    REQUIRE(built);
    CHECK_THAT(built->text.get_description(), Catch::Contains("SYNONYM"));
}

TEST_CASE("AND and OR in a question typed in capitals are words", "[query][capitals]") {
    TestIndex index(harbour_news());
    Searcher searcher = index.searcher();
    const std::string shouted = "WHY DID THE FERRY CREWS AND BUS DRIVERS STRIKE";
    const Ids as_words = search_ids(searcher, {{"q", shouted}});
    CHECK(as_words ==
          search_ids(searcher, {{"q", "why did the ferry crews and bus drivers strike"}}));
    CHECK(sorted(as_words) == Ids{"a", "b", "c"});
    // A short query keeps its operators, and so does one in mixed case.
    CHECK(sorted(search_ids(searcher, {{"q", "BUDGET OR BUS"}})) == Ids{"b", "c"});
    // Five words with the AND: a question, all words (not two ANDed halves).
    CHECK(search_ids(searcher, {{"q", "FERRY CREWS AND BUS DRIVERS"}}) ==
          search_ids(searcher, {{"q", "ferry crews and bus drivers"}}));

    RankingOptions operators;
    operators.capitals_as_words = false;
    Searcher strict = index.searcher(operators);
    CHECK(sorted(search_ids(strict, {{"q", shouted}})) != sorted(as_words));

    CHECK(is_shouted("WHAT IS THE U.S. POLICY"));
    CHECK_FALSE(is_shouted("What is the U.S. policy"));
    CHECK_FALSE(is_shouted("東京 AND 大阪"));  // no word in capitals but the operator
    CHECK(operators_as_words("A AND B OR NEAR/3 NOT") == "A and B or near/3 not");
}

TEST_CASE("an article with the word as typed ranks above one with another form of it",
          "[query][ranking]") {
    TestIndex index({article("computers", "Notes", "Computers and more computers in the lab."),
                     article("computing", "Notes", "Computing in the lab.")});
    Searcher searcher = index.searcher();
    CHECK(search_ids(searcher, {{"q", "computing"}}).front() == "computing");
    CHECK(search_ids(searcher, {{"q", "computers"}}).front() == "computers");
}

TEST_CASE("ranking features can be switched off one by one", "[query][ranking]") {
    TestIndex index(harbour_news());
    const auto without = [&](const std::vector<std::string>& features) {
        RankingOptions options;
        REQUIRE(switch_off(options, features));
        return index.searcher(options);
    };
    Searcher stems_off = without({"stemming"});
    CHECK(search_ids(stems_off, {{"q", "strikes"}}).empty());  // "strikes" only as written
    Searcher all_words_off = without({"all-words"});
    CHECK(sorted(search_ids(all_words_off, {{"q", "ferry strike"}})) == Ids{"a", "b", "c"});
    Searcher stop_words_off = without({"stop-words"});
    auto needs_a = stop_words_off.search(request({{"q", "a ferry strike"}}));
    REQUIRE(needs_a);
    CHECK(needs_a->relaxed);  // "a" is required like any word, and no article has it

    RankingOptions options;
    const auto unknown = switch_off(options, {"stemming", "magic"});
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error(), Catch::StartsWith("unknown ranking feature \"magic\" (known: "));
}
