// Code-point classes, from Xapian's Unicode tables (the ones its QueryParser splits words by)
// and the script blocks that need a dictionary or bigrams.
#include "script_class.hpp"

#include <xapian.h>

namespace dateline::detail {

CodePoint decode_multibyte_at(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned lead = byte(0);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || pos + length > text.size()) return {0xFFFD, 1};
    char32_t value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {0xFFFD, 1};
        value = (value << 6) | (byte(i) & 0x3F);
    }
    return {value, length};
}

bool is_apostrophe(char32_t c) {
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

bool is_hyphen(char32_t c) {
    return c == '-' || c == 0x2010 || c == 0x2011;
}

namespace {

bool is_hangul(char32_t c) {
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
           (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xD7B0 && c <= 0xD7FF);
}

bool is_dictionary_script(char32_t c) {
    return (c >= 0x0E00 && c <= 0x0EFF) ||  // Thai, Lao
           (c >= 0x1000 && c <= 0x109F) ||  // Myanmar
           (c >= 0x1780 && c <= 0x17FF) ||  // Khmer
           (c >= 0x3005 && c <= 0x3007) ||  // 々 〆 〇
           (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
           (c >= 0x31F0 && c <= 0x31FF) ||  // Katakana extensions
           (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
           (c >= 0xFF66 && c <= 0xFF9F) ||  // half-width Katakana
           (c >= 0x20000 && c <= 0x3134F);  // CJK extensions B-G
}

}  // namespace

bool is_cjk_ideograph_or_kana(char32_t c) {
    return is_dictionary_script(c) && !(c >= 0x0E00 && c <= 0x0EFF) &&
           !(c >= 0x1000 && c <= 0x109F) && !(c >= 0x1780 && c <= 0x17FF);
}

bool is_letter_non_ascii(char32_t c) {
    const auto type = Xapian::Unicode::get_category(static_cast<unsigned>(c));
    return type == Xapian::Unicode::UPPERCASE_LETTER || type == Xapian::Unicode::LOWERCASE_LETTER ||
           type == Xapian::Unicode::TITLECASE_LETTER || type == Xapian::Unicode::MODIFIER_LETTER ||
           type == Xapian::Unicode::OTHER_LETTER;
}

bool is_digit_non_ascii(char32_t c) {
    return Xapian::Unicode::get_category(static_cast<unsigned>(c)) ==
           Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

ScriptClass classify_non_ascii(char32_t c) {
    if (is_apostrophe(c) || is_hyphen(c)) return ScriptClass::kConnector;
    if (!Xapian::Unicode::is_wordchar(static_cast<unsigned>(c))) return ScriptClass::kSeparator;
    if (is_hangul(c)) return ScriptClass::kHangul;
    if (is_dictionary_script(c)) return ScriptClass::kDictionary;
    return ScriptClass::kWord;
}

}  // namespace dateline::detail
