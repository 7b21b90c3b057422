// The boilerplate cleaner: rules, drop-rest and keep, what footers reveal, the title repeated
// in the body, learnt lines, and how the record's fields are rewritten.
#include <catch2/catch.hpp>

#include "boilerplate_cleaner.hpp"
#include "boilerplate_setup.hpp"
#include "dateline/article_json.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

std::shared_ptr<BoilerplateKnowledge> knowledge_with(const std::string& rules_text,
                                                     LearntLines learnt = {}) {
    auto knowledge = std::make_shared<BoilerplateKnowledge>();
    auto rules = BoilerplateRules::parse(rules_text, "test.rules");
    if (!rules) FAIL(rules.error());
    knowledge->rules = *rules;
    knowledge->learnt = std::move(learnt);
    return knowledge;
}

std::shared_ptr<BoilerplateKnowledge> builtin_knowledge() {
    auto knowledge = std::make_shared<BoilerplateKnowledge>();
    auto rules = load_boilerplate_rules({});
    if (!rules) FAIL(rules.error());
    knowledge->rules = *rules;
    return knowledge;
}

std::string cleaned(const std::string& rules, const std::string& body,
                    const std::string& title = "Headline", BodyUnit unit = BodyUnit::kParagraph) {
    BoilerplateCleaner cleaner(knowledge_with(rules), nullptr);
    return cleaner.clean(body, title, "Gazette", unit).text;
}

SourceRecord record_with(nlohmann::json fields) {
    SourceRecord record;
    record.fields = std::move(fields);
    return record;
}

}  // namespace

TEST_CASE("drop removes matching lines and keeps paragraph breaks", "[boilerplate]") {
    CHECK(cleaned("drop advertisement", "One.\n\nAdvertisement\n\nTwo.\nThree.") ==
          "One.\n\nTwo.\nThree.");
    CHECK(cleaned("drop advertisement", "One.\nAdvertisement\nTwo.", "H", BodyUnit::kLine) ==
          "One.\nTwo.");
}

TEST_CASE("plain text is matched by paragraph: hard-wrapped lines are not lines", "[boilerplate]") {
    const std::string body =
        "The group will ask shareholders to\nsubscribe to ordinary shares.\n    It said the "
        "issue\nwas priced at par.\n\nSubscribe to\nThe Ledger";
    // The wrapped sentence stays whole, indentation and all; the footer paragraph goes.
    CHECK(cleaned("drop subscribe to .{1,100}", body) ==
          "The group will ask shareholders to\nsubscribe to ordinary shares.\n    It said the "
          "issue\nwas priced at par.");
}

TEST_CASE("an unchanged body comes back byte for byte", "[boilerplate]") {
    const std::string body = "  One.\r\n\r\n\r\nTwo.  \n";
    BoilerplateCleaner cleaner(knowledge_with("drop advertisement"), nullptr);
    const CleanedBody result = cleaner.clean(body, "Headline", "Gazette");
    CHECK_FALSE(result.changed);
    CHECK(result.text == body);
}

TEST_CASE("drop-rest removes the line and everything after it, but for keep lines",
          "[boilerplate]") {
    const std::string rules = "keep editor's note.*\ndrop-rest related stories";
    CHECK(cleaned(rules, "One.\n\nRelated stories\n\nA\n\nB") == "One.");
    CHECK(cleaned(rules, "One.\n\nRelated stories\n\nEditor's note: x\n\nB") ==
          "One.\n\nEditor's note: x");
}

TEST_CASE("keep protects a line from later rules, learnt lines and the title", "[boilerplate]") {
    LearntLines learnt;
    learnt.add(line_fingerprint("Gazette", "follow us"));
    BoilerplateCleaner cleaner(
        knowledge_with("keep (?:follow us|headline)\ndrop follow us", learnt), nullptr);
    CHECK(cleaner.clean("Headline\n\nFollow us\n\nText.", "Headline", "Gazette").text ==
          "Headline\n\nFollow us\n\nText.");
}

