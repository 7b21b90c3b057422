// Preparing the q text for Xapian's QueryParser: the same normalisation the indexer applies
// to every word, with the boolean operators kept as typed (they are upper-case on purpose),
// and the word count that chooses between all-words and any-word matching.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::server {

// Each whitespace-separated token through TextAnalyzer::normalize, except AND, OR, NOT, XOR,
// NEAR and ADJ (also NEAR/n, ADJ/n); tokens joined by single spaces. With keep_operators
// false the operators are lower-cased too, so they read as plain words.
std::string normalize_query(std::string_view q, bool keep_operators = true);

// Words the user typed, not counting operators; a quoted phrase counts as one word.
std::size_t count_query_words(std::string_view normalized);

// The stems of `prefix*` wildcards in the (normalised) query, for highlighting: "ferr" for
// "title:ferr*". Negated wildcards (-ferr*) are left out: they never match a hit.
std::vector<std::string> wildcard_prefixes(std::string_view normalized);

// The last word when Xapian's FLAG_PARTIAL reads it as unfinished ("fer" in "title:fer"), for
// highlighting and spelling; nullopt when the query ends in a phrase, an operator, an exclusion,
// a wildcard, punctuation or a source:/tag: value, where Xapian keeps the word whole.
std::optional<std::string> partial_word(std::string_view normalized);

// `query` with its trailing word replaced by `word`: "ferry quilfeather" -> "ferry quillfeather".
std::string with_last_word(std::string query, std::string_view word);

bool is_blank_query(std::string_view q);

}  // namespace dateline::server
