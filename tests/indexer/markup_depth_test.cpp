// The nesting bound that keeps gumbo's quadratic tree building away from hostile pages.
#include <catch2/catch.hpp>

#include <string>

#include "dateline/article_json.hpp"
#include "html_page_reader.hpp"
#include "markup_depth.hpp"

using namespace dateline::indexer;

namespace {
std::string nested(const char* open, const char* close, std::size_t depth) {
    std::string html;
    for (std::size_t i = 0; i < depth; ++i) html += open;
    html += "x";
    for (std::size_t i = 0; i < depth; ++i) html += close;
    return html;
}
}  // namespace

TEST_CASE("nesting depth counts elements that really nest", "[markup_depth]") {
    CHECK_FALSE(markup_nests_deeper_than(nested("<div>", "</div>", 10), 10));
    CHECK(markup_nests_deeper_than(nested("<div>", "</div>", 11), 10));
    CHECK(markup_nests_deeper_than(nested("<DIV class='a'>", "", 11), 10));  // never closed
    // Siblings, void elements, self-closing tags and optional end tags do not add up.
    std::string flat;
    for (int i = 0; i < 50; ++i) flat += "<div>a</div><br><img src=x><p>para<li>item<span/>";
    CHECK_FALSE(markup_nests_deeper_than(flat, 10));
    CHECK_FALSE(markup_nests_deeper_than("a < b and c <= d <!-- <div><div><div> -->", 1));
}

TEST_CASE("a page nested past the bound is rejected at once, not parsed", "[markup_depth]") {
    const std::string page = "<html><head><title>Deep</title></head><body>" +
                             nested("<div>", "</div>", kMaxMarkupDepth + 1) + "</body></html>";
    const SourceRecord record = read_html_page(page, {"deep.html", "deep.html", {}});
    REQUIRE_FALSE(record.fields);
    CHECK(record.fields.error().field == "file");
    CHECK(record.fields.error().reason ==
          "HTML nested deeper than 5000 elements; not an article page");
    // Just inside the bound, the page is read.
    const std::string deep_ok = "<html><head><title>Deep</title></head><body>" +
                                nested("<div>", "</div>", 1000) + "</body></html>";
    const SourceRecord read = read_html_page(deep_ok, {"ok.html", "ok.html", {"S", "2024-01-01"}});
    REQUIRE(read.fields);
    CHECK((*read.fields)["title"] == "<p>Deep</p>");
}
