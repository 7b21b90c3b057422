// UTF-8 validation and counting (RFC 3629), without a dependency: it runs on every record.
#include "dateline/utf8.hpp"

#include <cstdint>

namespace dateline {
namespace {

// Length of the well-formed sequence starting at i, or 0 if it is ill-formed.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    const std::uint8_t lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    std::uint8_t min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min_second = 0xA0;  // overlong
        if (lead == 0xED) max_second = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min_second = 0x90;  // overlong
        if (lead == 0xF4) max_second = 0x8F;  // past U+10FFFF
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return length;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // Skip ASCII quickly: most news text is mostly ASCII.
        while (i < text.size() && static_cast<std::uint8_t>(text[i]) < 0x80) ++i;
        if (i == text.size()) break;
        const std::size_t length = sequence_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

std::string replace_invalid_utf8(std::string_view text) {
    std::string out;
    while (const auto bad = find_invalid_utf8(text)) {
        out.append(text.substr(0, *bad)).append("\xEF\xBF\xBD");
        text.remove_prefix(*bad + 1);
    }
    return out.append(text);
}

bool is_ascii(std::string_view text) {
    for (const char c : text)
        if (static_cast<std::uint8_t>(c) >= 0x80) return false;
    return true;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++count;
    return count;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<std::uint8_t>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

}  // namespace dateline

namespace dateline {
namespace {

bool is_ecma_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

}  // namespace

std::string quoted_excerpt(std::string_view text, std::size_t max_bytes) {
    std::string out = "\"";
    out.append(truncate_utf8(text, max_bytes));
    if (text.size() > max_bytes) out += "...";
    return out + "\"";
}

bool is_blank(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<std::uint8_t>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code_point = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            code_point = (code_point << 6) | (static_cast<std::uint8_t>(text[i + k]) & 0x3F);
        if (!is_ecma_space(code_point)) return false;
        i += length;
    }
    return true;
}

std::string_view trim_ascii_spaces(std::string_view text) {
    constexpr std::string_view kSpaces = " \t\n\v\f\r";
    const auto first = text.find_first_not_of(kSpaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpaces) - first + 1);
}

}  // namespace dateline
