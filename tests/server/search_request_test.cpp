// Parameter parsing: a table of good inputs with what they mean, and of bad inputs with the
// error code and the parameter each must name.
#include <catch2/catch.hpp>

#include <functional>

#include "search/search_request.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;
using namespace std::chrono_literals;

namespace {

struct Good {
    QueryParams params;
    std::function<bool(const SearchRequest&)> holds;
    const char* what;
};

struct Bad {
    QueryParams params;
    ErrorCode code;
    std::string parameter;
    std::string message_part;  // the message must say this (what is allowed)
};

QueryParams many(const std::string& name, std::size_t count) {
    QueryParams params;
    for (std::size_t i = 0; i < count; ++i) params.emplace(name, "v" + std::to_string(i));
    return params;
}

}  // namespace

TEST_CASE("good parameters parse to what they mean", "[request]") {
    const std::vector<Good> cases = {
        {{},
         [](auto& r) {
             return r.q.empty() && r.page == 1 && r.per_page == 10 && r.snippet_words == 30 &&
                    r.sort == SortOrder::kRelevance && !r.from && !r.to && !r.partial &&
                    r.collapse == Collapse::kStory;
         },
         "defaults"},
        {{{"collapse", "none"}},
         [](auto& r) { return r.collapse == Collapse::kNone; },
         "collapse none"},
        {{{"collapse", "story"}},
         [](auto& r) { return r.collapse == Collapse::kStory; },
         "collapse story"},
        {{{"partial", "true"}}, [](auto& r) { return r.partial; }, "partial true"},
        {{{"partial", "1"}}, [](auto& r) { return r.partial; }, "partial 1"},
        {{{"partial", "false"}}, [](auto& r) { return !r.partial; }, "partial false"},
        {{{"partial", "0"}}, [](auto& r) { return !r.partial; }, "partial 0"},
        {{{"q", "ferry strike"}}, [](auto& r) { return r.q == "ferry strike"; }, "q"},
        {{{"q", ""}, {"page", ""}, {"sort", ""}},
         [](auto& r) { return r.q.empty() && r.page == 1 && r.sort == SortOrder::kRelevance; },
         "empty means absent"},
        {{{"from", "2024-03-01"}},
         [](auto& r) { return r.from == at("2024-03-01T00:00:00Z"); },
         "date-only from"},
        {{{"to", "2024-03-12"}},
         [](auto& r) { return r.to == at("2024-03-12T23:59:59Z"); },
         "date-only to takes the whole day"},
        {{{"to", "2024-03-12T10:00:00Z"}},
         [](auto& r) { return r.to == at("2024-03-12T10:00:00Z"); },
         "date-time to is exact"},
        {{{"from", "2024-03-12T10:00:00+02:00"}},
         [](auto& r) { return r.from == at("2024-03-12T08:00:00Z"); },
         "offset to UTC"},
        {{{"from", "now-7d"}}, [](auto& r) { return r.from == kNow - 7 * 24h; }, "now-7d"},
        {{{"from", "now-12h"}}, [](auto& r) { return r.from == kNow - 12h; }, "now-12h"},
        {{{"from", "now-2w"}, {"to", "now"}},
         [](auto& r) { return r.from == kNow - 14 * 24h && r.to == kNow; },
         "now-2w, now"},
        {{{"source", "Reuters"}, {"source", "The Guardian"}},
         [](auto& r) {
             return r.sources == std::vector<std::string>{"Reuters", "The Guardian"};
         },
         "repeated source"},
        {{{"tag", "a"}, {"author", "Ana Ruiz"}, {"lang", "pt-BR"}},
         [](auto& r) {
             return r.tags.size() == 1 && r.authors.size() == 1 &&
                    r.langs == std::vector<std::string>{"pt-BR"};
         },
         "tag, author, lang"},
        {{{"sort", "newest"}}, [](auto& r) { return r.sort == SortOrder::kNewest; }, "newest"},
        {{{"sort", "oldest"}}, [](auto& r) { return r.sort == SortOrder::kOldest; }, "oldest"},
        {{{"recency", "30d"}},
         [](auto& r) { return r.recency_half_life == std::chrono::seconds(30 * 24h); },
         "recency days"},
        {{{"recency", "12h"}},
         [](auto& r) { return r.recency_half_life == std::chrono::seconds(12h); },
         "recency hours"},
        {{{"page", "3"}, {"per_page", "20"}},
         [](auto& r) { return r.page == 3 && r.per_page == 20; },
         "paging"},
        {{{"page", "100"}, {"per_page", "100"}},
         [](auto& r) { return r.page == 100; },
         "deepest page"},
        {{{"facets", "source,tag,date:month"}},
         [](auto& r) { return r.facet_source && r.facet_tag && r.facet_date == DateFacet::kMonth; },
         "facet list"},
        {{{"facets", "source"}, {"facets", "date:year"}},
         [](auto& r) { return r.facet_source && !r.facet_tag && r.facet_date == DateFacet::kYear; },
         "repeated facets"},
        {{{"facets", "date:day,"}},
         [](auto& r) { return r.facet_date == DateFacet::kDay; },
         "trailing comma"},
        {{{"facets", "lang"}},
         [](auto& r) { return r.facet_lang && !r.facet_source && !r.facet_tag; },
         "language facet"},
        {{{"snippet_words", "5"}},
         [](auto& r) { return r.snippet_words == 5; },
         "shortest snippet"},
        {{{"snippet_words", "100"}},
         [](auto& r) { return r.snippet_words == 100; },
         "longest snippet"},
        {{{"q", std::string(SearchLimits::kMaxQueryBytes, 'a')}},
         [](auto& r) { return r.q.size() == SearchLimits::kMaxQueryBytes; },
         "q at the limit"},
        {many("source", SearchLimits::kMaxFilterValues),
         [](auto& r) { return r.sources.size() == 20; }, "most filter values"},
    };
    for (const Good& c : cases) {
        INFO(c.what);
        auto parsed = parse_search_request(c.params, kNow);
        REQUIRE(parsed);
        CHECK(c.holds(*parsed));
        CHECK(parsed->now == kNow);
    }
}

