// QueryBuilder: a SearchRequest -> the Xapian::Query a search runs: q parsed with the
// indexer's analysis and the schema's field prefixes, then the filters and date range.
// Not thread-safe: it holds a QueryParser (bound to the caller's Database) and borrows the
// caller's TextAnalyzer; make one per search.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "dateline/text_analyzer.hpp"
#include "search/api_error.hpp"
#include "search/query_text.hpp"
#include "search/ranking_options.hpp"
#include "search/search_request.hpp"

namespace dateline::server {

// Short queries ask for every word; longer ones are natural language and rank by any word.
inline constexpr std::size_t kMaxAllWordsQueryWords = 4;

// An index's articles are matched with the query analysed in their own language: languages
// whose stemmers read the query alike share one branch of the query; past this many
// branches, and past this many languages, articles are matched in the query's language.
inline constexpr std::size_t kMaxLanguageBranches = 8;
inline constexpr std::size_t kMaxIndexLanguages = 64;

class QueryBuilder {
public:
    enum class Matching {
        kByLength,  // all words for up to kMaxAllWordsQueryWords words, else any word
        kAnyWord,   // the relaxed retry after an all-words query matched nothing
    };

    struct Built {
        Xapian::Query query;  // what to run: text and filters
        Xapian::Query text;   // the parsed q alone, for highlighting (empty for an empty q)
        // "ferr" for ferr* (and for an unfinished last word), for highlighting
        std::vector<std::string> wildcard_prefixes;
        std::string corrected;   // did-you-mean, "" when none
        bool can_relax = false;  // all-words matching of several words: an any-word retry differs
        bool text_empty = true;  // no q: list by date
    };

    QueryBuilder(const Xapian::Database& database, TextAnalyzer& analyzer,
                 const RankingOptions& ranking = {});

    Result<Built, ApiError> build(const SearchRequest& request,
                                  Matching matching = Matching::kByLength);

    // The filters and date range alone; MatchAll when there are none.
    static Xapian::Query filter(const SearchRequest& request);
    static bool has_filters(const SearchRequest& request);

private:
    // The query for an index of several languages: each language's articles matched by the
    // query as analysed in their language (its stemmer), the most frequent languages first.
    Xapian::Query in_each_language(const Xapian::Query& query,
                                   const std::optional<std::string>& query_language,
                                   const std::vector<std::string>& languages,
                                   const std::string& normalized, Xapian::Query::op op,
                                   unsigned flags);
    // keep_last: the last word is unfinished and completable, so not a reason to correct.
    unsigned parse_flags(const std::optional<std::string>& language, const SearchRequest& request,
                         const std::string& normalized, bool keep_last);
    // Did-you-mean for the last parse, "" when none; `unfinished` is its partial last word.
    std::string correction(const std::string& normalized,
                           const std::optional<std::string>& unfinished, bool keep_last);
    Result<Xapian::Query, ApiError> parse(const std::string& normalized, Xapian::Query::op op,
                                          unsigned flags);
    Result<Xapian::Query, ApiError> parse_syntax(const std::string& normalized, unsigned flags);
    // Sets the parser's stemmer and stop words for a language.
    void read_in(const std::optional<std::string>& language);
    // The query's `limit` rarest words that the index has, in the order typed (stop words,
    // operators and syntax dropped): for natural-language queries over the term limit.
    std::string most_selective_words(const std::string& normalized, const Xapian::Stem& stemmer,
                                     std::size_t limit) const;
    // Accented words worth ranking by exact form: not the stop words ("à").
    std::vector<std::string> without_stop_words(std::vector<std::string> forms) const;
    // q prepared as the ranking options read it: a shouted query's operators made words,
    // synonyms written as their groups. Sets `words` to the number of words the reader typed.
    PreparedQuery prepare(const std::string& q, std::size_t& words);
    // The terms of each synonym group written into the query, as the parser now reads them.
    std::vector<std::set<std::string>> synonym_groups();
    // Articles that have the query's words as typed (not only their stems) rank higher.
    Xapian::Query prefer_exact(Xapian::Query text, const PreparedQuery& prepared) const;

    const Xapian::Database& database_;
    TextAnalyzer& analyzer_;
    const RankingOptions ranking_;  // a copy: cheap (the synonym table is shared)
    Xapian::QueryParser parser_;
    const Xapian::Stopper* stopper_ = nullptr;  // the language read_in() last chose
    std::vector<std::string> synonym_clauses_;  // written into the query by prepare()
    std::string plain_text_;  // the prepared query without them: for spelling and cutting
};

}  // namespace dateline::server
