// Snippets and title highlights: the densest window, cropping at word boundaries with "…",
// stemmed highlights, HTML escaping, CJK, and the word budget.
#include <catch2/catch.hpp>

#include "search/html_escape.hpp"
#include "search/query_text.hpp"
#include "search/snippet_builder.hpp"

using namespace dateline;
using namespace dateline::server;

namespace {

// A SnippetBuilder for a query, parsed as the search would parse it (English, STEM_SOME).
class Snippets {
public:
    explicit Snippets(const std::string& q, std::vector<std::string> wildcards = {})
        : builder_(analyzer_, TermMatcher(parse(q), std::move(wildcards))) {}

    std::string snippet(std::string_view text, std::size_t words,
                        const std::optional<std::string>& lang = std::nullopt) {
        return builder_.snippet(text, lang, words);
    }
    std::string highlight(std::string_view text,
                          const std::optional<std::string>& lang = std::nullopt) {
        return builder_.highlight(text, lang);
    }

private:
    Xapian::Query parse(const std::string& q) {
        Xapian::QueryParser parser;
        analyzer_.configure(parser, std::nullopt);
        parser.add_prefix("title", "S");
        return parser.parse_query(normalize_query(q), Xapian::QueryParser::FLAG_DEFAULT);
    }

    TextAnalyzer analyzer_;
    SnippetBuilder builder_;
};

std::string words(int from, int to) {
    std::string text;
    for (int i = from; i < to; ++i) text += (text.empty() ? "w" : " w") + std::to_string(i);
    return text;
}

}  // namespace

TEST_CASE("snippets mark stemmed matches in the query's sense", "[snippet]") {
    Snippets s("strike");
    CHECK(s.snippet("Striking workers said the strikes would go on.", 30) ==
          "<mark>Striking</mark> workers said the <mark>strikes</mark> would go on.");
    CHECK(s.highlight("Ferry crews STRIKE") == "Ferry crews <mark>STRIKE</mark>");
    Snippets phrase("\"morning sailing\"");
    CHECK(phrase.snippet("The morning sailing was cancelled.", 30) ==
          "The <mark>morning</mark> <mark>sailing</mark> was cancelled.");
    Snippets title("title:ferry");
    CHECK(title.highlight("Ferry crews") == "<mark>Ferry</mark> crews");
}

TEST_CASE("snippets escape all markup, <script> comes back inert", "[snippet][escaping]") {
    Snippets s("alert");
    CHECK(s.snippet("<script>alert(1)</script>", 30) ==
          "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;");
    CHECK(s.highlight("Tom & Jerry's \"<b>alert</b>\"") ==
          "Tom &amp; Jerry&#39;s &quot;&lt;b&gt;<mark>alert</mark>&lt;/b&gt;&quot;");
    Snippets none("");
    CHECK(none.snippet("<img src=x onerror=alert(1)>", 30) == "&lt;img src=x onerror=alert(1)&gt;");
    CHECK(html_escaped("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;");
}

TEST_CASE("snippets crop at word boundaries with ellipses", "[snippet][cropping]") {
    Snippets none("");
    CHECK(none.snippet(words(0, 10), 5) == "w0 w1 w2 w3 w4\u2026");
    CHECK(none.snippet(words(0, 5), 5) == "w0 w1 w2 w3 w4");
    CHECK(none.snippet("  Short   text,\nwith\tspaces.  ", 30) == "Short text, with spaces.");

    Snippets s("w50");
    // The match in the middle: words before and after it, cut on both sides.
    CHECK(s.snippet(words(0, 100), 5) == "\u2026w48 w49 <mark>w50</mark> w51 w52\u2026");
    // Near the end: the window ends with the text, so no trailing ellipsis.
    CHECK(s.snippet(words(0, 51) + ".", 5) == "\u2026w46 w47 w48 w49 <mark>w50</mark>.");
    // Near the start: the window opens the text.
    Snippets early("w2");
    CHECK(early.snippet(words(0, 100), 5) == "w0 w1 <mark>w2</mark> w3 w4\u2026");
}

TEST_CASE("snippets pick the passage with the most distinct query terms", "[snippet][density]") {
    Snippets s("ferry strike");
    const std::string text =
        "ferry ferry ferry filler filler filler filler filler filler filler "
        "filler filler filler filler filler the ferry strike ended filler "
        "filler filler filler filler filler filler filler filler filler";
    CHECK(s.snippet(text, 5) ==
          "\u2026the <mark>ferry</mark> <mark>strike</mark> ended filler\u2026");
    // Ties on distinct terms go to more matches, then to the earliest passage.
    Snippets one("ferry");
    const std::string two_places =
        words(0, 20) + " ferry " + words(20, 40) + " ferry ferry " + words(40, 60);
    CHECK_THAT(one.snippet(two_places, 5),
               Catch::Contains("<mark>ferry</mark> <mark>ferry</mark>"));
}

TEST_CASE("wildcards, CJK and other scripts highlight too", "[snippet]") {
    Snippets wildcard("ferr*", {"ferr"});
    CHECK(wildcard.snippet("Ferries and a ferry.", 30) ==
          "<mark>Ferries</mark> and a <mark>ferry</mark>.");
    Snippets cjk("電力");
    CHECK(cjk.snippet("電力消費が増えている。", 30) == "<mark>電力</mark>消費が増えている。");
    Snippets accents("élections");
    CHECK(accents.snippet("Les ÉLECTIONS municipales", 30) ==
          "Les <mark>ÉLECTIONS</mark> municipales");
    Snippets apostrophe("don't");
    CHECK(apostrophe.snippet("We don\u2019t stop.", 30) == "We <mark>don\u2019t</mark> stop.");
}

TEST_CASE("highlights cover the matched characters in every script", "[snippet]") {
    const auto [q, text, expected] = GENERATE(table<const char*, const char*, const char*>({
        {"서울", "서울에서 열린 회의", "<mark>서울</mark>에서 열린 회의"},
        {"평창", "평창올림픽이 열렸다", "<mark>평창</mark>올림픽이 열렸다"},
        {"평창올림픽", "평창올림픽이 열렸다", "<mark>평창올림픽</mark>이 열렸다"},
        {"北京", "北京大学的学生", "<mark>北京</mark>大学的学生"},
        {"cafe", "Un Café à Zürich", "Un <mark>Café</mark> à Zürich"},
        {"zurich", "Un Café à Zürich", "Un Café à <mark>Zürich</mark>"},
        {"Washington", "Washington\u2019s plan", "<mark>Washington\u2019s</mark> plan"},
        {"email", "Send an e-mail today", "Send an <mark>e</mark>-<mark>mail</mark> today"},
        {"F-35", "The F35 and the F-35A", "The <mark>F35</mark> and the F-35A"},
        {"économie", "Sur l\u2019économie française", "Sur <mark>l\u2019économie</mark> française"},
    }));
    CAPTURE(q, text);
    Snippets s(q);
    CHECK(s.highlight(text) == expected);
}

TEST_CASE("malformed bytes are not words", "[snippet]") {
    Snippets s("broken");
    CHECK(s.highlight("\xff\xfe broken") == "\xff\xfe <mark>broken</mark>");
}
