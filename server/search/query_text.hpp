// Preparing the q text for Xapian's QueryParser: every written word replaced by the query
// form of its terms under the indexer's own analysis (dateline/term_analysis.hpp), so that
// QueryParser's tokenizer meets exactly the indexed terms ("e-mail" -> email, "北京大学" ->
// "北京 大学", "Café" -> cafe); the query syntax (quotes, parentheses, +/-, field:, *) and the
// boolean operators kept as typed (they are upper-case on purpose); the word count that chooses
// between all-words and any-word matching.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dateline::server {

struct PreparedQuery {
    std::string text;                      // for QueryParser
    std::vector<std::string> exact_forms;  // accented words as typed (case-folded), not excluded
};

// Words through the analysis, except AND, OR, NOT, XOR, NEAR and ADJ (also NEAR/n, ADJ/n) and
// field names; source:/tag: values verbatim (they are matched whole). Punctuation that is not
// query syntax becomes a space. With keep_operators false the operators are words too.
PreparedQuery prepare_query(std::string_view q, bool keep_operators = true);
std::string normalize_query(std::string_view q, bool keep_operators = true);

// Words the user typed, not counting operators; a quoted phrase counts as one word. Stop words
// count: the all-words rule is about how much the reader typed.
std::size_t count_query_words(std::string_view normalized);

// Every word the query requires or may match (not excluded with "-") is a stop word.
bool only_stop_words(std::string_view normalized, const Xapian::Stopper& stopper);

// The stems of `prefix*` wildcards in the (normalised) query, for highlighting: "ferr" for
// "title:ferr*". Negated wildcards (-ferr*) are left out: they never match a hit.
std::vector<std::string> wildcard_prefixes(std::string_view normalized);

// The last word when Xapian's FLAG_PARTIAL reads it as unfinished ("fer" in "title:fer"), for
// highlighting and spelling; nullopt when the query ends in a phrase, an operator, an exclusion,
// a wildcard, punctuation or a source:/tag: value, where Xapian keeps the word whole.
std::optional<std::string> partial_word(std::string_view normalized);

// The query as typed may end in a word being typed: not in punctuation ("ferry.", which the
// analysis drops) and not in an operator ("ferry OR", which it may turn into a word).
bool ends_mid_word(std::string_view q);

// `query` with its trailing word replaced by `word`: "ferry quilfeather" -> "ferry quillfeather".
std::string with_last_word(std::string query, std::string_view word);

bool is_blank_query(std::string_view q);

// Typed in capitals: no lower-case ASCII letter, and some word of two or more capitals that
// is not an operator ("WHAT IS THE U.S. POLICY AND ..."; not "東京 AND 大阪").
bool is_shouted(std::string_view q);

// q with AND, OR, NOT, XOR, NEAR and ADJ (and NEAR/n, ADJ/n) lower-cased: plain words.
std::string operators_as_words(std::string_view q);

}  // namespace dateline::server
