// Fuzz target: arbitrary UTF-8 as a search box's q — term analysis, query preparation and
// Xapian's QueryParser. Checks the property search correctness rests on: every word's query
// form parses back to exactly the terms the indexer stores for it. Crashes and broken
// invariants abort. Corpus: fuzz/corpus/query_analysis_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dateline/term_analysis.hpp"
#include "dateline/utf8.hpp"
#include "search/query_text.hpp"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

std::set<std::string> parsed_terms(const std::string& text) {
    Xapian::QueryParser parser;  // no stemmer: the terms as written
    std::set<std::string> terms;
    const Xapian::Query query = parser.parse_query(text, Xapian::QueryParser::FLAG_PHRASE);
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        terms.insert(*it);
    return terms;
}

// What the index holds for a group and a query must find: the joined form of a hyphenated
// word, else every primary term.
std::set<std::string> expected_terms(std::span<const dateline::AnalyzedTerm> group) {
    std::set<std::string> primaries, joined;
    std::size_t parts = 0;
    for (const auto& term : group) {
        if (term.role == dateline::TermRole::kPrimary) {
            primaries.insert(term.term);
            ++parts;
        }
        if (term.role == dateline::TermRole::kJoined) joined.insert(term.term);
    }
    const bool segmented =
        !group.empty() && (group.front().kind == dateline::TermKind::kSegmented ||
                           group.front().kind == dateline::TermKind::kBigram);
    if (!segmented && parts > 1 && !joined.empty()) return joined;
    return primaries.empty() ? joined : primaries;
}

void check_groups(std::string_view text, const std::vector<dateline::AnalyzedTerm>& terms) {
    for (std::size_t i = 0; i < terms.size();) {
        std::size_t j = i;
        while (j < terms.size() && terms[j].group == terms[i].group) {
            require(terms[j].begin < terms[j].end && terms[j].end <= text.size());
            require(!terms[j].term.empty());
            ++j;
        }
        const std::span<const dateline::AnalyzedTerm> group(terms.data() + i, j - i);
        const std::string form = dateline::query_form(group, false);
        try {
            require(parsed_terms(form) == expected_terms(group));
        } catch (const Xapian::QueryParserError&) {
            std::abort();  // a query form must always parse
        }
        i = j;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (size > 4096 || dateline::find_invalid_utf8(bytes)) return 0;  // the API rejects both
    check_groups(bytes, dateline::analyzed_terms(bytes));
    const dateline::server::PreparedQuery prepared = dateline::server::prepare_query(bytes);
    try {
        Xapian::QueryParser parser;
        parser.parse_query(prepared.text, Xapian::QueryParser::FLAG_PHRASE |
                                              Xapian::QueryParser::FLAG_BOOLEAN |
                                              Xapian::QueryParser::FLAG_LOVEHATE |
                                              Xapian::QueryParser::FLAG_WILDCARD);
    } catch (const Xapian::QueryParserError&) {
        // Stray operators: the server then reads them as words.
    }
    return 0;
}
