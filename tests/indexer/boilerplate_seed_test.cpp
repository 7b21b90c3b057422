// The seed example from ../shared/corpus/seed: a blog post as an aggregator republished it.
// Cleaned, as the body of a JSON record and as an HTML page, it keeps every paragraph of the
// article and none of the boilerplate around it, and names the original source.
// The text is read at run time (it is not ours to copy into the repository); the tests pass
// with a warning when ../shared is absent. DATELINE_SHARED overrides the compiled-in path.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "article_draft.hpp"
#include "boilerplate_cleaner.hpp"
#include "boilerplate_setup.hpp"
#include "dateline/article_json.hpp"
#include "html_page_reader.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

std::optional<std::string> read_seed() {
    const char* shared = std::getenv("DATELINE_SHARED");
    const std::filesystem::path path =
        std::filesystem::path(shared ? shared : DATELINE_SHARED_DIR) / "corpus" / "seed" /
        "peninsula-report-two-koreas.txt";
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<std::string> paragraphs_of(const std::string& text) {
    std::vector<std::string> paragraphs;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) paragraphs.push_back(line);
    }
    return paragraphs;
}

// The seed's layout: a promotional line, the title, an image credit, the article, then the
// footers from the first "was originally published" line on.
struct Seed {
    std::vector<std::string> paragraphs;
    std::string title;
    std::vector<std::string> article;      // what must be kept, in order
    std::vector<std::string> boilerplate;  // what must go
};

std::optional<Seed> load_seed() {
    const auto text = read_seed();
    if (!text) return std::nullopt;
    Seed seed;
    seed.paragraphs = paragraphs_of(*text);
    REQUIRE(seed.paragraphs.size() > 10);
    seed.title = seed.paragraphs[1];
    std::size_t footer = 3;
    while (footer < seed.paragraphs.size() &&
           seed.paragraphs[footer].find("was originally published") == std::string::npos)
        ++footer;
    REQUIRE(footer < seed.paragraphs.size());
    for (std::size_t i = 0; i < seed.paragraphs.size(); ++i)
        (i >= 3 && i < footer ? seed.article : seed.boilerplate).push_back(seed.paragraphs[i]);
    REQUIRE(seed.article.size() >= 10);
    return seed;
}

std::string escaped(const std::string& text) {
    std::string out;
    for (const char c : text) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : std::string(1, c);
    return out;
}

Article cleaned_article(SourceRecord record) {
    auto knowledge = std::make_shared<BoilerplateKnowledge>();
    auto rules = load_boilerplate_rules({});
    if (!rules) FAIL(rules.error());
    knowledge->rules = *rules;
    BoilerplateCleaner cleaner(knowledge, nullptr);
    REQUIRE(record.fields);
    cleaner.apply(record);
    auto parsed = article_from_json(*record.fields);
    if (!parsed) FAIL(parsed.error().field << ": " << parsed.error().reason);
    return parsed->article;
}

void check_cleaned(const Article& article, const Seed& seed) {
    const std::vector<std::string> kept = paragraphs_of(article.body);
    CHECK(kept == seed.article);
    for (const std::string& line : seed.boilerplate) {
        CAPTURE(line);
        CHECK(article.body.find(line) == std::string::npos);
    }
    CHECK(article.original_source == "The Peninsula Report");
    CHECK_FALSE(article.original_url);
}

}  // namespace

TEST_CASE("the seed as a JSON record's body: the article, no boilerplate", "[boilerplate][seed]") {
    const auto seed = load_seed();
    if (!seed) {
        WARN("../shared/corpus/seed is missing: seed test not run (set DATELINE_SHARED)");
        return;
    }
    SourceRecord record;
    record.fields = nlohmann::json{{"id", "seed"},
                                   {"title", seed->title},
                                   {"body", *read_seed()},
                                   {"date", "2018-03-04"},
                                   {"source", "Blog Aggregator"}};
    check_cleaned(cleaned_article(std::move(record)), *seed);
}

TEST_CASE("the seed as an HTML page: the article, no boilerplate", "[boilerplate][seed]") {
    const auto seed = load_seed();
    if (!seed) {
        WARN("../shared/corpus/seed is missing: seed test not run (set DATELINE_SHARED)");
        return;
    }
    std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                       escaped(seed->title) +
                       "</title><meta property=\"og:site_name\" content=\"Blog Aggregator\">"
                       "<meta property=\"article:published_time\" content=\"2018-03-04T09:00:00Z\">"
                       "</head><body><nav><a href=\"/\">Home</a></nav><main><div class=\"post\">";
    for (const std::string& paragraph : seed->paragraphs) html += escape_html(paragraph);
    html += "</div></main></body></html>";
    const SourceRecord record = read_html_page(html, {"seed.html", "seed.html", {}});
    check_cleaned(cleaned_article(record), *seed);
}
