// RSS and Atom items to contract-shaped records; bad items alone are rejected.
#include <catch2/catch.hpp>

#include "archive_fixtures.hpp"
#include "dateline/article_json.hpp"
#include "dateline/utf8.hpp"
#include "feed_reader.hpp"

using namespace dateline;
using namespace dateline::indexer;
using nlohmann::json;

namespace {

std::vector<SourceRecord> read_fixture_feed(const std::string& name,
                                            ArchiveDefaults defaults = {}) {
    return read_feed(test::read_fixture(name), DocumentContext{name, name, std::move(defaults)});
}

Article validated(const SourceRecord& record) {
    REQUIRE(record.fields);
    auto parsed = article_from_json(*record.fields);
    REQUIRE(parsed);
    return parsed->article;
}

}  // namespace

TEST_CASE("RSS 2.0: content:encoded, categories, creators, relative links", "[feed]") {
    const auto records = read_fixture_feed("feeds/harbour-rss.xml");
    REQUIRE(records.size() == 4);
    const Article first = validated(records[0]);
    CHECK(first.id == "harbour-2024-0312-lifeboat");
    CHECK(first.title == "Lifeboat crew rescues stranded kayakers");
    CHECK(first.body ==
          "Two kayakers were brought ashore on Monday evening after the tide turned faster than "
          "they expected.\n\nThe volunteer crew launched within nine minutes of the call & reached "
          "the pair near the breakwater.\n\nNeither needed hospital treatment.");
    CHECK(first.summary == "Two kayakers were brought ashore after the tide turned.");
    CHECK(to_rfc3339(first.date) == "2024-03-12T07:30:00Z");
    CHECK(first.source == "Harbour Lights Gazette");
    CHECK(first.tags == std::vector<std::string>{"Rescue", "Coast"});
    CHECK(first.author == "Morwenna Pascoe");
    CHECK(first.lang == "en-gb");
    // Resolved against the channel's <link>.
    CHECK(first.url == "https://harbour.example/news/2024/03/lifeboat-kayakers.html");
    CHECK(records[0].location.item == 1);
    CHECK(records[0].location.line == 12);

    const Article second = validated(records[1]);
    CHECK(second.body == "Stallholders voted to stay open until eight on Fridays.");
    CHECK(second.author == "Tamsin Rowe");  // from "desk@harbour.example (Tamsin Rowe)"
    CHECK(to_rfc3339(second.date) == "2024-03-13T23:05:00Z");  // 18:05 EST

    const Article third = validated(records[2]);  // no guid: the resolved link is the id
    CHECK(third.id == "https://harbour.example/news/2024/03/regatta-volunteers.html");
    CHECK(to_rfc3339(third.date) == "2024-03-14T08:15:30Z");  // +0100, two-digit year
}

TEST_CASE("one bad item is rejected by number and guid; the others are read", "[feed]") {
    const auto records = read_fixture_feed("feeds/harbour-rss.xml");
    REQUIRE(records.size() == 4);
    const SourceRecord& bad = records[3];
    REQUIRE_FALSE(bad.fields);
    CHECK(bad.fields.error().field == "date");
    CHECK(bad.fields.error().reason ==
          "not found (looked for <pubDate>, <dc:date>); give --default-date DATE");
    CHECK(describe_location("feed.xml", bad.location) ==
          "feed.xml:40: item 4 (harbour-slipway-notice)");
    CHECK_THAT(bad.raw_text, Catch::StartsWith("<item><title>Undated notice"));

    const auto with_default =
        read_fixture_feed("feeds/harbour-rss.xml", {"Unused", "2024-01-31T00:00:00Z"});
    REQUIRE(with_default[3].fields);
    CHECK((*with_default[3].fields)["date"] == "2024-01-31T00:00:00Z");
    CHECK((*with_default[3].fields)["source"] == "Harbour Lights Gazette");  // the feed's wins
}

