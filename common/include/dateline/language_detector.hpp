// Language detection: the language an article or a query is written in, as a lower-case primary
// language subtag ("en", "de", "zh"), or nullopt when it cannot be told with confidence. Articles
// go to cld2 (Google's Compact Language Detector 2); queries, a few words long, are judged by
// their script first, since statistics on one or two words are mostly guesswork.
// Pure functions; thread-safe (cld2 keeps no state between calls).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// Only the first this many bytes of an article are looked at: enough for any language, and a
// bound on the time one huge record can take.
inline constexpr std::size_t kMaxLanguageDetectionBytes = std::size_t{64} * 1024;

// cld2 over the title and the start of the body (valid UTF-8 plain text). Nullopt when cld2
// does not call its answer reliable, or knows no language for the text.
std::optional<std::string> detect_article_language(std::string_view title, std::string_view body);

// By script: any Hangul is Korean, any kana Japanese, Han without kana Chinese; Thai, Arabic,
// Hebrew and Greek letters name their language; Cyrillic is what cld2 reliably says, else
// Russian. Latin text alone is what cld2 reliably says, which it seldom does for one to three
// words. Where Latin letters mix with another script, the other script decides. Nullopt for
// text without letters and for Latin words cld2 cannot place.
std::optional<std::string> detect_query_language(std::string_view query);

}  // namespace dateline
