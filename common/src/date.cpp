// Parsing and formatting of article dates (RFC 3339 and YYYY-MM-DD), always in UTC.
#include "dateline/date.hpp"

#include <cstdio>

#include "dateline/utf8.hpp"

namespace dateline {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// The YYYY-MM-DD that starts s (at least 10 bytes long); errors quote all of s.
Result<sys_days, std::string> parse_calendar_date(std::string_view s) {
    const int y = read_digits(s, 0, 4), m = read_digits(s, 5, 2), d = read_digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-')
        return Unexpected(std::string("not a date: ") + quoted_excerpt(s) +
                          " (expected RFC 3339 date-time or YYYY-MM-DD)");
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)},
                             day{static_cast<unsigned>(d)}};
    if (y == 0 || !ymd.ok())
        return Unexpected(std::string("no such calendar date: ") + quoted_excerpt(s));
    return sys_days{ymd};
}

// "Z" or "±HH:MM" ending the text at pos, as seconds east of UTC.
bool parse_offset(std::string_view s, std::size_t pos, seconds& offset) {
    if (pos + 1 == s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        offset = seconds{0};
        return true;
    }
    if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':') return false;
    const int hh = read_digits(s, pos + 1, 2), mm = read_digits(s, pos + 4, 2);
    if (hh < 0 || mm < 0 || hh > 23 || mm > 59) return false;
    offset = hours{hh} + minutes{mm};
    if (s[pos] == '-') offset = -offset;
    return true;
}

}  // namespace

Result<Timestamp, std::string> parse_date(std::string_view s) {
    if (s.size() < 10)
        return Unexpected(std::string("not a date: ") + quoted_excerpt(s) +
                          " (expected RFC 3339 date-time or YYYY-MM-DD)");
    // The whole text, not its first 10 bytes: an error quotes it, and 10 bytes can end inside
    // a UTF-8 character.
    auto day_result = parse_calendar_date(s);
    if (!day_result) return Unexpected(std::string(day_result.error()));
    if (s.size() == 10) return Timestamp{*day_result};

    const auto bad_time = [&] {
        return Unexpected(std::string("not an RFC 3339 date-time: ") + quoted_excerpt(s));
    };
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return bad_time();
    const int hh = read_digits(s, 11, 2), mi = read_digits(s, 14, 2), ss = read_digits(s, 17, 2);
    if (hh < 0 || mi < 0 || ss < 0 || s[13] != ':' || s[16] != ':') return bad_time();
    if (hh > 23 || mi > 59 || ss > 60)
        return Unexpected(std::string("no such time of day: ") + quoted_excerpt(s));
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        const std::size_t digits_start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == digits_start) return bad_time();
    }
    seconds offset{0};
    if (!parse_offset(s, pos, offset)) return bad_time();
    // A leap second (":60") is kept within its minute: the archive needs order, not SI time.
    const seconds time_of_day = hours{hh} + minutes{mi} + seconds{ss == 60 ? 59 : ss};
    const Timestamp utc = Timestamp{*day_result} + time_of_day - offset;
    // An offset can carry the first or last day of the calendar into year 0 or 10000, which
    // the stored form (to_rfc3339) and the date terms (calendar_keys) cannot write as 4 digits.
    const year utc_year = year_month_day{floor<days>(utc)}.year();
    if (utc_year < year{1} || utc_year > year{9999})
        return Unexpected(std::string("outside the years 0001 to 9999 in UTC: ") +
                          quoted_excerpt(s));
    return utc;
}

std::string to_rfc3339(Timestamp t) {
    const auto day_point = floor<days>(t);
    const year_month_day ymd{day_point};
    const hh_mm_ss time{t - day_point};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(time.hours().count()),
                  int(time.minutes().count()), int(time.seconds().count()));
    return buffer;
}

CalendarKeys calendar_keys(Timestamp t) {
    const year_month_day ymd{floor<days>(t)};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    const std::string day_key = buffer;
    return {day_key.substr(0, 4), day_key.substr(0, 6), day_key};
}

}  // namespace dateline
