// Synonym files: their format, their errors (named by file and line), and how a query's
// members are written in as their groups — never inside phrases, exclusions, fields or
// wildcards, and a member written in capitals ("US") only when typed in capitals.
#include <catch2/catch.hpp>

#include "search/synonym_table.hpp"

using namespace dateline;
using namespace dateline::server;

namespace {

SynonymTable table(std::string_view text) {
    auto parsed = SynonymTable::parse(text, "synonyms.txt");
    REQUIRE(parsed);
    return std::move(*parsed);
}

}  // namespace

TEST_CASE("a synonym file is groups of comma-separated members, with comments", "[synonyms]") {
    const SynonymTable synonyms = table(
        "# news names\n"
        "\n"
        "UK, U.K., United Kingdom, Britain   # U.K. reads as UK: kept once\n"
        "  e-mail ,email  \n");
    CHECK(synonyms.group_count() == 2);
    CHECK(synonyms.expand("UK exports").text == "(UK OR \"United Kingdom\" OR Britain) exports");
    CHECK(synonyms.expand("E-Mail").text == "(e-mail OR email)");
    CHECK(SynonymTable::news().group_count() == 3);
}

TEST_CASE("synonym file errors name the file and line", "[synonyms]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"UK, Britain\nlonely\n", "synonyms.txt:2: a group needs two or more members"},
        {"UK, \"Britain\"\n", "synonyms.txt:1: \"\"Britain\"\" has query syntax"},
        {"UK, Britain\nBritain, Albion\n",
         "synonyms.txt:2: \"Britain\" is already in the group on line 1"},
        {"ok, fine\nbad, \xff\n", "synonyms.txt:2: not valid UTF-8"},
    }));
    CAPTURE(text);
    const auto parsed = SynonymTable::parse(text, "synonyms.txt");
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error(), Catch::StartsWith(message));
    CHECK_FALSE(SynonymTable::load("/nonexistent/synonyms.txt"));
}

TEST_CASE("members are written in as their group where the reader typed them plainly",
          "[synonyms]") {
    const SynonymTable& news = SynonymTable::news();
    const std::string us = "(US OR USA OR \"United States\" OR \"United States of America\")";
    const auto [q, expanded] = GENERATE_REF(table<std::string, std::string>({
        {"US tariffs", us + " tariffs"},
        {"U.S. tariffs", us + ". tariffs"},  // the final "." is no part of the word
        {"tariffs in the united states", "tariffs in the " + us},
        {"United States of America", us},  // the longest member, not "United States" in it
        {"Great Britain", "(UK OR \"United Kingdom\" OR Britain OR \"Great Britain\")"},
        {"\"US tariffs\"", "\"US tariffs\""},  // inside a phrase: as typed
        {"tariffs -US", "tariffs -US"},        // excluded
        {"+US", "+US"},                        // required as typed
        {"tag:uk", "tag:uk"},                  // a field value
        {"britain*", "britain*"},              // a wildcard
        {"united kingdoms", "united kingdoms"},
        {"tell us more", "tell us more"},  // the pronoun: "US" is in capitals in the list
        {"Eu sou", "Eu sou"},              // Portuguese "I", not the EU
        {"usa", "usa"},                    // typed in lower case: as typed
    }));
    CAPTURE(q);
    CHECK(news.expand(q).text == expanded);
}

TEST_CASE("each group written in is listed once per occurrence", "[synonyms]") {
    const auto expanded = SynonymTable::news().expand("EU and UK trade");
    REQUIRE(expanded.clauses.size() == 2);
    CHECK(expanded.clauses[0] == "(EU OR \"European Union\")");
    CHECK(expanded.text == expanded.clauses[0] + " and " + expanded.clauses[1] + " trade");
}
