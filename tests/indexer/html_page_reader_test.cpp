// HTML article pages: metadata from JSON-LD, OpenGraph and markup; text without the chrome.
#include <catch2/catch.hpp>

#include "archive_fixtures.hpp"
#include "dateline/article_json.hpp"
#include "document_reader.hpp"
#include "html_page_reader.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

Result<ParsedArticle, RecordError> read_page(const std::string& name,
                                             ArchiveDefaults defaults = {}) {
    const auto records = read_document(test::read_fixture(name), InputFormat::kAuto,
                                       {name, name, std::move(defaults)});
    REQUIRE(records.size() == 1);
    CHECK(records[0].kind == SourceKind::kHtmlPage);
    if (!records[0].fields) return Unexpected(records[0].fields.error());
    return article_from_json(*records[0].fields);
}

Article page(const std::string& name, ArchiveDefaults defaults = {}) {
    auto parsed = read_page(name, std::move(defaults));
    if (!parsed) FAIL(parsed.error().field << ": " << parsed.error().reason);
    return parsed->article;
}

}  // namespace

TEST_CASE("JSON-LD NewsArticle supplies the fields; canonical URL is the id", "[html]") {
    const Article article = page("pages/ferry-newsarticle.html");
    CHECK(article.id == "https://harbour.example/news/2024/04/night-ferry-returns.html");
    CHECK(article.url == article.id);
    CHECK(article.title == "Night ferry returns after winter refit");  // not og:title
    CHECK(to_rfc3339(article.date) == "2024-04-05T05:00:00Z");
    REQUIRE(article.updated);
    CHECK(to_rfc3339(*article.updated) == "2024-04-05T10:20:00Z");
    CHECK(article.author == "Morwenna Pascoe, Jory Trewin");
    CHECK(article.source == "Harbour Lights Gazette");
    CHECK(article.tags == std::vector<std::string>{"ferries", "transport", "refit", "Transport"});
    CHECK(article.lang == "en-GB");
    CHECK(article.summary == "The overnight crossing resumes on Friday.");
    CHECK(article.body ==
          "The overnight crossing resumes on Friday after three months in dry dock.\n\n"
          "New engines cut the journey by twenty minutes, the operator said.");
}

TEST_CASE("JSON-LD inside @graph; a broken ld+json script is skipped", "[html]") {
    const Article article = page("pages/garden-graph.html");
    CHECK(article.id == "pages/garden-graph.html");  // no canonical, no og:url: the path
    CHECK(article.title == "Community garden doubles in size");
    CHECK(article.author == "Gwen Lloyd");
    CHECK(article.source == "Valley & Ridge Notes");
    CHECK(article.tags == std::vector<std::string>{"gardens", "volunteering"});
    CHECK(article.lang == "cy");
    CHECK(article.body ==
          "Twelve new beds were dug over the Easter weekend.\n\nVolunteers meet every Saturday "
          "morning by the gate.");
}

TEST_CASE("OpenGraph and article:* meta alone are enough", "[html]") {
    const Article article = page("pages/market-opengraph.html");
    CHECK(article.id == "https://harbour.example/news/2024/04/craft-market.html");
    CHECK(article.title == "Spring craft market draws record crowd");
    CHECK(to_rfc3339(article.date) == "2024-04-06T13:00:00Z");
    REQUIRE(article.updated);
    CHECK(to_rfc3339(*article.updated) == "2024-04-07T09:00:00Z");
    CHECK(article.author == "Tamsin Rowe");  // the profile URL is not a name
    CHECK(article.tags == std::vector<std::string>{"Markets", "Crafts", "Community"});
    CHECK(article.source == "Harbour Lights Gazette");
    // No <article> or <main>: the block holding the most paragraph text.
    CHECK(article.body ==
          "Over forty stalls filled the quay on Saturday, the most since the market began.\n\n"
          "Organisers said ceramics and knitwear sold out before noon.\n\n"
          "The next market is planned for the late May bank holiday.");
}

