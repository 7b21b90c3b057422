// Query text preparation: token-wise normalisation, word counting, wildcard prefixes.
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
        std::size_t start = token.size() - 1;
        while (start > 0 && is_word_byte(token[start - 1])) --start;
        if (start < token.size() - 1)
            prefixes.emplace_back(token.substr(start, token.size() - 1 - start));
    }
    return prefixes;
}

bool is_blank_query(std::string_view q) {
    for (const char c : q)
        if (!is_space(c)) return false;
    return true;
}

}  // namespace dateline::server
