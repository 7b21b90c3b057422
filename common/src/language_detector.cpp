// Language detection: cld2 for articles; scripts (ICU's Script property), then cld2, for queries.
#include "dateline/language_detector.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "dateline/utf8.hpp"

namespace dateline {
namespace {

// cld2 still answers with some codes ISO 639 has withdrawn; stored tags use the current ones.
std::string_view current_code(std::string_view code) {
    if (code == "iw") return "he";
    if (code == "in") return "id";
    if (code == "ji") return "yi";
    if (code == "jw") return "jv";
    return code;
}

bool is_lower_ascii_word(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// cld2's code as a primary subtag ("zh-Hant" -> "zh"); nullopt for "un" (unknown) and for the
// pseudo-languages of its extended set ("xx-Kana"), which name a script, not a language.
std::optional<std::string> primary_subtag(CLD2::Language language) {
    if (language == CLD2::UNKNOWN_LANGUAGE) return std::nullopt;
    std::string_view code = CLD2::LanguageCode(language);
    code = code.substr(0, code.find('-'));
    if (code.size() < 2 || code.size() > 3 || !is_lower_ascii_word(code) || code == "un" ||
        code == "xx")
        return std::nullopt;
    return std::string(current_code(code));
}

// The language cld2 finds in plain UTF-8 text, when it calls its answer reliable.
std::optional<std::string> reliable_language(std::string_view text) {
    text = truncate_utf8(text, kMaxLanguageDetectionBytes);
    if (text.empty()) return std::nullopt;
    std::array<CLD2::Language, 3> top{};
    std::array<int, 3> percent{};
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
        text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, top.data(),
        percent.data(), &text_bytes, &reliable);
    if (!reliable) return std::nullopt;
    return primary_subtag(language);
}

// The scripts that decide a query's language; kOther is every script not named here
// (Devanagari, Georgian, ...), left to cld2.
enum class Script {
    kLatin,
    kHangul,
    kKana,
    kHan,
    kThai,
    kArabic,
    kHebrew,
    kGreek,
    kCyrillic,
    kOther
};
constexpr std::size_t kScriptCount = static_cast<std::size_t>(Script::kOther) + 1;

// The script of a letter; nullopt for what is no letter, and for letters ICU files under
// Common or Inherited (the kana length mark, for one), which belong to no one language.
std::optional<Script> script_of(UChar32 c) {
    if (!u_isalpha(c)) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
        case USCRIPT_COMMON:
        case USCRIPT_INHERITED:
        case USCRIPT_INVALID_CODE: return std::nullopt;
        case USCRIPT_LATIN: return Script::kLatin;
        case USCRIPT_HANGUL: return Script::kHangul;
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
        case USCRIPT_KATAKANA_OR_HIRAGANA: return Script::kKana;
        case USCRIPT_HAN: return Script::kHan;
        case USCRIPT_THAI: return Script::kThai;
        case USCRIPT_ARABIC: return Script::kArabic;
        case USCRIPT_HEBREW: return Script::kHebrew;
        case USCRIPT_GREEK: return Script::kGreek;
        case USCRIPT_CYRILLIC: return Script::kCyrillic;
        default: return Script::kOther;
    }
}

// Calls visit(script, begin, end) for each code point (script nullopt when it is no letter).
template <class Visit>
void for_each_code_point(std::string_view text, Visit&& visit) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        const std::int32_t begin = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        visit(c < 0 ? std::nullopt : script_of(c), begin, i);
    }
}

using ScriptCounts = std::array<std::size_t, kScriptCount>;

std::size_t count(const ScriptCounts& counts, Script script) {
    return counts[static_cast<std::size_t>(script)];
}

// The query with the letters of every other script blanked, so cld2 judges this script alone.
std::string letters_in(std::string_view query, Script script) {
    std::string kept;
    const auto keep = [&](std::optional<Script> found, std::int32_t begin, std::int32_t end) {
        const bool other_letter = found && *found != script;
        kept += other_letter ? std::string_view(" ")
                             : query.substr(static_cast<std::size_t>(begin),
                                            static_cast<std::size_t>(end - begin));
    };
    for_each_code_point(query, keep);
    return kept;
}

// Scripts other than Latin and the CJK ones, each with its language where it has one.
struct NonLatinScript {
    Script script;
    std::optional<std::string_view> language;
};
constexpr std::array<NonLatinScript, 6> kNonLatinScripts = {{{Script::kThai, "th"},
                                                             {Script::kArabic, "ar"},
                                                             {Script::kHebrew, "he"},
                                                             {Script::kGreek, "el"},
                                                             {Script::kCyrillic, std::nullopt},
                                                             {Script::kOther, std::nullopt}}};

// Among the non-Latin scripts outside CJK, the one with the most letters (the first on a tie).
std::optional<NonLatinScript> dominant_non_latin(const ScriptCounts& counts) {
    std::optional<NonLatinScript> best;
    for (const NonLatinScript& candidate : kNonLatinScripts)
        if (count(counts, candidate.script) > (best ? count(counts, best->script) : 0))
            best = candidate;
    return best;
}

std::optional<std::string> language_of_script(const NonLatinScript& found, std::string_view query) {
    if (found.language) return std::string(*found.language);
    auto detected = reliable_language(letters_in(query, found.script));
    // Short Cyrillic queries are Russian far more often than anything else.
    if (!detected && found.script == Script::kCyrillic) return std::string("ru");
    return detected;
}

}  // namespace

std::optional<std::string> detect_article_language(std::string_view title, std::string_view body) {
    std::string text(truncate_utf8(title, kMaxLanguageDetectionBytes));
    if (!body.empty() && text.size() + 1 < kMaxLanguageDetectionBytes) {
        if (!text.empty()) text += '\n';
        text += truncate_utf8(body, kMaxLanguageDetectionBytes - text.size());
    }
    return reliable_language(text);
}

std::optional<std::string> detect_query_language(std::string_view query) {
    query = truncate_utf8(query, kMaxLanguageDetectionBytes);
    ScriptCounts counts{};
    for_each_code_point(query, [&](std::optional<Script> script, std::int32_t, std::int32_t) {
        if (script) ++counts[static_cast<std::size_t>(*script)];
    });
    // Hangul and kana occur in no other language; Han without kana is Chinese, not Japanese.
    if (count(counts, Script::kHangul)) return "ko";
    if (count(counts, Script::kKana)) return "ja";
    if (count(counts, Script::kHan)) return "zh";
    if (const auto found = dominant_non_latin(counts)) return language_of_script(*found, query);
    if (count(counts, Script::kLatin)) return reliable_language(query);
    return std::nullopt;
}

}  // namespace dateline
