// Article dates: parsing RFC 3339 date-times and plain YYYY-MM-DD dates, normalised to UTC.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "dateline/result.hpp"

namespace dateline {

using Timestamp = std::chrono::sys_seconds;

// Accepts "YYYY-MM-DD" (midnight UTC) and RFC 3339 date-times with 'Z' or a ±HH:MM offset,
// optional fractional seconds (dropped) and a leap second (clamped to :59). Rejects dates
// that do not exist on the calendar, such as 2018-02-30. The error is a human reason.
Result<Timestamp, std::string> parse_date(std::string_view text);

// "2024-03-12T07:30:00Z"
std::string to_rfc3339(Timestamp t);

// Calendar parts in UTC, for date terms: "2024", "202403", "20240312".
struct CalendarKeys {
    std::string year;
    std::string month;
    std::string day;
};
CalendarKeys calendar_keys(Timestamp t);

}  // namespace dateline
