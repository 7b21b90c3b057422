// Date parsing: every accepted form, every rejection with its reason, and UTC normalisation.
#include <catch2/catch.hpp>

#include "dateline/date.hpp"

using dateline::parse_date;
using dateline::to_rfc3339;

TEST_CASE("accepted dates normalise to UTC", "[date]") {
    const auto [input, expected] = GENERATE(table<const char*, const char*>({
        {"2024-03-12", "2024-03-12T00:00:00Z"},
        {"2024-03-12T08:30:00Z", "2024-03-12T08:30:00Z"},
        {"2024-03-12T08:30:00z", "2024-03-12T08:30:00Z"},
        {"2024-03-12t08:30:00+01:00", "2024-03-12T07:30:00Z"},
        {"2024-03-12 08:30:00-05:00", "2024-03-12T13:30:00Z"},
        {"2024-03-12T23:30:00-05:00", "2024-03-13T04:30:00Z"},
        {"2024-01-01T00:30:00+09:00", "2023-12-31T15:30:00Z"},
        {"2024-03-12T08:30:00.123456Z", "2024-03-12T08:30:00Z"},
        {"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"},
        {"2024-02-29", "2024-02-29T00:00:00Z"},
        {"2000-02-29", "2000-02-29T00:00:00Z"},
        {"1987-02-26T15:01:01Z", "1987-02-26T15:01:01Z"},
        {"2099-12-31T12:00:00Z", "2099-12-31T12:00:00Z"},
        {"1850-06-01", "1850-06-01T00:00:00Z"},
    }));
    CAPTURE(input);
    const auto parsed = parse_date(input);
    REQUIRE(parsed);
    CHECK(to_rfc3339(*parsed) == expected);
}

TEST_CASE("rejected dates say why", "[date]") {
    const auto [input, reason] = GENERATE(table<const char*, const char*>({
        {"2018-02-30", "no such calendar date: \"2018-02-30\""},
        {"2023-02-29", "no such calendar date: \"2023-02-29\""},
        {"1900-02-29", "no such calendar date: \"1900-02-29\""},
        {"2024-13-01", "no such calendar date: \"2024-13-01\""},
        {"2024-04-31", "no such calendar date: \"2024-04-31\""},
        {"0000-01-01", "no such calendar date: \"0000-01-01\""},
        {"", "not a date: \"\" (expected RFC 3339 date-time or YYYY-MM-DD)"},
        {"12/03/2024", "not a date: \"12/03/2024\" (expected RFC 3339 date-time or YYYY-MM-DD)"},
        {"2024-3-12", "not a date: \"2024-3-12\" (expected RFC 3339 date-time or YYYY-MM-DD)"},
        {"2024-03-12T08:30:00", "not an RFC 3339 date-time: \"2024-03-12T08:30:00\""},
        {"2024-03-12T08:30Z", "not an RFC 3339 date-time: \"2024-03-12T08:30Z\""},
        {"2024-03-12T08:30:00+0100", "not an RFC 3339 date-time: \"2024-03-12T08:30:00+0100\""},
        {"2024-03-12T08:30:00.Z", "not an RFC 3339 date-time: \"2024-03-12T08:30:00.Z\""},
        {"2024-03-12T08:30:00Z junk", "not an RFC 3339 date-time: \"2024-03-12T08:30:00Z junk\""},
        {"2024-03-12T24:00:00Z", "no such time of day: \"2024-03-12T24:00:00Z\""},
        {"2024-03-12T08:61:00Z", "no such time of day: \"2024-03-12T08:61:00Z\""},
        {"2024-03-12T08:30:00+24:00", "not an RFC 3339 date-time: \"2024-03-12T08:30:00+24:00\""},
    }));
    CAPTURE(input);
    const auto parsed = parse_date(input);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error() == reason);
}

TEST_CASE("calendar keys are taken in UTC", "[date]") {
    const auto keys = dateline::calendar_keys(*parse_date("2024-01-01T00:30:00+09:00"));
    CHECK(keys.year == "2023");
    CHECK(keys.month == "202312");
    CHECK(keys.day == "20231231");
}
