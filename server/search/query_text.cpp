// Query text preparation: token-wise normalisation, word counting, wildcard prefixes, the
// partial last word.
#include "search/query_text.hpp"

#include <algorithm>
#include <cctype>

#include "dateline/term_analysis.hpp"

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

// A token without the query syntax around its word: "+(ferry*" -> "ferry".
std::string_view bare_word(std::string_view token) {
    while (!token.empty() && (token.front() == '+' || token.front() == '(')) token.remove_prefix(1);
    while (!token.empty() && (token.back() == ')' || token.back() == '*')) token.remove_suffix(1);
    if (const std::size_t colon = token.find(':'); colon != std::string_view::npos)
        token.remove_prefix(colon + 1);
    return token;
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

struct Group {
    std::size_t begin = 0, end = 0;   // bytes of q
    std::size_t first = 0, last = 0;  // terms, last exclusive
};

std::vector<Group> groups_of(const std::vector<AnalyzedTerm>& terms) {
    std::vector<Group> groups;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (groups.empty() || terms[groups.back().first].group != terms[i].group)
            groups.push_back({terms[i].begin, terms[i].end, i, i});
        Group& group = groups.back();
        group.begin = std::min(group.begin, terms[i].begin);
        group.end = std::max(group.end, terms[i].end);
        group.last = i + 1;
    }
    return groups;
}

enum class Field { kNone, kText, kBoolean };

Field field_named(std::string_view name) {
    for (const std::string_view text : {"title", "author"})
        if (name == text) return Field::kText;
    for (const std::string_view boolean : {"source", "tag"})
        if (name == boolean) return Field::kBoolean;
    return Field::kNone;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// One pass over q: syntax copied, words replaced by their query forms.
class QueryPreparation {
public:
    QueryPreparation(std::string_view q, bool keep_operators)
        : q_(q), keep_operators_(keep_operators) {}

    PreparedQuery run() {
        terms_ = analyzed_terms(q_);
        groups_ = groups_of(terms_);
        for (const Group& group : groups_) {
            if (group.begin < pos_) continue;  // inside a source:/tag: value
            copy_syntax(group.begin);
            word(group);
        }
        copy_syntax(q_.size());
        tidy();
        return std::move(out_);
    }

private:
    void word(const Group& group) {
        const std::string_view raw = q_.substr(group.begin, group.end - group.begin);
        if (keep_operators_ && !in_quote_ && operator_at(group, raw)) return;
        if (group.end < q_.size() && q_[group.end] == ':' && !in_quote_) {
            const Field field = field_named(ascii_lower(raw));
            if (field != Field::kNone) return field_prefix(group, raw, field);
        }
        const bool negated = !text().empty() && text().back() == '-';
        text() +=
            query_form(std::span(terms_).subspan(group.first, group.last - group.first), in_quote_);
        for (std::size_t i = group.first; i < group.last; ++i)
            if (!negated && !terms_[i].exact.empty() && terms_[i].role == TermRole::kPrimary)
                out_.exact_forms.push_back(terms_[i].exact);
        pos_ = group.end;
        after_word_ = pos_;
    }

    bool operator_at(const Group& group, std::string_view raw) {
        std::size_t end = group.end;
        if ((raw == "NEAR" || raw == "ADJ") && end + 1 < q_.size() && q_[end] == '/' &&
            is_ascii_digit(q_[end + 1])) {
            ++end;
            while (end < q_.size() && is_ascii_digit(q_[end])) ++end;
        }
        if (!is_operator(q_.substr(group.begin, end - group.begin))) return false;
        // "NEAR/2-x" is no operator: its digits start a word of their own.
        if (end < q_.size() && !is_space(q_[end]) && q_[end] != '(' && q_[end] != '"') return false;
        // An operator needs something on both sides ("a AND NOT b" is fine): a stray one is a
        // word, so QueryParser is not left with a syntax error.
        if (!after_operand(raw) || !operand_follows(end, raw)) return false;
        text().append(q_, group.begin, end - group.begin);
        pos_ = end;
        return true;
    }

    bool after_operand(std::string_view op) {
        std::string_view before = text();
        while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
        if (before.empty()) return false;
        if (op == "NOT" && (before.ends_with(" AND") || before.ends_with(" OR"))) return true;
        const char last = before.back();
        return last == '"' || last == ')' || last == '*' ||
               static_cast<unsigned char>(last) >= 0x80 ||
               std::isalnum(static_cast<unsigned char>(last)) || last == '\'';
    }

    // What follows `end` is a phrase, or a word with terms that is not an operator itself
    // (after AND or OR: a NOT, then one). Words that give no terms (too long) do not count.
    bool operand_follows(std::size_t end, std::string_view op) const {
        const auto next = std::find_if(groups_.begin(), groups_.end(),
                                       [&](const Group& group) { return group.begin >= end; });
        const std::size_t stop = next == groups_.end() ? q_.size() : next->begin;
        for (std::size_t i = end; i < stop; ++i) {
            if (q_[i] == '"') return true;
            if (!is_space(q_[i]) && q_[i] != '(' && q_[i] != '+' && q_[i] != '-') return false;
        }
        if (next == groups_.end()) return false;
        const std::string_view word = q_.substr(next->begin, next->end - next->begin);
        if ((op == "AND" || op == "OR") && word == "NOT") return operand_follows(next->end, word);
        return !is_operator(word) && word != "NEAR" && word != "ADJ";
    }

    void field_prefix(const Group& group, std::string_view raw, Field field) {
        text() += ascii_lower(raw);
        text() += ':';
        pos_ = group.end + 1;
        after_word_ = std::string_view::npos;
        if (field != Field::kBoolean) return;
        // A filter value is matched whole, as the indexer stored it: copied as typed.
        std::size_t end = pos_;
        if (end < q_.size() && q_[end] == '"') {
            end = q_.find('"', end + 1);
            end = end == std::string_view::npos ? q_.size() : end + 1;
        } else {
            while (end < q_.size() && !is_space(q_[end])) ++end;
        }
        text().append(q_, pos_, end - pos_);
        pos_ = end;
    }

    void copy_syntax(std::size_t to) {
        for (; pos_ < to; ++pos_) {
            const char c = q_[pos_];
            if (c == '"') {
                in_quote_ = !in_quote_;
                text() += c;
            } else if ((c == '(' || c == ')') && !in_quote_) {
                text() += c;
            } else if ((c == '+' || c == '-') && !in_quote_ && at_token_start() &&
                       pos_ + 1 < q_.size() && !is_space(q_[pos_ + 1])) {
                text() += c;
            } else if (c == '*' && pos_ == after_word_ && !in_quote_) {
                text() += c;
            } else {
                text() += ' ';
            }
        }
    }

    bool at_token_start() { return text().empty() || text().back() == ' ' || text().back() == '('; }

    // Single spaces, none at the ends.
    void tidy() {
        std::string tidied;
        for (const char c : text()) {
            if (c == ' ' && (tidied.empty() || tidied.back() == ' ')) continue;
            tidied += c;
        }
        if (!tidied.empty() && tidied.back() == ' ') tidied.pop_back();
        text() = std::move(tidied);
    }

    static bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
    std::string& text() { return out_.text; }

    std::string_view q_;
    bool keep_operators_;
    std::vector<AnalyzedTerm> terms_;
    std::vector<Group> groups_;
    PreparedQuery out_;
    std::size_t pos_ = 0;
    std::size_t after_word_ = std::string_view::npos;  // where a wildcard '*' may follow
    bool in_quote_ = false;
};

}  // namespace

