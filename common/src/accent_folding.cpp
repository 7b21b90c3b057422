// Accent folding through ICU's canonical decomposition: decompose, drop the marks readers
// treat as optional, map the few letters that carry a stroke instead of a mark, recompose.
#include "dateline/accent_folding.hpp"
#include "dateline/utf8.hpp"

#include <algorithm>
#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

namespace dateline {
namespace {

const icu::Normalizer2* instance(UNormalization2Mode mode) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer =
        icu::Normalizer2::getInstance(nullptr, "nfc", mode, status);
    return U_SUCCESS(status) ? normalizer : nullptr;
}

// ICU owns these instances and they are immutable: shared safely across threads.
const icu::Normalizer2* nfd() {
    static const icu::Normalizer2* decomposer = instance(UNORM2_DECOMPOSE);
    return decomposer;
}
const icu::Normalizer2* nfc() {
    static const icu::Normalizer2* composer = instance(UNORM2_COMPOSE);
    return composer;
}

bool is_arabic_optional(UChar32 c) {
    // Harakat, tanwin, shadda, sukun, superscript alef; tatweel (a typographic stretch).
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

// A combining mark that only decorates a Latin, Greek or Cyrillic base letter.
bool is_optional_mark(UChar32 mark, UChar32 base) {
    if (mark < 0x0300 || mark > 0x036F) return false;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(base, &status);
    if (U_FAILURE(status)) return false;
    if (script == USCRIPT_CYRILLIC) return !(mark == 0x0306 && (base == 0x0438 || base == 0x0418));
    return script == USCRIPT_LATIN || script == USCRIPT_GREEK;
}

// Letters whose "accent" is part of the glyph, not a combining mark.
const char16_t* letter_replacement(UChar32 c) {
    switch (c) {
        case 0x00F8: return u"o";       // ø
        case 0x00E6: return u"ae";      // æ
        case 0x0153: return u"oe";      // œ
        case 0x0142: return u"l";       // ł
        case 0x0111:                    // đ
        case 0x00F0: return u"d";       // ð
        case 0x00FE: return u"th";      // þ
        case 0x0131: return u"i";       // dotless ı
        case 0x0622:                    // آ
        case 0x0623:                    // أ
        case 0x0625:                    // إ
        case 0x0671: return u"\u0627";  // ٱ -> ا
        default: return nullptr;
    }
}

icu::UnicodeString strip_marks(const icu::UnicodeString& decomposed) {
    icu::UnicodeString out;
    UChar32 base = 0;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (is_arabic_optional(c) || is_optional_mark(c, base)) continue;
        if (u_getCombiningClass(c) == 0) base = c;
        if (const char16_t* replacement = letter_replacement(c))
            out.append(replacement, -1);
        else
            out.append(c);
    }
    return out;
}

}  // namespace

std::string fold_accents(std::string_view normalized) {
    if (is_ascii(normalized)) return std::string(normalized);
    if (nfd() == nullptr || nfc() == nullptr) return std::string(normalized);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
    const icu::UnicodeString decomposed = nfd()->normalize(source, status);
    if (U_FAILURE(status)) return std::string(normalized);
    const icu::UnicodeString folded = nfc()->normalize(strip_marks(decomposed), status);
    if (U_FAILURE(status)) return std::string(normalized);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

}  // namespace dateline
