// Numbers and dates as a page shows them to a person, in English and without a locale: the
// server's environment must not change its pages. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "dateline/date.hpp"

namespace dateline::server {

// 1234567 -> "1,234,567"
std::string with_thousands(std::uint64_t number);

// 2025-11-04T08:00:00Z -> "4 Nov 2025" (the UTC calendar day).
std::string human_date(Timestamp time);

}  // namespace dateline::server
