// Query text preparation: token-wise normalisation, word counting, wildcard prefixes, the
// partial last word.
#include "search/query_text.hpp"

#include <algorithm>

#include "dateline/text_analyzer.hpp"

namespace dateline::server {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> split_tokens(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && is_space(text[pos])) ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && !is_space(text[pos])) ++pos;
        if (pos > start) tokens.push_back(text.substr(start, pos - start));
    }
    return tokens;
}

bool is_operator(std::string_view token) {
    for (const std::string_view op : {"AND", "OR", "NOT", "XOR"})
        if (token == op) return true;
    for (const std::string_view op : {"NEAR", "ADJ"}) {
        if (!token.starts_with(op)) continue;
        const std::string_view rest = token.substr(op.size());
        if (rest.empty()) return true;
        if (rest.size() > 1 && rest[0] == '/' &&
            rest.substr(1).find_first_not_of("0123456789") == std::string_view::npos)
            return true;
    }
    return false;
}

// Letters, digits or any non-ASCII byte: something that can become a term.
bool has_word_char(std::string_view token) {
    for (const char c : token) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
            (c >= 'A' && c <= 'Z'))
            return true;
    }
    return false;
}

bool is_word_byte(char c) {
    return static_cast<unsigned char>(c) >= 0x80 || (c >= '0' && c <= '9') ||
           (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Where the trailing run of word bytes of `text` starts.
std::size_t trailing_word_start(std::string_view text) {
    std::size_t start = text.size();
    while (start > 0 && is_word_byte(text[start - 1])) --start;
    return start;
}

// What may stand before a word that FLAG_PARTIAL still expands: nothing, a "+" or a free-text
// field (source: and tag: are boolean filters, matched whole).
bool allows_partial(std::string_view lead) {
    for (const std::string_view allowed : {"", "+", "title:", "author:", "+title:", "+author:"})
        if (lead == allowed) return true;
    return false;
}

}  // namespace

std::string normalize_query(std::string_view q, bool keep_operators) {
    std::string out;
    for (const std::string_view token : split_tokens(q)) {
        if (!out.empty()) out += ' ';
        if (keep_operators && is_operator(token))
            out += token;
        else
            out += TextAnalyzer::normalize(token);
    }
    return out;
}

std::size_t count_query_words(std::string_view normalized) {
    std::size_t words = 0;
    bool in_phrase = false;
    for (const std::string_view token : split_tokens(normalized)) {
        if (is_operator(token)) continue;
        const auto quotes = static_cast<std::size_t>(std::count(token.begin(), token.end(), '"'));
        if (!in_phrase && has_word_char(token)) ++words;
        if (quotes % 2 == 1) in_phrase = !in_phrase;
    }
    return words;
}

std::vector<std::string> wildcard_prefixes(std::string_view normalized) {
    std::vector<std::string> prefixes;
    for (const std::string_view token : split_tokens(normalized)) {
        if (token.size() < 2 || token.back() != '*' || token.front() == '-') continue;
        const std::string_view stem = token.substr(0, token.size() - 1);
        const std::size_t start = trailing_word_start(stem);
        if (start < stem.size()) prefixes.emplace_back(stem.substr(start));
    }
    return prefixes;
}

std::optional<std::string> partial_word(std::string_view normalized) {
    const std::vector<std::string_view> tokens = split_tokens(normalized);
    if (tokens.empty() || is_operator(tokens.back())) return std::nullopt;
    if (std::count(normalized.begin(), normalized.end(), '"') % 2 == 1)
        return std::nullopt;  // inside an unclosed phrase
    const std::string_view token = tokens.back();
    const std::size_t start = trailing_word_start(token);
    if (start == token.size() || !allows_partial(token.substr(0, start))) return std::nullopt;
    return std::string(token.substr(start));
}

std::string with_last_word(std::string query, std::string_view word) {
    return query.replace(trailing_word_start(query), std::string::npos, word);
}

bool is_blank_query(std::string_view q) {
    for (const char c : q)
        if (!is_space(c)) return false;
    return true;
}

}  // namespace dateline::server
