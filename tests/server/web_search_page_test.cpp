// The HTML search page: stored fields escaped (a hostile title, quotes in URLs), only http(s)
// URLs linked, the form echoing the request, lenient parameters, pagination links keeping every
// parameter, did-you-mean, human dates and messages for requests that cannot be run.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "search/html_escape.hpp"
#include "web/display_format.hpp"
#include "web/pagination.hpp"
#include "web/result_list.hpp"
#include "web/search_page.hpp"
#include "web/search_page_query.hpp"
#include "web/url_encoding.hpp"

using namespace dateline;
using namespace dateline::server;

namespace {

Hit hit(nlohmann::json article) {
    Hit out;
    // As the search layer makes it: the escaped title, with <mark> only around matches.
    out.title_highlighted = html_escaped(article.value("title", ""));
    out.snippet = "a <mark>zebrafish</mark> &amp; more";
    out.article = std::move(article);
    return out;
}

SearchResult result_of(std::vector<Hit> hits, std::uint64_t total) {
    SearchResult result;
    result.total = total;
    result.hits = std::move(hits);
    return result;
}

std::string render(const QueryParams& params, const SearchResult& result, std::size_t page = 1,
                   std::size_t per_page = 10) {
    return render_search_page({params, page, per_page, &result, nullptr});
}

bool contains(const std::string& html, const std::string& part) {
    return html.find(part) != std::string::npos;
}

// Every tag name in the document, so a test can say which elements may not exist.
std::vector<std::string> tag_names(const std::string& html) {
    static const std::regex kTag("<([a-zA-Z][a-zA-Z0-9-]*)");
    std::vector<std::string> names;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kTag);
         it != std::sregex_iterator(); ++it)
        names.push_back((*it)[1]);
    return names;
}

}  // namespace

TEST_CASE("hostile stored fields come out inert", "[search_page]") {
    const SearchResult result =
        result_of({hit({{"title", "<img src=x onerror=alert(1)>"},
                        {"url", "https://x.example/a\"onmouseover=\"alert(2)"},
                        {"source", "<script>alert(3)</script>"},
                        {"author", "O'Brien & <b>Co</b>"},
                        {"tags", {"<svg onload=alert(4)>"}},
                        {"lang", "en\"><script>"},
                        {"date", "2025-11-04T08:00:00Z"}})},
                  1);
    const std::string html = render({{"q", "<script>alert(5)</script>"}}, result);
    for (const std::string& name : tag_names(html)) {
        CAPTURE(name);
        CHECK(name != "img");
        CHECK(name != "script");
        CHECK(name != "svg");
        CHECK(name != "b");
    }
    CHECK(contains(html, "&lt;img src=x onerror=alert(1)&gt;"));
    CHECK(contains(html, "href=\"https://x.example/a&quot;onmouseover=&quot;alert(2)\""));
    CHECK(contains(html, "&lt;script&gt;alert(3)&lt;/script&gt;"));
    CHECK(contains(html, "O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;"));
    CHECK(contains(html, "value=\"&lt;script&gt;alert(5)&lt;/script&gt;\""));
    CHECK(contains(html, "<title>\u201C&lt;script&gt;alert(5)&lt;/script&gt;\u201D \u2014 Search"));
    CHECK_FALSE(contains(html, " lang=\"en&quot;"));  // not a language tag: left out
    CHECK(contains(html, "<mark>zebrafish</mark>"));  // highlights are kept
}

TEST_CASE("only http and https URLs become links", "[search_page]") {
    const auto [url, linked] = GENERATE(table<std::string, bool>({
        {"https://news.example/a", true},
        {"HTTP://NEWS.EXAMPLE/A", true},
        {"javascript:alert(1)", false},
        {"JavaScript:alert(1)", false},
        {" javascript:alert(1)", false},
        {"data:text/html,<script>alert(1)</script>", false},
        {"//evil.example/", false},
        {"", false},
    }));
    CAPTURE(url);
    CHECK(is_web_url(url) == linked);
    std::string html;
    append_result_list(html, {hit({{"title", "Harbour news"}, {"url", url}})}, 1);
    CHECK(contains(html, "<a href=") == linked);
    CHECK(contains(html, "Harbour news"));
}

TEST_CASE("a hit shows its date, source, tags and snippet", "[search_page]") {
    std::string html;
    append_result_list(html,
                       {hit({{"title", "Wind farm deal"},
                             {"url", "https://ledger.example/wind"},
                             {"date", "2025-11-04T08:00:00Z"},
                             {"source", "The Valley Ledger"},
                             {"tags", {"energy", "business"}},
                             {"lang", "fr"}})},
                       21);
    CHECK(contains(html, "<ol class=\"results\" id=\"results\" start=\"21\">"));
    CHECK(contains(html, "<li class=\"result\" lang=\"fr\">"));
    CHECK(contains(html, "<time datetime=\"2025-11-04T08:00:00Z\">4 Nov 2025</time>"));
    CHECK(contains(html, "The Valley Ledger"));
    CHECK(contains(html, "<li>energy</li><li>business</li>"));
    CHECK(contains(html, "<p class=\"result-snippet\">a <mark>zebrafish</mark> &amp; more</p>"));
}