TEST_CASE("the first source and url a footer reveals are kept", "[boilerplate]") {
    BoilerplateCleaner cleaner(
        knowledge_with("drop first appeared on (?<source>.+?)(?: at (?<url>\\S+))?"), nullptr);
    const CleanedBody result = cleaner.clean(
        "Text.\n\nFirst appeared on The Ledger at https://ledger.example/a\n\n"
        "First appeared on The Other at https://other.example/",
        "Headline", "Gazette");
    CHECK(result.text == "Text.");
    CHECK(result.original_source == "The Ledger");
    CHECK(result.original_url == "https://ledger.example/a");
}

TEST_CASE("a captured url that is not http(s) is not kept", "[boilerplate]") {
    BoilerplateCleaner cleaner(knowledge_with("drop see (?<url>\\S+)"), nullptr);
    const CleanedBody result = cleaner.clean("Text.\n\nSee javascript:alert(1)", "H", "G");
    CHECK(result.text == "Text.");
    CHECK_FALSE(result.original_url);
}

TEST_CASE("the title repeated as the first or last line is dropped, not in between",
          "[boilerplate]") {
    const std::string title = "Ferry crews walk out";
    CHECK(cleaned("", "Ferry crews walk out\n\nCrews stopped.", title) == "Crews stopped.");
    CHECK(cleaned("", "Crews stopped.\n\nFERRY CREWS WALK OUT!", title) == "Crews stopped.");
    CHECK(cleaned("", "Ferry crews walk out\n\nCrews stopped.\n\nFerry crews walk out", title) ==
          "Crews stopped.");
    CHECK(cleaned("", "A.\n\nFerry crews walk out\n\nB.", title) ==
          "A.\n\nFerry crews walk out\n\nB.");
    CHECK(cleaned("", "Ferry crews walk out today.\n\nB.", title) ==
          "Ferry crews walk out today.\n\nB.");
    // Found once the boilerplate around it is gone.
    CHECK(cleaned("drop advertisement", "Advertisement\n\nFerry crews walk out\n\nB.", title) ==
          "B.");
}

TEST_CASE("learnt lines are dropped for their own source only", "[boilerplate]") {
    LearntLines learnt;
    learnt.add(line_fingerprint("Gazette", normalised_line("© Gazette. All rights reserved.")));
    BoilerplateCleaner cleaner(knowledge_with("", learnt), nullptr);
    const std::string body = "Text.\n\n© Gazette — all rights reserved";
    CHECK(cleaner.clean(body, "H", "Gazette").text == "Text.");
    CHECK(cleaner.clean(body, "H", "Ledger").text == body);
}

TEST_CASE("the built-in rules drop syndication footers, chrome and credits", "[boilerplate]") {
    const auto [line, source, url] = GENERATE(table<std::string, std::string, std::string>({
        {"A title here was originally published in Tide Notes on Medium, where people are "
         "continuing the conversation by highlighting and responding to this story.",
         "Tide Notes", ""},
        {"This post first appeared on Tide Notes, please read the originial post: here",
         "Tide Notes", ""},
        {"This post first appeared on Tide Notes, please read the original post: "
         "https://tide.example/p/1",
         "Tide Notes", "https://tide.example/p/1"},
        {"The post Ferry crews walk out appeared first on Harbour Gazette.", "Harbour Gazette", ""},
        {"This article was originally published on The Conversation. Read the original article.",
         "The Conversation", ""},
        {"Originally published at https://blog.example/post-1.", "", "https://blog.example/post-1"},
        {"Share the post", "", ""},
        {"Subscribe to Tide Notes", "", ""},
        {"Get updates delivered right to your inbox!", "", ""},
        {"Thank you for your subscription", "", ""},
        {"×", "", ""},
        {"Get Even More Visitors To Your Blog, Upgrade To A Business Listing >>", "", ""},
        {"Source, CC 2.0", "", ""},
        {"Photo: Jo Bloggs, CC BY-SA 4.0", "", ""},
        {"Photo by Jo Bloggs on Unsplash", "", ""},
    }));
    CAPTURE(line);
    BoilerplateCleaner cleaner(builtin_knowledge(), nullptr);
    const CleanedBody result = cleaner.clean("Text.\n\n" + line, "Headline", "Blog");
    CHECK(result.text == "Text.");
    CHECK(result.original_source.value_or("") == source);
    CHECK(result.original_url.value_or("") == url);
}

