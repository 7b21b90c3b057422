// Markup stripping: real HTML becomes text; wire-copy angle brackets stay.
#include <catch2/catch.hpp>

#include "dateline/html_text.hpp"

using namespace dateline;

TEST_CASE("HTML is detected only when it is really there", "[html]") {
    const auto [text, is_html] = GENERATE(table<const char*, bool>({
        {"plain text", false},
        {"Interstate Bancorp <I> takeover bid", false},
        {"DU PONT <DD> WINS SUIT AGAINST PHILLIPS <P>", false},
        {"Entertainment Marketing Inc <em> for Crazy Eddie", false},
        {"AT&T shares & bonds", false},
        {"<p>para", true},
        {"a<br>b", true},
        {"a <b>bold</b>", true},
        {"<!-- comment -->text", true},
        {"Smith &amp; Sons", true},
        {"caf&#233;", true},
        {"caf&#xE9;", true},
    }));
    CAPTURE(text);
    CHECK(looks_like_html(text) == is_html);
}

TEST_CASE("markup becomes readable text", "[html]") {
    const auto [html, text] = GENERATE(table<const char*, const char*>({
        {"<p>One</p><p>Two</p>", "One\n\nTwo"},
        {"a<br>b", "a\nb"},
        {"<p>Smith &amp; Sons &mdash; est. 1875</p>", "Smith & Sons — est. 1875"},
        {"<script>alert(1)</script><p>safe</p><style>p{}</style>", "safe"},
        {"<p>  lots   of\n  space </p>", "lots of space"},
        {"<ul><li>one</li><li>two</li></ul>", "one\ntwo"},
        {"R&amp;D rose <BP> said", "R&D rose <BP> said"},
        {"<p>unclosed <b>bold", "unclosed bold"},
        {"no markup at all", "no markup at all"},
    }));
    CAPTURE(html);
    CHECK(html_to_text(html) == text);
}
