// Relative links against a base URL (RFC 3986 section 5.4's examples, and feed cases).
#include <catch2/catch.hpp>

#include "url_resolver.hpp"

using dateline::indexer::resolve_url;

TEST_CASE("references resolve as RFC 3986 5.4 says", "[url]") {
    const std::string base = "http://a/b/c/d;p?q";
    const auto [reference, target] = GENERATE(table<const char*, const char*>({
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {"./g/.", "http://a/b/c/g/"},
        {"g/../h", "http://a/b/c/h"},
    }));
    CAPTURE(reference);
    CHECK(resolve_url(base, reference) == target);
}

TEST_CASE("without an absolute base, references stay as given", "[url]") {
    CHECK(resolve_url("", "posts/a.html") == "posts/a.html");
    CHECK(resolve_url("blog/", "/posts/a.html") == "/posts/a.html");
    CHECK(resolve_url("https://x.example", "a.html") == "https://x.example/a.html");
}