TEST_CASE("a page with heavy chrome keeps every paragraph of the story and nothing else",
          "[html]") {
    const Article article = page("pages/council-chrome.html");
    CHECK(article.title == "Council approves new sea wall");    // the <h1>
    CHECK(to_rfc3339(article.date) == "2024-04-09T17:45:00Z");  // <time> in the article
    CHECK(article.body ==
          "Councillors voted eleven to two on Tuesday to fund a new sea wall along the eastern "
          "quay.\n\n"
          "Work is due to start in September and to take eighteen months.\n\n"
          "The eastern quay at high tide.\n\n"
          "Objections\n\n"
          "Two residents said the design would block the view from the harbour steps.\n\n"
          "We are not against the wall, only its height.\n\n"
          "The council will publish revised drawings next month.");
    CHECK(article.body.find("MUST NOT APPEAR") == std::string::npos);
}

TEST_CASE("Windows-1252 with http-equiv, and a UTF-8 BOM without a declaration", "[html]") {
    const Article cafe = page("pages/cafe-windows1252.html");
    CHECK(cafe.title == "Caf\xC3\xA9 du port reopens");
    CHECK(cafe.body ==
          "\xE2\x80\x9CWe missed the regulars,\xE2\x80\x9D said the owner, Ren\xC3\xA9"
          "e "
          "Marchand.\n\nCoffee now costs \xE2\x82\xAC"
          "2.");
    CHECK(cafe.lang == "fr");

    const Article library = page("pages/library-bom.html", {"Valley & Ridge Notes", std::nullopt});
    CHECK(library.title == "Library extends Sunday hours");
    CHECK(library.author == "Ifan Pryce");
    CHECK(to_rfc3339(library.date) == "2024-04-11T09:00:00Z");  // <time pubdate>
    CHECK(library.source == "Valley & Ridge Notes");            // the --source default
    CHECK(library.body ==
          "The reading room in Llan\xC3\xA9lli now opens at noon on Sundays.\n\nStaff say "
          "\xE2\x80\x98quiet hours\xE2\x80\x99 will continue.\n\n11 April");
}

TEST_CASE("a page without a date is rejected unless --default-date supplies one", "[html]") {
    const auto rejected = read_page("pages/no-date.html");
    REQUIRE_FALSE(rejected);
    CHECK(rejected.error().field == "date");
    CHECK(rejected.error().reason ==
          "not found (looked for JSON-LD datePublished, article:published_time, <time "
          "datetime>); give --default-date DATE");
    const Article dated = page("pages/no-date.html", {std::nullopt, "2020-05-01T00:00:00Z"});
    CHECK(to_rfc3339(dated.date) == "2020-05-01T00:00:00Z");
    CHECK(dated.title == "An undated page");  // <title> as the last resort
}

TEST_CASE("an unreadable date names the value; markup text is kept as text", "[html]") {
    const std::string html =
        "<html><head><meta property='og:title' content='Tags &amp;lt;b&amp;gt; explained'>"
        "<meta property='og:site_name' content='S'>"
        "<meta property='article:published_time' content='last Tuesday'></head>"
        "<body><article><p>Write &lt;p&gt; to start a paragraph &amp; more.</p></article>"
        "</body></html>";
    const SourceRecord bad = read_html_page(html, {"p.html", "p.html", {}});
    REQUIRE_FALSE(bad.fields);
    CHECK(bad.fields.error().field == "date");
    CHECK(bad.fields.error().reason ==
          "not an RFC 822 date: \"last Tuesday\" (expected e.g. \"Tue, 12 Mar 2024 07:30:00 "
          "GMT\")");
    const SourceRecord good =
        read_html_page(html, {"p.html", "p.html", {std::nullopt, "2024-01-01T00:00:00Z"}});
    REQUIRE(good.fields);
    const auto parsed = article_from_json(*good.fields);
    REQUIRE(parsed);
    CHECK(parsed->article.title == "Tags &lt;b&gt; explained");
    CHECK(parsed->article.body == "Write <p> to start a paragraph & more.");
}
