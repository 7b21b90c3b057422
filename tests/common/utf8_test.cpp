// UTF-8 validation, counting and truncation.
#include <catch2/catch.hpp>

#include "dateline/utf8.hpp"

using namespace dateline;

TEST_CASE("ill-formed UTF-8 is found at the right byte", "[utf8]") {
    const auto [input, offset] = GENERATE(table<std::string, std::size_t>({
        {"abc\xff", 3},
        {"\xc3", 0},              // truncated sequence
        {"ok \xc0\xaf", 3},       // overlong '/'
        {"\xed\xa0\x80", 0},      // UTF-16 surrogate
        {"\xf4\x90\x80\x80", 0},  // past U+10FFFF
        {"caf\xc3\xa9 \x80", 6},  // stray continuation byte
    }));
    CAPTURE(input);
    CHECK(find_invalid_utf8(input) == offset);
}

TEST_CASE("well-formed UTF-8 passes", "[utf8]") {
    CHECK_FALSE(find_invalid_utf8("plain ascii"));
    CHECK_FALSE(find_invalid_utf8("café – 東京 – 🎉"));
}

TEST_CASE("lengths count code points, as JSON Schema does", "[utf8]") {
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("é東🎉") == 3);
}

TEST_CASE("truncation never splits a code point", "[utf8]") {
    CHECK(truncate_utf8("abcdef", 3) == "abc");
    CHECK(truncate_utf8("aé", 2) == "a");
    CHECK(truncate_utf8("東京", 5) == "東");
}

TEST_CASE("blank means only ECMA-262 white space", "[utf8]") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\r\n"));
    CHECK(is_blank("\xc2\xa0\xe3\x80\x80"));  // no-break space, ideographic space
    CHECK_FALSE(is_blank(" x "));
    CHECK_FALSE(is_blank("東"));
}

TEST_CASE("replace_invalid_utf8: each stray byte becomes U+FFFD, good text is kept", "[utf8]") {
    const auto [text, repaired] = GENERATE(table<std::string, std::string>({
        {"plain", "plain"},
        {"caf\xC3\xA9", "caf\xC3\xA9"},
        {"a\xFF"
         "b",
         "a\xEF\xBF\xBD"
         "b"},
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate: 3 bad bytes
        {"end\xC3", "end\xEF\xBF\xBD"},
    }));
    CHECK(dateline::replace_invalid_utf8(text) == repaired);
    CHECK_FALSE(dateline::find_invalid_utf8(dateline::replace_invalid_utf8(text)));
}

TEST_CASE("trim_ascii_spaces: ASCII white space goes from both ends, the rest stays", "[utf8]") {
    const auto [text, trimmed] = GENERATE(table<std::string, std::string>({
        {"", ""},
        {" \t\r\n\v\f", ""},
        {"  two words \r", "two words"},
        {"\xc2\xa0kept\xc2\xa0", "\xc2\xa0kept\xc2\xa0"},  // no-break spaces are not ASCII
    }));
    CHECK(dateline::trim_ascii_spaces(text) == trimmed);
}
