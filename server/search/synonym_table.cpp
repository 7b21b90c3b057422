// Synonym groups: reading a synonym file, and writing a query's members as their groups.
#include "search/synonym_table.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "dateline/term_analysis.hpp"
#include "dateline/utf8.hpp"

namespace dateline::server {
namespace {

// Kept small on purpose: only names a news reader writes both ways, whose short forms are
// not everyday words in the languages the index serves (so no "UN", an article in French).
// "U.S." needs no line of its own: the analysis reads it as "us".
constexpr std::string_view kNewsSynonyms = R"(# Dateline's built-in synonyms (docs/ranking.md)
US, USA, United States, United States of America
UK, United Kingdom, Britain, Great Britain
EU, European Union
)";

std::string_view trimmed(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// Member text is copied into query syntax: it may not carry syntax of its own.
bool has_query_syntax(std::string_view member) {
    return member.find_first_of("\"()+*:") != std::string_view::npos;
}

std::vector<std::string> primary_terms(std::string_view text) {
    std::vector<std::string> terms;
    for (const AnalyzedTerm& term : analyzed_terms(text))
        if (term.role == TermRole::kPrimary) terms.push_back(term.term);
    return terms;
}

std::vector<AnalyzedTerm> primary_analysis(std::string_view q) {
    std::vector<AnalyzedTerm> terms = analyzed_terms(q);
    std::erase_if(terms, [](const AnalyzedTerm& term) { return term.role != TermRole::kPrimary; });
    return terms;
}

bool inside_phrase(std::string_view q, std::size_t at) {
    return std::count(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(at), '"') % 2 == 1;
}

// What surrounds a span keeps it as typed: "-us", "+us", "source:us", "us*".
bool has_syntax_around(std::string_view q, std::size_t begin, std::size_t end) {
    std::size_t start = begin;
    while (start > 0 && q[start - 1] != ' ' && q[start - 1] != '(') --start;
    if (start < begin && q.substr(start, begin - start).find_first_of("-+:") != std::string::npos)
        return true;
    return end < q.size() && (q[end] == '*' || q[end] == ':');
}

bool has_ascii_lower(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_in_capitals(std::string_view member) {
    return !has_ascii_lower(member) && std::count_if(member.begin(), member.end(), [](char c) {
                                           return c >= 'A' && c <= 'Z';
                                       }) >= 2;
}

}  // namespace

Result<SynonymTable, std::string> SynonymTable::parse(std::string_view text,
                                                      std::string_view origin) {
    SynonymTable table;
    std::unordered_map<std::string, std::size_t> line_of;  // joined terms -> line
    std::size_t number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t newline = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, newline - pos);
        pos = newline + 1;
        ++number;
        const std::string where = std::string(origin) + ":" + std::to_string(number);
        if (find_invalid_utf8(line)) return Unexpected(where + ": not valid UTF-8");
        line = trimmed(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        std::vector<std::string> written;
        std::vector<Member> members;
        for (std::size_t start = 0; start <= line.size();) {
            const std::size_t comma = std::min(line.find(',', start), line.size());
            const std::string_view member = trimmed(line.substr(start, comma - start));
            start = comma + 1;
            if (has_query_syntax(member))
                return Unexpected(where + ": \"" + std::string(member) +
                                  "\" has query syntax (\" ( ) + * :)");
            std::vector<std::string> terms = primary_terms(member);
            if (terms.empty()) continue;
            std::string key;
            for (const std::string& term : terms) key += term + ' ';
            if (auto seen = line_of.find(key); seen != line_of.end()) {
                if (seen->second == number) continue;  // "UK" and "U.K." read alike
                return Unexpected(where + ": \"" + std::string(member) +
                                  "\" is already in the group on line " +
                                  std::to_string(seen->second));
            }
            line_of.emplace(key, number);
            written.emplace_back(member);
            members.push_back({std::move(terms), table.groups_.size(), is_in_capitals(member)});
        }
        if (members.size() < 2)
            return Unexpected(where + ": a group needs two or more members, separated by commas");
        for (Member& member : members)
            table.by_first_term_[member.terms.front()].push_back(std::move(member));
        table.groups_.push_back(std::move(written));
    }
    for (auto& [first, members] : table.by_first_term_)
        std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
            return a.terms.size() > b.terms.size();  // longest first
        });
    return table;
}

Result<SynonymTable, std::string> SynonymTable::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Unexpected(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

const SynonymTable& SynonymTable::news() {
    static const SynonymTable table = *parse(kNewsSynonyms, "built-in synonyms");
    return table;
}

template <class Terms>
std::optional<SynonymTable::Match> SynonymTable::match_at(std::string_view q, const Terms& terms,
                                                          std::size_t first) const {
    const auto found = by_first_term_.find(terms[first].term);
    if (found == by_first_term_.end()) return std::nullopt;
    for (const Member& member : found->second) {
        const std::size_t count = member.terms.size();
        if (first + count > terms.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < count && same; ++i) {
            const AnalyzedTerm& term = terms[first + i];
            same =
                term.term == member.terms[i] && term.position == terms[first].position + i &&
                (i == 0 || q.substr(terms[first + i - 1].end, term.begin - terms[first + i - 1].end)
                                   .find_first_of("\"()") == std::string_view::npos);
        }
        if (!same) continue;
        const Match match{terms[first].begin, terms[first + count - 1].end, member.group};
        // "US" and "U.S." are the country; "us" is the pronoun.
        if (member.capitals && has_ascii_lower(q.substr(match.begin, match.end - match.begin)))
            continue;
        return match;
    }
    return std::nullopt;
}

std::string SynonymTable::group_clause(std::size_t group) const {
    std::string clause = "(";
    for (const std::string& member : groups_[group]) {
        if (clause.size() > 1) clause += " OR ";
        const bool phrase = member.find(' ') != std::string::npos;
        clause += phrase ? "\"" + member + "\"" : member;
    }
    return clause + ")";
}

SynonymTable::Expanded SynonymTable::expand(std::string_view q) const {
    Expanded expanded;
    if (groups_.empty()) {
        expanded.text = q;
        return expanded;
    }
    const std::vector<AnalyzedTerm> terms = primary_analysis(q);
    std::string& out = expanded.text;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < terms.size();) {
        std::optional<Match> match = match_at(q, terms, i);
        if (match &&
            (inside_phrase(q, match->begin) || has_syntax_around(q, match->begin, match->end)))
            match.reset();
        if (!match) {
            ++i;
            continue;
        }
        out.append(q, copied, match->begin - copied);
        expanded.clauses.push_back(group_clause(match->group));
        out += expanded.clauses.back();
        copied = match->end;
        while (i < terms.size() && terms[i].begin < match->end) ++i;
    }
    out.append(q, copied);
    return expanded;
}

}  // namespace dateline::server
