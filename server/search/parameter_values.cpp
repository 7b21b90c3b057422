// Parsing of single search-parameter values; messages say what is allowed.
#include "search/parameter_values.hpp"

#include <charconv>
#include <optional>

#include "dateline/utf8.hpp"

namespace dateline::server {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

constexpr std::size_t kMaxDigits = 9;                      // keeps every count far from overflow
constexpr long long kMaxRelativeHours = 24LL * 366 * 200;  // "now-<N>" reaches two centuries back
constexpr long long kMaxHalfLifeHours = 24LL * 36500;

// Digits only, at most kMaxDigits of them.
std::optional<long long> read_number(std::string_view text) {
    if (text.empty() || text.size() > kMaxDigits) return std::nullopt;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (text.front() < '0' || text.front() > '9') return std::nullopt;  // from_chars takes '-'
    return value;
}

// "<N>h", "<N>d" or "<N>w" as hours; nullopt when malformed.
std::optional<long long> read_span_hours(std::string_view text, std::string_view units) {
    if (text.size() < 2 || units.find(text.back()) == std::string_view::npos) return std::nullopt;
    const auto number = read_number(text.substr(0, text.size() - 1));
    if (!number) return std::nullopt;
    switch (text.back()) {
        case 'w': return *number * 24 * 7;
        case 'd': return *number * 24;
        default: return *number;
    }
}

Result<Timestamp, std::string> parse_relative(std::string_view text, Timestamp now) {
    const std::string allowed = "a date (YYYY-MM-DD), an RFC 3339 date-time, now, or now-<N>h|d|w";
    if (text == "now") return now;
    if (!text.starts_with("now-")) return Unexpected("expected " + allowed);
    const auto span = read_span_hours(text.substr(4), "hdw");
    if (!span || *span > kMaxRelativeHours)
        return Unexpected("expected " + allowed + " (such as now-7d, at most 200 years back)");
    return now - hours{*span};
}

}  // namespace

Result<std::size_t, std::string> parse_count(std::string_view text, std::size_t min,
                                             std::size_t max) {
    const auto number = read_number(text);
    if (!number || *number < static_cast<long long>(min) || *number > static_cast<long long>(max))
        return Unexpected("must be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max));
    return static_cast<std::size_t>(*number);
}

Result<Timestamp, std::string> parse_time_bound(std::string_view text, Timestamp now,
                                                bool end_of_day) {
    if (text.starts_with("now")) return parse_relative(text, now);
    auto parsed = parse_date(text);
    if (!parsed)
        return Unexpected(parsed.error() + "; also accepted: now, now-<N>h|d|w (such as now-7d)");
    constexpr std::size_t kDateOnlyLength = 10;  // YYYY-MM-DD
    if (end_of_day && text.size() == kDateOnlyLength) return *parsed + hours{24} - seconds{1};
    return *parsed;
}

Result<std::chrono::seconds, std::string> parse_half_life(std::string_view text) {
    const auto span = read_span_hours(text, "hd");
    if (!span || *span < 1 || *span > kMaxHalfLifeHours)
        return Unexpected(
            std::string("must be a half-life in days or hours, such as 30d or 12h (1h to 36500d)"));
    return std::chrono::duration_cast<seconds>(hours{*span});
}

Result<SortOrder, std::string> parse_sort(std::string_view text) {
    if (text == "relevance") return SortOrder::kRelevance;
    if (text == "newest") return SortOrder::kNewest;
    if (text == "oldest") return SortOrder::kOldest;
    return Unexpected(std::string("must be relevance, newest or oldest"));
}

Result<Collapse, std::string> parse_collapse(std::string_view text) {
    if (text == "story") return Collapse::kStory;
    if (text == "none") return Collapse::kNone;
    return Unexpected(std::string("must be story or none"));
}

Result<bool, std::string> parse_switch(std::string_view text) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    return Unexpected(std::string("must be true, false, 1 or 0"));
}

Result<void, std::string> apply_facet(std::string_view item, SearchRequest& request) {
    const auto set_date = [&](DateFacet facet) -> Result<void, std::string> {
        if (request.facet_date != DateFacet::kNone && request.facet_date != facet)
            return Unexpected(
                std::string("takes one date facet (date:year, date:month or date:day)"));
        request.facet_date = facet;
        return {};
    };
    if (item == "source")
        request.facet_source = true;
    else if (item == "tag")
        request.facet_tag = true;
    else if (item == "lang")
        request.facet_lang = true;
    else if (item == "date:year")
        return set_date(DateFacet::kYear);
    else if (item == "date:month")
        return set_date(DateFacet::kMonth);
    else if (item == "date:day")
        return set_date(DateFacet::kDay);
    else
        return Unexpected("has no facet " + quoted_excerpt(item) +  // cut at a character
                          "; allowed: source, tag, lang, date:year, date:month, date:day");
    return {};
}

bool is_language_tag(std::string_view text) {
    constexpr std::size_t kMaxTagChars = 35;
    if (text.empty() || text.size() > kMaxTagChars) return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

}  // namespace dateline::server
