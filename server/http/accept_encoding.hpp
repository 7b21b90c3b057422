// Content-coding negotiation: whether a request's Accept-Encoding lets the server answer with
// a gzip body (RFC 9110, section 12.5.3). Pure function; thread-safe.
#pragma once

#include <string_view>

namespace dateline::server {

// True when "gzip" (or the legacy "x-gzip") is listed with a q-value above 0, or is not listed
// but "*" is. q=0 means "not acceptable", so "gzip;q=0, *" refuses gzip. An absent or empty
// header, and a q-value that does not parse, mean identity only: it is always safe.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace dateline::server
