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

// Decodes the sequence at `pos`; a malformed byte reads as U+FFFD of length 1.
CodePoint decode_at(std::string_view text, std::size_t pos);

enum class ScriptClass {
    kSeparator,   // spaces, punctuation, symbols
    kConnector,   // joins words only between two word characters: - . , and apostrophes
    kWord,        // letters, digits and marks of scripts written with spaces
    kDictionary,  // Han, kana, Thai, Lao, Khmer, Myanmar: segmented by dictionary
    kHangul,
};

ScriptClass classify(char32_t c);

// Han ideographs and kana (not Thai, Lao, Khmer, Myanmar, whose words stay whole).
bool is_cjk_ideograph_or_kana(char32_t c);

bool is_apostrophe(char32_t c);
bool is_hyphen(char32_t c);
bool is_letter(char32_t c);
bool is_digit(char32_t c);

}  // namespace dateline::detail