PreparedQuery prepare_query(std::string_view q, bool keep_operators) {
    return QueryPreparation(q, keep_operators).run();
}

std::string normalize_query(std::string_view q, bool keep_operators) {
    return prepare_query(q, keep_operators).text;
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

bool only_stop_words(std::string_view normalized, const Xapian::Stopper& stopper) {
    bool any = false;
    for (const std::string_view token : split_tokens(normalized)) {
        if (is_operator(token) || !has_word_char(token) || token.front() == '-') continue;
        if (token.find('"') != std::string_view::npos) return false;  // phrases keep them
        if (!stopper(std::string(bare_word(token)))) return false;
        any = true;
    }
    return any;
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

bool ends_mid_word(std::string_view q) {
    const std::vector<std::string_view> tokens = split_tokens(q);
    if (tokens.empty() || is_operator(tokens.back())) return false;
    const auto last = static_cast<unsigned char>(tokens.back().back());
    return last >= 0x80 || last == '_' || last == '*' || std::isalnum(last);
}

std::string with_last_word(std::string query, std::string_view word) {
    return query.replace(trailing_word_start(query), std::string::npos, word);
}

bool is_blank_query(std::string_view q) {
    for (const char c : q)
        if (!is_space(c)) return false;
    return true;
}

bool is_shouted(std::string_view q) {
    bool capitals = false;
    for (const std::string_view token : split_tokens(q)) {
        if (std::any_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            return false;
        if (is_operator(token)) continue;
        const auto upper =
            std::count_if(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        capitals = capitals || upper >= 2;
    }
    return capitals;
}

std::string operators_as_words(std::string_view q) {
    std::string out(q);
    for (const std::string_view token : split_tokens(q)) {
        if (!is_operator(token)) continue;
        const auto at = static_cast<std::size_t>(token.data() - q.data());
        for (std::size_t i = at; i < at + token.size(); ++i)
            if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
    }
    return out;
}

}  // namespace dateline::server