TEST_CASE("the built-in rules keep article sentences that resemble boilerplate", "[boilerplate]") {
    const std::string line = GENERATE(
        std::string("Readers were asked to share the post office's concerns with the council."),
        std::string("Picture this: a town without a ferry."),
        std::string("The source said the CC 2.0 licence was not the issue, and the council agreed "
                    "to look again at the photographs it had published last year."),
        std::string("Subscribe to the idea that the harbour can pay for itself, and you will find "
                    "that the numbers tell a different story about the ferry, the council and the "
                    "people who depend on both of them every single day of the year."));
    CAPTURE(line);
    BoilerplateCleaner cleaner(builtin_knowledge(), nullptr);
    CHECK(cleaner.clean("Text.\n\n" + line, "Headline", "Blog").text == "Text.\n\n" + line);
}

TEST_CASE("apply rewrites an HTML body as text and adds the originals", "[boilerplate]") {
    BoilerplateCleaner cleaner(builtin_knowledge(), nullptr);
    SourceRecord record = record_with(
        {{"id", "a"},
         {"title", "<b>Ferry</b> crews walk out"},
         {"body",
          "<h2>Ferry crews walk out</h2><p>Crews stopped &amp; left.</p><p>x &lt;p&gt; y</p>"
          "<p>The post Ferry crews walk out appeared first on Harbour Gazette.</p>"},
         {"date", "2024-03-12"},
         {"source", "Blog"}});
    cleaner.apply(record);
    const auto parsed = article_from_json(*record.fields);
    REQUIRE(parsed);
    CHECK(parsed->article.body == "Crews stopped & left.\n\nx <p> y");
    CHECK(parsed->article.original_source == "Harbour Gazette");
    CHECK(parsed->unknown_fields.empty());
}

TEST_CASE("apply leaves the record's own original_source", "[boilerplate]") {
    BoilerplateCleaner cleaner(builtin_knowledge(), nullptr);
    SourceRecord record = record_with({{"title", "T"},
                                       {"body", "Text.\n\nThe post T appeared first on Footer."},
                                       {"source", "Blog"},
                                       {"original_source", "Stated"}});
    cleaner.apply(record);
    CHECK((*record.fields)["original_source"] == "Stated");
    CHECK((*record.fields)["body"] == "Text.");
}

TEST_CASE("apply passes over records without a string body", "[boilerplate]") {
    BoilerplateCleaner cleaner(builtin_knowledge(), nullptr);
    SourceRecord record = record_with({{"title", "T"}, {"body", 5}});
    cleaner.apply(record);
    CHECK((*record.fields)["body"] == 5);
}

TEST_CASE("the report counts rule hits, learnt lines and titles", "[boilerplate]") {
    LearntLines learnt;
    learnt.add(line_fingerprint("Gazette", "follow us"));
    auto report = std::make_shared<BoilerplateReport>();
    auto knowledge = knowledge_with("drop advertisement", learnt);
    BoilerplateCleaner cleaner(knowledge, report);
    for (int i = 0; i < 2; ++i) {
        SourceRecord record =
            record_with({{"title", "Headline"},
                         {"body", "Headline\n\nAdvertisement\n\nText.\n\nFollow us!"},
                         {"source", "Gazette"}});
        cleaner.apply(record);
    }
    report->set_learning(1, 1, 2, 0.5);
    char buffer[4096] = {};
    std::FILE* out = fmemopen(buffer, sizeof buffer - 1, "w");
    report->print(knowledge->rules, out);
    std::fclose(out);
    CHECK(std::string(buffer) ==
          "boilerplate: learnt 1 repeated line of 1 source from 2 articles in 0.50 s\n"
          "boilerplate: removed 1 learnt line:\n"
          "  Gazette: \"Follow us!\" (2 articles)\n"
          "boilerplate: removed 2 lines by rules: test.rules:1 ×2\n"
          "boilerplate: removed 2 lines repeating the title; original source or URL found in 0 "
          "articles\n");
}
