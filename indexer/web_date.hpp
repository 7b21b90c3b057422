// Dates as archives write them: RFC 822/2822 (RSS pubDate, with named zones or numeric
// offsets), RFC 3339, and the looser ISO 8601 forms found in HTML meta tags. Normalised to UTC.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "dateline/date.hpp"
#include "dateline/result.hpp"

namespace dateline::indexer {

// "Tue, 12 Mar 2024 07:30:00 GMT", "12 Mar 24 07:30 +0100" (day name, seconds optional;
// two-digit years are 19xx from 50, else 20xx; unknown zone letters count as UTC, as RFC 2822
// says of military zones). The error is a human reason.
Result<Timestamp, std::string> parse_rfc822_date(std::string_view text);

// Any date a feed or page may carry: RFC 3339 or YYYY-MM-DD (as the contract), ISO 8601 with
// "+0100" or no offset (taken as UTC) or a space for the "T", or RFC 822.
Result<Timestamp, std::string> parse_web_date(std::string_view text);

}  // namespace dateline::indexer
