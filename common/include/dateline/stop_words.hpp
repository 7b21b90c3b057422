// Stop words: the most frequent function words of a language (articles, prepositions,
// conjunctions, pronouns, auxiliaries), which a query drops when it has other words. Query time
// only: the index keeps every word, so a quoted phrase can still match "the ferry".
// Chinese, Japanese, Korean and Thai have no list: their analysis yields dictionary segments and
// character or syllable pairs, not words a list could name.
// Thread-safe: the lists and stoppers are built once and never change.
#pragma once

#include <span>
#include <string_view>

#include <xapian.h>

namespace dateline {

// The stop words of a language, given as a primary subtag ("fr", "nb"), as written in its list
// ("für", "à"); empty for a language without one.
std::span<const std::string_view> stop_word_list(std::string_view primary_language);

// The stop words of a language in the form the analysis gives query words (NFKC, case- and
// accent-folded: "à" is "a", "für" is "fur", "её" is "ее"), for QueryParser::set_stopper();
// nullptr for a language without a list. Lives as long as the process; share it for reading.
const Xapian::Stopper* stopper_for(std::string_view primary_language);

}  // namespace dateline