TEST_CASE("Atom: xml:base relative links, text constructs, published and updated", "[feed]") {
    const auto records = read_fixture_feed("feeds/valley-atom.xml");
    REQUIRE(records.size() == 3);
    const Article orchard = validated(records[0]);
    CHECK(orchard.id == "tag:valley.example,2024:orchard-blossom");
    CHECK(orchard.url == "https://valley.example/blog/posts/orchard-blossom.html");
    CHECK(orchard.source == "Valley & Ridge Notes");  // type="html" title, decoded
    CHECK(orchard.author == "Ifan Pryce");            // the feed's author
    CHECK(orchard.tags == std::vector<std::string>{"orchards", "Weather"});
    CHECK(orchard.lang == "en");
    CHECK(to_rfc3339(orchard.date) == "2024-04-01T07:00:00Z");
    REQUIRE(orchard.updated);
    CHECK(to_rfc3339(*orchard.updated) == "2024-04-02T08:30:00Z");
    CHECK(orchard.body ==
          "The apple trees on the south slope flowered a fortnight ahead of last year.\n\n"
          "Growers are watching the frost forecasts closely.");

    const Article footpath = validated(records[1]);  // the entry's own xml:base
    CHECK(footpath.url == "https://valley.example/blog/posts/footpath-repairs.html");
    CHECK(footpath.title == "Footpath <closed> for repairs");  // type="text" stays text
    CHECK(footpath.author == "Gwen Lloyd");
    CHECK(to_rfc3339(footpath.date) == "2024-03-28T16:45:00Z");  // only <updated>
    CHECK(footpath.body ==
          "The ridge footpath will be closed for three weeks while the steps are rebuilt.");

    const Article choir = validated(records[2]);  // root-relative link, xhtml content
    CHECK(choir.url == "https://valley.example/blog/posts/choir-concert.html");
    CHECK(choir.body ==
          "The village choir sang to a full hall on Saturday.\n\nTicket sales covered a third "
          "of the cost of the new roof.");
}

TEST_CASE("broken XML and non-feeds are one failed record naming the position", "[feed]") {
    const auto truncated = read_fixture_feed("feeds/truncated.xml");
    REQUIRE(truncated.size() == 1);
    REQUIRE_FALSE(truncated[0].fields);
    CHECK(truncated[0].fields.error().field == "file");
    CHECK_THAT(truncated[0].fields.error().reason,
               Catch::StartsWith("not well-formed XML at line 8, column"));

    const auto sitemap = read_feed("<urlset><url/></urlset>", {"map.xml", "map.xml", {}});
    REQUIRE(sitemap.size() == 1);
    REQUIRE_FALSE(sitemap[0].fields);
    CHECK(sitemap[0].fields.error().reason ==
          "not an RSS or Atom feed: the root element is <urlset>, expected <rss>, <rdf:RDF> or "
          "<feed>");
}

TEST_CASE("feed items without a source or title say what was looked for", "[feed]") {
    const std::string feed =
        "<rss><channel><item><guid>a</guid><pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate>"
        "<title>T</title></item><item><guid>b</guid></item></channel></rss>";
    const auto records = read_feed(feed, {"f.xml", "f.xml", {}});
    REQUIRE(records.size() == 2);
    REQUIRE_FALSE(records[0].fields);
    CHECK(records[0].fields.error().field == "source");
    CHECK(records[0].fields.error().reason ==
          "not found (looked for the channel's <title>); give --source NAME");
    REQUIRE_FALSE(records[1].fields);
    CHECK(records[1].fields.error().field == "title");

    const auto defaulted = read_feed(feed, {"f.xml", "f.xml", {"Fallback Times", std::nullopt}});
    REQUIRE(defaulted[0].fields);
    CHECK((*defaulted[0].fields)["source"] == "Fallback Times");
}

// Found by fuzz/feed_reader_fuzz: pugixml turns a character reference past U+10FFFF (or a
// surrogate) into ill-formed UTF-8, which validation let through and serialising the stored
// article then threw on — aborting the whole run. Such characters become U+FFFD.
TEST_CASE("character references that are no character become U+FFFD", "[feed]") {
    const auto records = read_feed(
        "<rss version=\"2.0\"><channel><title>Caf&#18030233; Wire</title><item>"
        "<title>A&#xD800;B</title><guid>g&#x110000;</guid><category>t&#1114112;</category>"
        "<pubDate>12 Mar 2024 07:00 GMT</pubDate><description>d&#xDFFF;</description>"
        "</item></channel></rss>",
        DocumentContext{"f.xml", "f.xml", {}});
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].fields);
    const std::string dumped = records[0].fields->dump();  // throws on ill-formed UTF-8
    CHECK_FALSE(find_invalid_utf8(dumped));
    const Article article = validated(records[0]);
    CHECK(article.source.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(article.title.find("\xEF\xBF\xBD") != std::string::npos);
}
