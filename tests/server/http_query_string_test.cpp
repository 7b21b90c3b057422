// Request-target decoding: the path/query split, percent-decoding, and every malformed input
// being a 400-class ApiError (kInvalidParameter) rather than an exception.
#include <catch2/catch.hpp>

#include "http/query_string.hpp"

using namespace dateline::server;

TEST_CASE("a target splits into path and query", "[query_string]") {
    const auto [target, path, query] = GENERATE(table<const char*, const char*, const char*>({
        {"/v1/search?q=a", "/v1/search", "q=a"},
        {"/v1/search", "/v1/search", ""},
        {"/v1/search?", "/v1/search", ""},
        {"/v1/search?q=a?b", "/v1/search", "q=a?b"},
        {"/v1/search?q=a#frag", "/v1/search", "q=a"},
        {"/healthz#x?y", "/healthz", ""},
        {"", "", ""},
    }));
    CAPTURE(target);
    const SplitTarget split = split_target(target);
    CHECK(split.path == path);
    CHECK(split.query == query);
}

TEST_CASE("well-formed queries decode", "[query_string]") {
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    const auto [query, expected] = GENERATE(table<std::string, Pairs>({
        {"", {}},
        {"q=climate", {{"q", "climate"}}},
        {"q=climate+change", {{"q", "climate change"}}},
        {"q=a%2Bb", {{"q", "a+b"}}},
        {"q=%22exact+phrase%22", {{"q", "\"exact phrase\""}}},
        {"q=caf%C3%A9", {{"q", "caf\xC3\xA9"}}},
        {"q=caf%c3%a9", {{"q", "caf\xC3\xA9"}}},
        {"q=%E6%97%A5%E6%9C%AC", {{"q", "\xE6\x97\xA5\xE6\x9C\xAC"}}},
        {"tag=a&tag=b", {{"tag", "a"}, {"tag", "b"}}},
        {"a=1&&b=2&", {{"a", "1"}, {"b", "2"}}},
        {"flag", {{"flag", ""}}},
        {"q=", {{"q", ""}}},
        {"q=a=b", {{"q", "a=b"}}},
        {"per%5Fpage=5", {{"per_page", "5"}}},
        {"q=100%25", {{"q", "100%"}}},
        {"q=a;b", {{"q", "a;b"}}},
    }));
    CAPTURE(query);
    const auto params = parse_query(query);
    REQUIRE(params);
    CHECK(Pairs(params->begin(), params->end()) == expected);
}

TEST_CASE("repeated parameters keep their order", "[query_string]") {
    const auto params = parse_query("source=z&source=a&source=m");
    REQUIRE(params);
    const auto [first, last] = params->equal_range("source");
    std::vector<std::string> values;
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    CHECK(values == std::vector<std::string>{"z", "a", "m"});
}

TEST_CASE("malformed queries are invalid_parameter errors", "[query_string]") {
    const auto [query, parameter, message] = GENERATE(table<std::string, std::string, std::string>({
        {"q=%", "q",
         "the value of 'q' has a malformed percent-escape at offset 0 (expected '%' "
         "and two hex digits)"},
        {"q=%2", "q",
         "the value of 'q' has a malformed percent-escape at offset 0 (expected '%' "
         "and two hex digits)"},
        {"q=ab%zz", "q",
         "the value of 'q' has a malformed percent-escape at offset 2 (expected "
         "'%' and two hex digits)"},
        {"q=%G1", "q",
         "the value of 'q' has a malformed percent-escape at offset 0 (expected "
         "'%' and two hex digits)"},
        {"q=%C3%28", "q", "the value of 'q' is not valid UTF-8 after percent-decoding (byte 0)"},
        {"q=ok%FF", "q", "the value of 'q' is not valid UTF-8 after percent-decoding (byte 2)"},
        {"q=%C0%AF", "q", "the value of 'q' is not valid UTF-8 after percent-decoding (byte 0)"},
        {"q=%ED%A0%80", "q", "the value of 'q' is not valid UTF-8 after percent-decoding (byte 0)"},
        {"q=a%00b", "q", "the value of 'q' contains a NUL"},
        {"tag=ok&tag=%E2%82", "tag",
         "the value of 'tag' is not valid UTF-8 after percent-decoding (byte 0)"},
        {"q=\xFF", "q", "the value of 'q' is not valid UTF-8 after percent-decoding (byte 0)"},
    }));
    CAPTURE(query);
    const auto params = parse_query(query);
    REQUIRE_FALSE(params);
    CHECK(params.error().code == ErrorCode::kInvalidParameter);
    CHECK(params.error().parameter == parameter);
    CHECK(params.error().message == message);
}

TEST_CASE("a malformed parameter name has no parameter to blame", "[query_string]") {
    const auto params = parse_query("ok=1&%zz=2");
    REQUIRE_FALSE(params);
    CHECK(params.error().code == ErrorCode::kInvalidParameter);
    CHECK_FALSE(params.error().parameter);
    CHECK(params.error().message ==
          "a parameter name has a malformed percent-escape at offset 0 (expected '%' and two hex "
          "digits)");
}

TEST_CASE("path components decode without turning '+' into a space", "[query_string]") {
    const auto decoded = percent_decode("a+b%2Fc%20d", false);
    REQUIRE(decoded);
    CHECK(*decoded == "a+b/c d");
    CHECK(*percent_decode("a+b", true) == "a b");
}
