// Small helpers for reading HTTP header values (RFC 9110): optional whitespace around list
// elements, and case-insensitive tokens. Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace dateline::server {

// Drops the optional whitespace (spaces and tabs) around a header list element.
inline std::string_view trim_ows(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// ASCII case-insensitive equality, for tokens such as content codings.
inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

}  // namespace dateline::server