TEST_CASE("a hit says how many other sources ran its story", "[search_page][story]") {
    const auto story_hit = [](std::string source, std::vector<std::string> story_sources) {
        Hit out = hit({{"title", "Ferry deal"}, {"source", std::move(source)}});
        out.story = StorySummary{"s", story_sources.size(), std::move(story_sources), {}, "s", {}};
        return out;
    };
    std::string html;
    append_result_list(html, {story_hit("Wire", {"Gazette", "Wire", "Tom & Jerry's"})}, 1);
    CHECK(contains(html,
                   "<span class=\"result-story\" title=\"Also in Gazette, Tom &amp; "
                   "Jerry&#39;s\">also in 2 sources</span>"));
    html.clear();
    append_result_list(html, {story_hit(" WIRE ", {"Wire", "Gazette"})}, 1);  // one other
    CHECK(contains(html, "title=\"Also in Gazette\">also in 1 source</span>"));
    html.clear();
    append_result_list(html, {story_hit("Wire", {"WIRE"}), hit({{"title", "No story"}})}, 1);
    CHECK_FALSE(contains(html, "result-story"));
}

TEST_CASE("dates and counts are written for people, without a locale", "[display_format]") {
    CHECK(human_date(*parse_date("2025-11-04T08:00:00Z")) == "4 Nov 2025");
    CHECK(human_date(*parse_date("1969-07-20T20:17:40Z")) == "20 Jul 1969");
    CHECK(human_date(*parse_date("2024-02-29T23:59:59-01:00")) == "1 Mar 2024");  // UTC day
    CHECK(with_thousands(0) == "0");
    CHECK(with_thousands(999) == "999");
    CHECK(with_thousands(1000) == "1,000");
    CHECK(with_thousands(1234567) == "1,234,567");
}

TEST_CASE("the page keeps only its own parameters, and no empty ones", "[search_page_query]") {
    const QueryParams given = {{"q", "oil"},        {"from", ""},          {"source", ""},
                               {"utm_source", "x"}, {"facets", "tag"},     {"tag", "energy"},
                               {"tag", "ports"},    {"sort", "newest"},    {"sort", "oldest"},
                               {"page", "2"},       {"snippet_words", "5"}};
    const QueryParams expected = {
        {"page", "2"}, {"q", "oil"}, {"sort", "newest"}, {"tag", "energy"}, {"tag", "ports"}};
    CHECK(search_page_params(given) == expected);
    CHECK(param_value(expected, "q") == "oil");
    CHECK(param_value(expected, "from").empty());
}

TEST_CASE("links are percent-encoded", "[url_encoding]") {
    CHECK(percent_encoded("a b&c=d+e#f/\u00E9~-._") == "a%20b%26c%3Dd%2Be%23f%2F%C3%A9~-._");
    CHECK(query_string({}) == "");
    CHECK(search_page_link({}) == "/search");
    CHECK(search_page_link({{"q", "\"oil\" & gas"}, {"source", "A/B"}}) ==
          "/search?q=%22oil%22%20%26%20gas&source=A%2FB");
}

TEST_CASE("pagination keeps every parameter and stops at the deep limit", "[pagination]") {
    const QueryParams params = {{"q", "oil & gas"}, {"source", "Reuters"}, {"page", "2"}};
    std::string html;
    append_pagination(html, params, paginate(45, 2, 10));
    CHECK(contains(html, "<a rel=\"prev\" href=\"/search?q=oil%20%26%20gas&amp;source=Reuters\">"));
    CHECK(contains(
        html, "<a rel=\"next\" href=\"/search?page=3&amp;q=oil%20%26%20gas&amp;source=Reuters\">"));
    CHECK(contains(html, "Page 2 of 5"));

    CHECK(paginate(45, 1, 10).last_page == 5);
    CHECK(paginate(40, 1, 10).last_page == 4);
    CHECK(paginate(0, 1, 10).last_page == 0);
    CHECK(paginate(1'000'000, 1, 100).last_page == 100);  // 10,000 results deep at most
    CHECK(paginate(1'000'000, 1, 30).last_page == 334);

    std::string last;
    append_pagination(last, params, paginate(1'000'000, 100, 100));
    CHECK_FALSE(contains(last, "rel=\"next\""));
    CHECK(contains(last, "Page 100 of 100"));

    std::string single;
    append_pagination(single, params, paginate(7, 1, 10));
    CHECK(single.empty());

    std::string past;
    append_pagination(past, params, paginate(45, 9, 10));
    CHECK(contains(past, "page=5"));  // Previous goes to the last page that exists
    CHECK(contains(past, "Past the last page"));
}

