// Type-ahead: titles by a partial title query, terms by frequency under the last word.
#include "search/suggester.hpp"

#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "dateline/accent_folding.hpp"
#include "dateline/index_schema.hpp"
#include "dateline/text_analyzer.hpp"
#include "search/query_text.hpp"
#include "search/search_request.hpp"

namespace dateline::server {
namespace {

struct Prefix {
    std::string normalized;  // every word normalised, single spaces
    std::string head;        // the words before the last, with their trailing space
    std::string last;        // the word being typed
};

// Each typed word as the index holds it (normalised, accent-folded), single spaces; words are
// kept whole, unlike search analysis, because type-ahead completes the word as written.
std::string plain_words(std::string_view typed) {
    std::string out;
    std::size_t pos = 0;
    while (pos < typed.size()) {
        const std::size_t start = typed.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) break;
        const std::size_t end = std::min(typed.find_first_of(" \t\r\n", start), typed.size());
        if (!out.empty()) out += ' ';
        out += fold_accents(TextAnalyzer::normalize(typed.substr(start, end - start)));
        pos = end;
    }
    return out;
}

Prefix split_prefix(std::string_view typed) {
    Prefix prefix;
    prefix.normalized = plain_words(typed);
    const std::size_t space = prefix.normalized.rfind(' ');
    const std::size_t cut = space == std::string::npos ? 0 : space + 1;
    prefix.head = prefix.normalized.substr(0, cut);
    prefix.last = prefix.normalized.substr(cut);
    return prefix;
}

bool is_number(std::string_view term) {
    return term.find_first_not_of("0123456789.,") == std::string_view::npos;
}

bool is_plain_word_start(std::string_view word) {
    const auto first = static_cast<unsigned char>(word.front());
    return first >= 0x80 || (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
}

// The most frequent terms starting with `last`, most frequent first (ties alphabetical).
std::vector<std::string> frequent_terms(const Xapian::Database& database, const std::string& last,
                                        std::size_t limit) {
    // Prefixed terms start with a capital letter, so a normalised word reaches only plain ones.
    if (last.empty() || !is_plain_word_start(last)) return {};
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    std::size_t scanned = 0;
    for (auto it = database.allterms_begin(last);
         it != database.allterms_end(last) && scanned < kMaxScannedTerms; ++it, ++scanned)
        if (!is_number(*it)) found.emplace_back(it.get_termfreq(), *it);
    const std::size_t kept = std::min(found.size(), limit);
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                      [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    std::vector<std::string> terms;
    for (std::size_t i = 0; i < kept; ++i) terms.push_back(std::move(found[i].second));
    return terms;
}

// Titles matching every typed word, the last as a partial word, best first.
std::vector<std::string> matching_titles(const Xapian::Database& database, TextAnalyzer& analyzer,
                                         const std::string& normalized, std::size_t limit) {
    Xapian::QueryParser parser;
    analyzer.configure(parser, std::nullopt);
    parser.set_stopper(nullptr);  // type-ahead in any language: no English stop words
    parser.set_database(database);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.set_max_expansion(SearchLimits::kMaxWildcardExpansion,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_PARTIAL);
    const unsigned flags = Xapian::QueryParser::FLAG_PARTIAL;
    Xapian::Query query;
    try {
        query = parser.parse_query(normalized, flags, std::string(schema::kTitlePrefix));
    } catch (const Xapian::QueryParserError&) {
        return {};  // type-ahead of half a query: nothing to offer yet
    }
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    std::vector<std::string> titles;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const auto record = nlohmann::json::parse(it.get_document().get_data());
        if (const auto title = record.find("title"); title != record.end() && title->is_string())
            titles.push_back(title->get<std::string>());
    }
    return titles;
}

// Titles first, but leaving terms half the room when there are enough of both.
std::vector<std::string> merge(std::vector<std::string> titles, std::vector<std::string> terms,
                               std::size_t limit) {
    const std::size_t title_room = std::max((limit + 1) / 2, limit - std::min(limit, terms.size()));
    std::vector<std::string> merged;
    std::unordered_set<std::string> seen;
    const auto add = [&](std::string& suggestion) {
        if (merged.size() < limit && seen.insert(TextAnalyzer::normalize(suggestion)).second)
            merged.push_back(std::move(suggestion));
    };
    std::size_t next_title = 0;
    for (; next_title < titles.size() && merged.size() < title_room; ++next_title)
        add(titles[next_title]);
    for (std::string& term : terms) add(term);
    for (; next_title < titles.size(); ++next_title) add(titles[next_title]);  // room left over
    return merged;
}

}  // namespace

std::vector<std::string> suggest_completions(const Xapian::Database& database,
                                             TextAnalyzer& analyzer, std::string_view prefix,
                                             std::size_t limit) {
    const Prefix typed = split_prefix(prefix);
    if (typed.normalized.empty() || limit == 0) return {};
    std::vector<std::string> terms = frequent_terms(database, typed.last, limit);
    for (std::string& term : terms) term.insert(0, typed.head);
    // Titles are searched with the search analysis (segments, bigrams, joined words).
    return merge(matching_titles(database, analyzer, normalize_query(prefix, false), limit),
                 std::move(terms), limit);
}

}  // namespace dateline::server
