// UTF-8 helpers: validation and code-point counting, as JSON Schema counts string lengths.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence
// (overlongs, surrogates and code points past U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The text with each byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view text);

// Every byte is ASCII (below 0x80): the fast path of text analysis.
bool is_ascii(std::string_view text);

// Number of code points in well-formed UTF-8 text.
std::size_t count_code_points(std::string_view text);

// The longest prefix of at most max_bytes that does not split a code point.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace dateline

namespace dateline {

// The text in double quotes for an error message, cut to at most max_bytes without splitting
// a code point, with "..." when cut: "2018-02-30", "a very long valu...".
std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 64);

// True when the text has no code point outside ECMA-262's \s (the regex dialect JSON Schema
// uses), so "   " and "\u00a0" count as blank exactly as the schema's "\\S" pattern says.
bool is_blank(std::string_view text);

// The text without ASCII white space (" \t\n\v\f\r") at either end: for lines and values an
// archive pads; Unicode spaces inside stay.
std::string_view trim_ascii_spaces(std::string_view text);

}  // namespace dateline