TEST_CASE("the form shows the request's values", "[search_form]") {
    SearchResult result = result_of({}, 0);
    result.facets["source"] = {{"Reuters", 3}, {"Le Monde", 1}};
    const std::string html = render({{"q", "oil"},
                                     {"from", "now-7d"},
                                     {"source", "Le Monde"},
                                     {"sort", "newest"},
                                     {"tag", "energy"},
                                     {"per_page", "20"}},
                                    result);
    CHECK(contains(html,
                   "<form class=\"search-form\" role=\"search\" action=\"/search\" "
                   "method=\"get\">"));
    CHECK(contains(html, "<label class=\"search-label\" for=\"q\">"));
    CHECK(contains(html, "<input type=\"search\" id=\"q\" name=\"q\" value=\"oil\""));
    CHECK(contains(html, "<option value=\"now-7d\" selected>Past week</option>"));
    CHECK(contains(html, "<option value=\"Le Monde\" selected>Le Monde</option>"));
    CHECK(contains(html, "<option value=\"Reuters\">Reuters</option>"));
    CHECK(contains(html, "<option value=\"newest\" selected>Newest first</option>"));
    CHECK(contains(html, "<input type=\"hidden\" name=\"tag\" value=\"energy\">"));
    CHECK(contains(html, "<input type=\"hidden\" name=\"per_page\" value=\"20\">"));
    CHECK_FALSE(contains(html, "name=\"page\""));  // a new search starts at page 1
    CHECK(contains(html, "<h1 class=\"status\">No articles match \u201Coil\u201D</h1>"));
}

TEST_CASE("a custom date range is shown as date fields", "[search_form]") {
    const SearchResult result = result_of({}, 0);
    const std::string html = render({{"q", "oil"}, {"from", "2024-01-01"}, {"to", "now"}}, result);
    CHECK(contains(html, "<input id=\"from\" name=\"from\" type=\"date\" value=\"2024-01-01\">"));
    CHECK(contains(html, "<input id=\"to\" name=\"to\" type=\"text\" value=\"now\">"));
    CHECK(contains(html, "<a href=\"/search?q=oil\">Any time</a>"));
    CHECK_FALSE(contains(html, "<select id=\"from\""));
}

TEST_CASE("the heading says what was found", "[search_page]") {
    SearchResult result = result_of({hit({{"title", "t"}})}, 23);
    CHECK(contains(render({{"q", "oil"}}, result), ">23 results for \u201Coil\u201D</h1>"));
    result.total = 1;
    CHECK(contains(render({{"q", "oil"}}, result), ">1 result for \u201Coil\u201D</h1>"));
    result.total = 10000;
    result.total_is_exact = false;
    CHECK(contains(render({{"q", "oil"}}, result), ">More than 10,000 results for"));
    result.total_is_exact = true;
    result.total = 5;
    CHECK(contains(render({{"tag", "energy"}}, result), ">5 articles</h1>"));
    CHECK(contains(render({}, result), ">Latest articles</h1>"));
    CHECK(contains(render({}, result), "<title>Search \u2014 Dateline</title>"));
}

TEST_CASE("did-you-mean links keep the filters; relaxed matching is said", "[search_page]") {
    SearchResult result = result_of({hit({{"title", "t"}})}, 3);
    result.suggestion = "ferry";
    result.relaxed = true;
    const std::string html = render({{"q", "fery"}, {"source", "A&B"}, {"page", "2"}}, result, 2);
    CHECK(contains(html, "Did you mean <a href=\"/search?q=ferry&amp;source=A%26B\">ferry</a>?"));
    CHECK(contains(html, "No article has all of your words"));
}

TEST_CASE("a request that cannot be run shows the form and a message", "[search_page]") {
    const QueryParams params = {{"q", "oil"}, {"from", "yesterday"}};
    const ApiError problem{ErrorCode::kInvalidParameter, "from: not a date: \"yesterday\"", "from"};
    const std::string html = render_search_page({params, 1, 10, nullptr, &problem});
    CHECK(contains(html, "value=\"oil\""));
    CHECK(contains(html,
                   "<p class=\"problem\" role=\"alert\">Please check the start date: not a "
                   "date: &quot;yesterday&quot;</p>"));
    CHECK(contains(html, "type=\"text\" value=\"yesterday\""));  // kept for correcting
    CHECK_FALSE(contains(html, "<ol"));

    CHECK(problem_message({ErrorCode::kOverloaded, "queue full", {}})
              .starts_with("The search service is busy"));
    CHECK(problem_message({ErrorCode::kInternal, "internal error", {}})
              .starts_with("Something went wrong"));
}

TEST_CASE("the page is a complete, accessible document", "[search_page]") {
    const std::string html = render({{"q", "oil"}}, result_of({hit({{"title", "t"}})}, 1));
    CHECK(html.starts_with("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"));
    CHECK(
        contains(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    CHECK(contains(html, "<link rel=\"stylesheet\" href=\"/search-page.css\">"));
    CHECK(contains(html, "<header class=\"masthead\">"));
    CHECK(contains(html, "<main id=\"main\""));
    CHECK(html.ends_with("</html>"));
    const auto names = tag_names(html);
    CHECK(std::count(names.begin(), names.end(), "h1") == 1);
    CHECK(std::count(names.begin(), names.end(), "style") == 0);
    CHECK(std::count(names.begin(), names.end(), "script") == 0);
    CHECK_FALSE(contains(html, " style="));
}
