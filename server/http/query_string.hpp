// Request-target decoding: splitting a target into path and query, and percent-decoding the
// query into QueryParams ('+' is a space, as in HTML forms). A malformed escape or text that is
// not UTF-8 after decoding is a client error (kInvalidParameter), never a 500.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "dateline/result.hpp"
#include "search/api_error.hpp"
#include "search/search_request.hpp"

namespace dateline::server {

struct SplitTarget {
    std::string_view path;   // raw, still percent-encoded
    std::string_view query;  // after the first '?', without any '#fragment'
};

SplitTarget split_target(std::string_view target);

// Decodes %XX escapes (and '+' as a space when plus_as_space). The error is a reason for a
// person: a malformed escape, invalid UTF-8 or a NUL character in the decoded text.
Result<std::string, std::string> percent_decode(std::string_view text, bool plus_as_space);

// "q=a+b&tag=x&tag=y" -> {q: "a b", tag: "x", tag: "y"}. Empty pairs ("a=1&&b=2") are skipped
// and a name without '=' has an empty value.
Result<QueryParams, ApiError> parse_query(std::string_view query);

}  // namespace dateline::server
