// Learning chrome from the corpus: lines repeated across many articles of one source.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "boilerplate_lines.hpp"
#include "input_files.hpp"
#include "repeated_line_survey.hpp"
#include "repeated_lines.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

constexpr const char* kFooter = "© 2024 Harbour Gazette. All rights reserved.";
constexpr const char* kNav = "Home | News | Sport | Weather";

// Article n of a source: its own text, and the source's chrome when `chrome` says so.
std::string article_body(int n, bool chrome) {
    std::string body = chrome ? std::string(kNav) + "\n\n" : std::string();
    body += "Story " + std::to_string(n) + " begins with its own words.\n\nA second paragraph " +
            std::to_string(n * 7) + ".";
    if (chrome) body += "\n\n" + std::string(kFooter);
    return body;
}

std::uint64_t fingerprint(const std::string& source, const std::string& line) {
    return line_fingerprint(source, normalised_line(line));
}

}  // namespace

TEST_CASE("text from HTML splits into lines, and joins back", "[boilerplate]") {
    auto lines = split_body_lines("  A\r\nB\n\n\n C \n\nD", BodyUnit::kLine);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].text == "A");
    CHECK_FALSE(lines[1].new_paragraph);
    CHECK(lines[2].new_paragraph);
    CHECK(join_body_lines(lines) == "A\nB\n\nC\n\nD");
    lines[2].dropped = true;
    CHECK(join_body_lines(lines) == "A\nB\n\nD");
    lines[0].dropped = lines[1].dropped = true;
    CHECK(join_body_lines(lines) == "D");
}

TEST_CASE("plain text splits into paragraphs, kept as written", "[boilerplate]") {
    auto paragraphs = split_body_lines("  A\r\n    B\n \n\n C \n\nD");
    REQUIRE(paragraphs.size() == 3);
    CHECK(paragraphs[0].text == "A\r\n    B");
    CHECK(flat_text(paragraphs[0].text) == "A B");
    CHECK(paragraphs[1].text == "C");
    CHECK(paragraphs[1].new_paragraph);
    paragraphs[1].dropped = true;
    CHECK(join_body_lines(paragraphs) == "  A\r\n    B\n\nD");  // as written
}

TEST_CASE("normalised lines ignore case, punctuation and spacing", "[boilerplate]") {
    CHECK(normalised_line("  Share the POST!! ") == "share the post");
    CHECK(normalised_line("Washington’s “talks”") == normalised_line("WASHINGTON'S \"TALKS\""));
    CHECK(normalised_line("STRASSE") == "strasse");
    CHECK(normalised_line("Straße") == "strasse");  // full case folding
    CHECK(normalised_line("— × —") == "");
}

TEST_CASE("a footer shared by a source's articles is learnt; article text is not",
          "[boilerplate]") {
    RepeatedLineCounter counter;
    for (int n = 0; n < 20; ++n)
        counter.add_article("Harbour Gazette",
                            chrome_candidates("Harbour Gazette", article_body(n, true)));
    for (int n = 0; n < 20; ++n)
        counter.add_article("Ledger", chrome_candidates("Ledger", article_body(n, n < 2)));
    const LearntLines learnt = counter.learnt();
    CHECK(learnt.size() == 2);
    CHECK(learnt.contains(fingerprint("Harbour Gazette", kFooter)));
    CHECK(learnt.contains(fingerprint("Harbour Gazette", kNav)));
    CHECK_FALSE(learnt.contains(fingerprint("Ledger", kFooter)));  // in 2 of its articles only
    CHECK_FALSE(
        learnt.contains(fingerprint("Harbour Gazette", "Story 3 begins with its own words.")));
    CHECK(learnt.articles_surveyed == 40);
    CHECK(learnt.sources_with_chrome == 1);
    CHECK(counter.articles_of("Ledger") == 20);
}

TEST_CASE("a line must be in max(3, 5%) of its source's articles", "[boilerplate]") {
    const auto [articles, with_line, learnt] = GENERATE(table<int, int, bool>({
        {3, 3, true},
        {10, 2, false},
        {10, 3, true},
        {100, 4, false},
        {100, 5, true},
        {1000, 49, false},
        {1000, 50, true},
    }));
    CAPTURE(articles, with_line);
    RepeatedLineCounter counter;
    for (int n = 0; n < articles; ++n)
        counter.add_article("S", chrome_candidates("S", article_body(n, n < with_line)));
    CHECK(counter.learnt().contains(fingerprint("S", kFooter)) == learnt);
}

TEST_CASE("a line repeated within one article counts once", "[boilerplate]") {
    RepeatedLineCounter counter;
    const std::string body = std::string(kFooter) + "\n" + kFooter + "\n" + kFooter;
    counter.add_article("S", chrome_candidates("S", body));
    counter.add_article("S", chrome_candidates("S", "Other text."));
    CHECK_FALSE(counter.learnt().contains(fingerprint("S", kFooter)));
}

TEST_CASE("long lines are never chrome", "[boilerplate]") {
    const std::string long_line(kMaxChromeLineBytes + 1, 'x');
    CHECK(chrome_candidates("S", long_line).empty());
    CHECK(chrome_candidates("S", std::string(kMaxChromeLineBytes, 'x')).size() == 1);
}

TEST_CASE("memory stays bounded: rare lines are forgotten, chrome is still learnt",
          "[boilerplate]") {
    LearningThresholds thresholds;
    thresholds.max_entries = 100;
    RepeatedLineCounter counter(thresholds);
    for (int n = 0; n < 500; ++n)
        counter.add_article("S", chrome_candidates("S", article_body(n, true)));
    CHECK(counter.forgotten_below() >= 1);
    const LearntLines learnt = counter.learnt();
    CHECK(learnt.contains(fingerprint("S", kFooter)));
    CHECK(learnt.contains(fingerprint("S", kNav)));
    CHECK(learnt.size() == 2);
}

TEST_CASE("the survey learns from files of every format, per source", "[boilerplate]") {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("dateline-survey-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder / "pages");
    {
        std::ofstream jsonl(folder / "a.jsonl");
        for (int n = 0; n < 4; ++n)
            jsonl << R"({"id":"j)" << n << R"(","title":"T","date":"2024-01-01","source":"Ledger",)"
                  << R"("body":"Own words )" << n << R"(.\n\nLedger footer line"})"
                  << "\n";
    }
    for (int n = 0; n < 3; ++n)
        std::ofstream(folder / "pages" / ("p" + std::to_string(n) + ".html"))
            << "<html><head><title>T</title></head><body><article><p>Own page words " << n
            << ".</p><p>Page footer line</p></article></body></html>";
    SurveyOptions options;
    options.inputs = list_inputs({folder.string()}).value();
    options.defaults.source = "Pages";
    options.defaults.date = "2024-01-01T00:00:00Z";
    options.threads = 2;
    const LearntLines learnt = survey_repeated_lines(options);
    CHECK(learnt.articles_surveyed == 7);
    CHECK(learnt.contains(fingerprint("Ledger", "Ledger footer line")));
    CHECK(learnt.contains(fingerprint("Pages", "Page footer line")));
    CHECK(learnt.size() == 2);
    std::filesystem::remove_all(folder);
}

TEST_CASE("standard input cannot be surveyed", "[boilerplate]") {
    CHECK(inputs_can_be_reread({"a.jsonl", "dir"}));
    CHECK_FALSE(inputs_can_be_reread({"a.jsonl", "-"}));
}