TEST_CASE("bad parameters are refused with a code, the parameter and what is allowed",
          "[request]") {
    const std::vector<Bad> cases = {
        {{{"foo", "1"}}, ErrorCode::kUnknownParameter, "foo", "search takes q, from"},
        {{{"callback", "x"}, {"q", "a"}},
         ErrorCode::kUnknownParameter,
         "callback",
         "unknown parameter"},
        {{{"q", std::string(SearchLimits::kMaxQueryBytes + 1, 'a')}},
         ErrorCode::kQueryTooLong,
         "q",
         "4096"},
        {{{"q", "a"}, {"q", "b"}}, ErrorCode::kInvalidParameter, "q", "only once"},
        {{{"q", "caf\xff"}}, ErrorCode::kInvalidParameter, "q", "UTF-8"},
        {{{"page", "0"}}, ErrorCode::kInvalidParameter, "page", "from 1 to 10000"},
        {{{"page", "abc"}}, ErrorCode::kInvalidParameter, "page", "whole number"},
        {{{"page", "-1"}}, ErrorCode::kInvalidParameter, "page", "whole number"},
        {{{"page", "1.5"}}, ErrorCode::kInvalidParameter, "page", "whole number"},
        {{{"page", "99999999999999999999"}}, ErrorCode::kInvalidParameter, "page", "whole number"},
        {{{"page", "1"}, {"page", "2"}}, ErrorCode::kInvalidParameter, "page", "only once"},
        {{{"per_page", "101"}}, ErrorCode::kInvalidParameter, "per_page", "from 1 to 100"},
        {{{"per_page", "0"}}, ErrorCode::kInvalidParameter, "per_page", "from 1 to 100"},
        {{{"page", "101"}, {"per_page", "100"}}, ErrorCode::kInvalidParameter, "page", "10000"},
        {{{"sort", "best"}}, ErrorCode::kInvalidParameter, "sort", "relevance, newest or oldest"},
        {{{"collapse", "stories"}}, ErrorCode::kInvalidParameter, "collapse", "story or none"},
        {{{"collapse", "none"}, {"collapse", "story"}},
         ErrorCode::kInvalidParameter,
         "collapse",
         "only once"},
        {{{"partial", "maybe"}}, ErrorCode::kInvalidParameter, "partial", "true, false, 1 or 0"},
        {{{"partial", "TRUE"}}, ErrorCode::kInvalidParameter, "partial", "true, false, 1 or 0"},
        {{{"partial", "1"}, {"partial", "0"}},
         ErrorCode::kInvalidParameter,
         "partial",
         "only once"},
        {{{"recency", "30"}}, ErrorCode::kInvalidParameter, "recency", "30d or 12h"},
        {{{"recency", "30m"}}, ErrorCode::kInvalidParameter, "recency", "30d or 12h"},
        {{{"recency", "0d"}}, ErrorCode::kInvalidParameter, "recency", "30d or 12h"},
        {{{"from", "2024-13-01"}}, ErrorCode::kInvalidParameter, "from", "no such calendar date"},
        {{{"from", "yesterday"}}, ErrorCode::kInvalidParameter, "from", "now-<N>h|d|w"},
        {{{"from", "now-7y"}}, ErrorCode::kInvalidParameter, "from", "now-<N>h|d|w"},
        {{{"from", "now+1d"}}, ErrorCode::kInvalidParameter, "from", "now-<N>h|d|w"},
        {{{"to", "2024-02-30"}}, ErrorCode::kInvalidParameter, "to", "no such calendar date"},
        {{{"from", "2024-03-12"}, {"to", "2024-03-01"}},
         ErrorCode::kInvalidParameter,
         "from",
         "after to"},
        {{{"facets", "date"}},
         ErrorCode::kInvalidParameter,
         "facets",
         "date:year, date:month, date:day"},
        {{{"facets", "date:year,date:month"}},
         ErrorCode::kInvalidParameter,
         "facets",
         "one date facet"},
        {{{"facets", "author"}},
         ErrorCode::kInvalidParameter,
         "facets",
         "allowed: source, tag, lang"},
        {{{"snippet_words", "4"}}, ErrorCode::kInvalidParameter, "snippet_words", "from 5 to 100"},
        {{{"snippet_words", "101"}},
         ErrorCode::kInvalidParameter,
         "snippet_words",
         "from 5 to 100"},
        {{{"lang", "en us"}}, ErrorCode::kInvalidParameter, "lang", "language tag"},
        {many("source", SearchLimits::kMaxFilterValues + 1), ErrorCode::kInvalidParameter, "source",
         "at most 20"},
        {many("tag", SearchLimits::kMaxFilterValues + 1), ErrorCode::kInvalidParameter, "tag",
         "at most 20"},
    };
    for (const Bad& c : cases) {
        INFO("expect " << error_code_name(c.code) << " on " << c.parameter);
        auto parsed = parse_search_request(c.params, kNow);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == c.code);
        CHECK(parsed.error().parameter == c.parameter);
        CHECK_THAT(parsed.error().message, Catch::Contains(c.message_part));
    }
}

TEST_CASE("every error code has its stable name", "[request]") {
    const std::vector<std::pair<ErrorCode, std::string_view>> names = {
        {ErrorCode::kInvalidParameter, "invalid_parameter"},
        {ErrorCode::kUnknownParameter, "unknown_parameter"},
        {ErrorCode::kQueryTooLong, "query_too_long"},
        {ErrorCode::kNotFound, "not_found"},
        {ErrorCode::kMethodNotAllowed, "method_not_allowed"},
        {ErrorCode::kPayloadTooLarge, "payload_too_large"},
        {ErrorCode::kHeadersTooLarge, "headers_too_large"},
        {ErrorCode::kOverloaded, "overloaded"},
        {ErrorCode::kRateLimited, "rate_limited"},
        {ErrorCode::kUnavailable, "unavailable"},
        {ErrorCode::kInternal, "internal"},
    };
    for (const auto& [code, name] : names) CHECK(error_code_name(code) == name);
}
