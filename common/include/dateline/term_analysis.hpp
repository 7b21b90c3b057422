// Term analysis: text -> the terms the index holds and queries look for, with the byte span
// and word position each came from. One function for articles, queries and highlighting, so
// the three can never disagree.
//  - Space-separated scripts: words of letters, digits and inner apostrophes ("washington's"),
//    NFKC + case-folded, accent-folded ("café" -> "cafe", the exact form kept beside it).
//    Hyphenated words are their parts plus the joined form ("e-mail" -> e, mail; "email"),
//    "U.S." is "us", "1,000" is "1000", "3.5" stays one number.
//  - Chinese, Japanese, Thai, Lao, Khmer, Myanmar: dictionary words from ICU's BreakIterator;
//    a Chinese or Japanese word of three or more characters is indexed as its overlapping
//    character bigrams, so part of it is findable ("センター" in "データセンター").
//  - Hangul: overlapping syllable bigrams, so "서울" is found inside "서울에서" and "평창" inside
//    "평창올림픽" (Korean attaches particles and compounds without spaces).
// Thread-safe (each thread keeps its own ICU BreakIterator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class TermKind : std::uint8_t {
    kWord,       // starts with a letter: stemmed (Xapian's "Z" terms) and accent-folded
    kNumber,     // starts with a digit: "2018", "3.5", "19"
    kSegmented,  // a dictionary word of Chinese, Japanese or South-East Asian text
    kBigram,     // two Hangul syllables or CJK characters (one, for a one-syllable word)
};

enum class TermRole : std::uint8_t {
    kPrimary,  // takes a position of its own
    kJoined,   // a hyphenated word written together: "email" for "e-mail", "f35" for "F-35"
    kVariant,  // another reading at the same position: "washington" for "washington's",
               // "economie" for "l'économie"
};

struct AnalyzedTerm {
    std::string term;   // what the index holds: NFKC, case-folded, accent-folded
    std::string exact;  // the case-folded form before accent folding, when that differs
    std::size_t begin = 0, end = 0;  // bytes of the analysed text the term stands for
    std::uint32_t position = 0;      // word position, from 0
    std::uint32_t group = 0;         // terms read from one written word share a group
    TermKind kind = TermKind::kWord;
    TermRole role = TermRole::kPrimary;
};

class TermSink {
public:
    virtual ~TermSink() = default;
    // `term` is valid only during the call.
    virtual void add(const AnalyzedTerm& term) = 0;
};

// Feeds every term of `text` to `sink`, in text order (a group's joined and variant forms
// after its parts); returns the number of positions used.
std::uint32_t analyze_terms(std::string_view text, TermSink& sink);

// The same terms as a list, for callers that look at them more than once (query preparation,
// tests); the indexer and highlighter stream them instead.
std::vector<AnalyzedTerm> analyzed_terms(std::string_view text);

// Whether the term gets a stem: Xapian's QueryParser stems words that start with a letter
// (STEM_SOME), so the index must hold a stem for exactly those.
bool is_stemmable(const AnalyzedTerm& term);

// One group's terms as Xapian QueryParser text that parses to exactly these index terms: the
// word itself ("washington's", "us"), the joined form of a hyphenated word ("email"), or a
// phrase of the parts or segments ("\"北京 大学\""; unquoted when already `in_phrase`).
std::string query_form(std::span<const AnalyzedTerm> group, bool in_phrase);

}  // namespace dateline
