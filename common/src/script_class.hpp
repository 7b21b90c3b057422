// Reading UTF-8 one code point at a time and sorting code points into the classes term
// analysis treats differently. Internal to dateline_common.
#pragma once

#include <cstddef>
#include <string_view>

namespace dateline::detail {

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;  // bytes
};

CodePoint decode_multibyte_at(std::string_view text, std::size_t pos);

// Decodes the sequence at `pos`; a malformed byte reads as U+FFFD of length 1. Inline for
// ASCII: analysis calls it for every character of every article it highlights.
inline CodePoint decode_at(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return {static_cast<char32_t>(lead), 1};
    return decode_multibyte_at(text, pos);
}

enum class ScriptClass {
    kSeparator,   // spaces, punctuation, symbols
    kConnector,   // joins words only between two word characters: - . , and apostrophes
    kWord,        // letters, digits and marks of scripts written with spaces
    kDictionary,  // Han, kana, Thai, Lao, Khmer, Myanmar: segmented by dictionary
    kHangul,
};

ScriptClass classify_non_ascii(char32_t c);

inline bool is_ascii_word_char(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline ScriptClass classify(char32_t c) {
    if (c >= 0x80) return classify_non_ascii(c);
    if (is_ascii_word_char(c)) return ScriptClass::kWord;
    if (c == '\'' || c == '-' || c == '.' || c == ',') return ScriptClass::kConnector;
    return ScriptClass::kSeparator;
}

// Han ideographs and kana (not Thai, Lao, Khmer, Myanmar, whose words stay whole).
bool is_cjk_ideograph_or_kana(char32_t c);

bool is_apostrophe(char32_t c);
bool is_hyphen(char32_t c);
bool is_letter_non_ascii(char32_t c);
bool is_digit_non_ascii(char32_t c);

inline bool is_letter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return is_letter_non_ascii(c);
}

inline bool is_digit(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return is_digit_non_ascii(c);
}

}  // namespace dateline::detail
