// Boilerplate rules files: the format, the messages for bad rules, and what each kind matches.
#include <catch2/catch.hpp>

#include "boilerplate_rules.hpp"
#include "boilerplate_rules_builtin.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

BoilerplateRules rules_from(const std::string& text) {
    auto rules = BoilerplateRules::parse(text, "test.rules");
    if (!rules) FAIL(rules.error());
    return *rules;
}

}  // namespace

TEST_CASE("a rules file: kinds, comments, blank lines, origins", "[boilerplate]") {
    const BoilerplateRules rules = rules_from(
        "# a comment\n"
        "\n"
        "drop  share the post\n"
        "  drop-rest\tcomments\n"
        "keep subscribe to the print edition\r\n");
    REQUIRE(rules.size() == 3);
    CHECK(rules.origin(0) == "test.rules:3");
    CHECK(rules.origin(2) == "test.rules:5");
}

TEST_CASE("a bad rule is refused with FILE:LINE and the reason", "[boilerplate]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"drop ok\ndorp x",
         "test.rules:2: unknown kind \"dorp\" (expected drop, drop-rest or keep)"},
        {"drop", "test.rules:1: drop: missing regular expression"},
        {"\n\ndrop-rest   \t", "test.rules:3: drop-rest: missing regular expression"},
        {"drop (unclosed",
         "test.rules:1: invalid regular expression \"(unclosed\": U_REGEX_MISMATCHED_PAREN at "
         "character 10"},
        {"drop by (?<author>.+)",
         "test.rules:1: unknown capture group \"author\" (expected source or url)"},
        {"drop caf\xe9", "test.rules:1: invalid UTF-8"},
    }));
    CAPTURE(text);
    const auto rules = BoilerplateRules::parse(text, "test.rules");
    REQUIRE_FALSE(rules);
    CHECK(rules.error() == message);
}

TEST_CASE("look-behinds are not capture names", "[boilerplate]") {
    CHECK(BoilerplateRules::parse("drop (?<=a)b(?<!c)", "t"));
}

TEST_CASE("the built-in rules parse", "[boilerplate]") {
    const auto rules = BoilerplateRules::parse(builtin_boilerplate_rules(),
                                               std::string(kBuiltinBoilerplateRulesName));
    if (!rules) FAIL(rules.error());
    CHECK(rules->size() >= 10);
}

TEST_CASE("a rule matches a whole line, ignoring case", "[boilerplate]") {
    RuleMatcher matcher(rules_from("drop share the post\ndrop-rest comments\nkeep share .*"));
    const auto [line, rule] = GENERATE(table<std::string, int>({
        {"Share the post", 0},
        {"SHARE THE POST", 0},
        {"Please share the post", -1},  // a rule must match the whole line
        {"Share the posting", 2},
        {"Comments", 1},
        {"No comments yet", -1},
        {"", -1},
    }));
    CAPTURE(line);
    const auto match = matcher.match(line);
    if (rule < 0) {
        CHECK_FALSE(match);
    } else {
        REQUIRE(match);
        CHECK(match->rule == static_cast<std::size_t>(rule));
    }
}

TEST_CASE("rules capture source and url", "[boilerplate]") {
    RuleMatcher matcher(
        rules_from("drop first appeared on (?<source>.+?)(?: at (?<url>\\S+))?\n"
                   "drop nothing captured"));
    auto match = matcher.match("First appeared on The Ledger at https://ledger.example/a.");
    REQUIRE(match);
    CHECK(match->original_source == "The Ledger");
    CHECK(match->original_url == "https://ledger.example/a");  // sentence punctuation trimmed
    match = matcher.match("First appeared on The Ledger.");
    REQUIRE(match);
    CHECK(match->original_source == "The Ledger");
    CHECK_FALSE(match->original_url);
    match = matcher.match("nothing captured");
    REQUIRE(match);
    CHECK_FALSE(match->original_source);
}

TEST_CASE("lines over the length limit are never matched", "[boilerplate]") {
    RuleMatcher matcher(rules_from("drop x+"));
    CHECK(matcher.match(std::string(BoilerplateRules::kMaxLineBytes, 'x')));
    CHECK_FALSE(matcher.match(std::string(BoilerplateRules::kMaxLineBytes + 1, 'x')));
}

TEST_CASE("a rule that backtracks without end gives up and keeps the line", "[boilerplate]") {
    RuleMatcher matcher(rules_from("drop (a+)+b"));
    CHECK_FALSE(matcher.match(std::string(1500, 'a')));
}
