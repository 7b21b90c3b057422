// Lenient date parsing for feeds and pages, on top of the contract's strict parse_date.
#include "web_date.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "dateline/utf8.hpp"

namespace dateline::indexer {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

struct NamedZone {
    std::string_view name;
    int hours;
};
constexpr std::array<NamedZone, 12> kZones = {{{"ut", 0},
                                               {"utc", 0},
                                               {"gmt", 0},
                                               {"z", 0},
                                               {"est", -5},
                                               {"edt", -4},
                                               {"cst", -6},
                                               {"cdt", -5},
                                               {"mst", -7},
                                               {"mdt", -6},
                                               {"pst", -8},
                                               {"pdt", -7}}};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Splits on spaces and commas: "Tue, 12 Mar 2024 07:30:00 GMT" -> 6 tokens.
std::vector<std::string_view> tokens_of(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',' || text[pos] == '\t'))
            ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ' ' && text[pos] != ',' && text[pos] != '\t')
            ++pos;
        if (pos > start) tokens.push_back(text.substr(start, pos - start));
    }
    return tokens;
}

std::optional<int> number(std::string_view digits) {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<seconds> zone_offset(std::string_view zone) {
    if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5) {
        const auto hhmm = number(zone.substr(1));
        if (!hhmm || *hhmm % 100 > 59) return std::nullopt;
        const seconds offset = hours{*hhmm / 100} + minutes{*hhmm % 100};
        return zone[0] == '-' ? -offset : offset;
    }
    const std::string name = lower(zone);
    for (const NamedZone& named : kZones)
        if (name == named.name) return hours{named.hours};
    // RFC 2822 4.3: military zone letters were defined wrongly in RFC 822; treat as UTC.
    if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0]))) return seconds{0};
    return std::nullopt;
}

// "07:30" or "07:30:15" as a time of day.
std::optional<seconds> time_of_day(std::string_view text) {
    if (text.size() < 5 || text[2] != ':') return std::nullopt;  // before substr(3) can throw
    const auto h = number(text.substr(0, 2)), m = number(text.substr(3, 2));
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    int s = 0;
    if (text.size() == 8 && text[5] == ':') {
        const auto parsed = number(text.substr(6, 2));
        if (!parsed || *parsed > 60) return std::nullopt;
        s = *parsed == 60 ? 59 : *parsed;
    } else if (text.size() != 5) {
        return std::nullopt;
    }
    return hours{*h} + minutes{*m} + seconds{s};
}

Unexpected<std::string> not_rfc822(std::string_view text) {
    return Unexpected("not an RFC 822 date: " + quoted_excerpt(text) +
                      " (expected e.g. \"Tue, 12 Mar 2024 07:30:00 GMT\")");
}

// "2024-03-12T07:30:00+0100", "2024-03-12 07:30", "2024-03-12T07:30:00.5" as RFC 3339.
std::optional<std::string> as_rfc3339(std::string_view text) {
    if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    std::string out(text);
    out[10] = 'T';
    if (out.size() >= 16 && (out.size() == 16 || out[16] != ':')) out.insert(16, ":00");
    std::size_t zone = 19;
    if (zone < out.size() && out[zone] == '.')
        while (++zone < out.size() && std::isdigit(static_cast<unsigned char>(out[zone]))) {
        }
    if (zone > out.size()) return std::nullopt;  // cut off inside the seconds
    if (zone == out.size()) return out + "Z";
    if ((out[zone] == '+' || out[zone] == '-') && out.size() == zone + 5) out.insert(zone + 3, ":");
    return out;
}

}  // namespace

Result<Timestamp, std::string> parse_rfc822_date(std::string_view text) {
    std::vector<std::string_view> tokens = tokens_of(text);
    // An optional day name comes first.
    if (!tokens.empty() && std::isalpha(static_cast<unsigned char>(tokens[0][0])))
        tokens.erase(tokens.begin());
    if (tokens.size() != 5 && tokens.size() != 4) return not_rfc822(text);
    const auto day_number = number(tokens[0]);
    const std::string month_name = lower(tokens[1].substr(0, 3));
    std::size_t month_index = 0;
    while (month_index < kMonths.size() && kMonths[month_index] != month_name) ++month_index;
    auto year_number = number(tokens[2]);
    const auto time = time_of_day(tokens[3]);
    const auto offset = tokens.size() == 5 ? zone_offset(tokens[4]) : seconds{0};
    if (!day_number || month_index == kMonths.size() || !year_number || !time || !offset)
        return not_rfc822(text);
    if (tokens[2].size() == 2) *year_number += *year_number >= 50 ? 1900 : 2000;
    const year_month_day ymd{year{*year_number}, month{static_cast<unsigned>(month_index + 1)},
                             day{static_cast<unsigned>(*day_number)}};
    if (!ymd.ok()) return Unexpected("no such calendar date: " + quoted_excerpt(text));
    return Timestamp{sys_days{ymd}} + *time - *offset;
}

Result<Timestamp, std::string> parse_web_date(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    auto strict = parse_date(text);
    if (strict) return strict;
    if (text.size() >= 4 && std::isdigit(static_cast<unsigned char>(text[0])) && text.size() > 4 &&
        text[4] == '-') {
        if (const auto repaired = as_rfc3339(text)) {
            if (auto loose = parse_date(*repaired)) return loose;
        }
        return strict;
    }
    return parse_rfc822_date(text);
}

}  // namespace dateline::indexer
