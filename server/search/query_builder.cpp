// Building the Xapian query from a SearchRequest, configured from index_schema.hpp and the
// shared TextAnalyzer so that query-time analysis matches index time.
#include "search/query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <unordered_set>

#include "dateline/accent_folding.hpp"
#include "dateline/index_schema.hpp"
#include "dateline/language_detector.hpp"
#include "dateline/stop_words.hpp"
#include "search/index_languages.hpp"
#include "search/query_text.hpp"
#include "search/synonym_query.hpp"

namespace dateline::server {
namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD;

// source:"The Guardian" -> the normalised filter term the indexer wrote.
class FilterFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit FilterFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::filter_term(prefix_, value));
    }

private:
    std::string prefix_;
};

// Values OR'd within one field.
Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const std::string& value : values) terms.emplace_back(schema::filter_term(prefix, value));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query any_language(const std::vector<std::string>& langs) {
    std::vector<Xapian::Query> terms;
    for (const std::string& lang : langs)
        terms.emplace_back(std::string(schema::kLangPrefix) + TextAnalyzer::primary_language(lang));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<Xapian::Query> date_range(const SearchRequest& request) {
    using Q = Xapian::Query;
    if (request.from && request.to)
        return Q(Q::OP_VALUE_RANGE, schema::kDateSlot, schema::date_value(*request.from),
                 schema::date_value(*request.to));
    if (request.from)
        return Q(Q::OP_VALUE_GE, schema::kDateSlot, schema::date_value(*request.from));
    if (request.to) return Q(Q::OP_VALUE_LE, schema::kDateSlot, schema::date_value(*request.to));
    return std::nullopt;
}

std::size_t distinct_terms(const Xapian::Query& query) {
    std::size_t count = 0;
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term)
        ++count;
    return count;
}

Unexpected<ApiError> bad_q(std::string message) {
    return Unexpected(
        ApiError{ErrorCode::kInvalidParameter, "q: " + std::move(message), std::string("q")});
}

// Synonym groups written into a query may add this many terms beyond kMaxQueryTerms.
constexpr std::size_t kMaxSynonymTerms = 32;

// Each term is a posting list to merge; each wildcard up to kMaxWildcardExpansion of them.
// `synonym_terms`: the terms of the synonym groups written in, allowed beyond the limit.
Result<void, ApiError> check_term_count(const Xapian::Query& text, std::size_t wildcards,
                                        std::size_t synonym_terms) {
    const std::size_t terms = distinct_terms(text) + wildcards;
    if (terms <= SearchLimits::kMaxQueryTerms + std::min(synonym_terms, kMaxSynonymTerms))
        return {};
    return bad_q("has " + std::to_string(terms) + " terms; the limit is " +
                 std::to_string(SearchLimits::kMaxQueryTerms) +
                 " (each CJK character and character pair counts)");
}

// The language to read the query in: the one asked for; in an index of one language, that
// one (its articles are what the query must match); else the query's own (by script, or cld2
// when sure), else the index's default.
std::optional<std::string> query_language(const Xapian::Database& database,
                                          const SearchRequest& request,
                                          const std::vector<std::string>& index_languages) {
    if (request.langs.size() == 1) return request.langs.front();
    if (index_languages.size() == 1) return index_languages.front();
    if (auto detected = detect_query_language(request.q)) return detected;
    std::string fallback = database.get_metadata(std::string(schema::kDefaultLanguageMetadataKey));
    if (!fallback.empty()) return fallback;
    return std::nullopt;
}

Xapian::Query any_language_term(const std::vector<std::string>& languages) {
    std::vector<Xapian::Query> terms;
    for (const std::string& language : languages)
        terms.emplace_back(std::string(schema::kLangPrefix) + language);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Words of the prepared query text: what QueryParser will read as terms (quoted segments too).
std::vector<std::pair<std::size_t, std::size_t>> query_words(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> words;
    const auto is_syntax = [](char c) {
        return c == ' ' || c == '"' || c == '(' || c == ')' || c == '+' || c == '-' || c == ':' ||
               c == '*';
    };
    for (std::size_t pos = 0; pos < text.size();) {
        while (pos < text.size() && is_syntax(text[pos])) ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && !is_syntax(text[pos])) ++pos;
        if (pos > start) words.emplace_back(start, pos);
    }
    return words;
}

bool has_ascii_upper(std::string_view word) {
    return std::any_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A word of the normalised query that the index has never seen. Field names ("title:"),
// wildcards and operators (still upper-case) are not taken as misspellings.
// A word is known when the index has it as typed or by its stem ("quokkas" -> Zquokka).
// With skip_last, the final word is left out (an unfinished word the index can complete).
bool has_unknown_word(const Xapian::Database& database, const Xapian::Stem& stemmer,
                      std::string_view normalized, bool skip_last) {
    for (const auto& [begin, end] : query_words(normalized)) {
        const std::string_view word = normalized.substr(begin, end - begin);
        const char next = end < normalized.size() ? normalized[end] : ' ';
        if (next == ':' || next == '*') continue;  // a field name, or a wildcard's stem
        if (skip_last && end == normalized.size()) continue;
        if (has_ascii_upper(word)) continue;
        // Segments and bigrams of CJK, Hangul and Thai get no spelling suggestions.
        if (static_cast<unsigned char>(word.front()) >= 0xE0) continue;
        const std::string term(word);
        if (database.term_exists(term)) continue;
        if (!stemmer.is_none() && database.term_exists("Z" + stemmer(term))) continue;
        return true;
    }
    return false;
}

// The words of the prepared text that QueryParser stems: outside phrases, not excluded, not
// field names, operators, wildcards or stop words; each once.
std::vector<std::string> stemmed_words(std::string_view normalized,
                                       const Xapian::Stopper* stopper) {
    std::vector<std::string> words;
    for (const auto& [begin, end] : query_words(normalized)) {
        const std::string_view before = normalized.substr(0, begin);
        if (std::count(before.begin(), before.end(), '"') % 2 == 1) continue;  // in a phrase
        if (!before.empty() && before.back() == '-') continue;
        if (end < normalized.size() && (normalized[end] == ':' || normalized[end] == '*')) continue;
        std::string word(normalized.substr(begin, end - begin));
        const auto first = static_cast<unsigned char>(word.front());
        if (has_ascii_upper(word) || (first < 0x80 && !std::isalpha(first))) continue;
        if (stopper != nullptr && (*stopper)(word)) continue;
        if (std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(std::move(word));
    }
    return words;
}

// Some indexed word starts with `word`: typed on the way to it, not misspelt.
bool is_known_prefix(const Xapian::Database& database, const std::string& word) {
    return database.allterms_begin(word) != database.allterms_end(word);
}

// "-a -b" -> "a b"; nullopt unless every word is excluded.
std::optional<std::string> only_exclusions(const std::string& normalized) {
    std::string kept;
    std::size_t words = 0;
    for (std::size_t pos = 0; pos < normalized.size();) {
        const std::size_t start = normalized.find_first_not_of(' ', pos);
        if (start == std::string::npos) break;
        const std::size_t end = std::min(normalized.find(' ', start), normalized.size());
        if (normalized[start] != '-' || end - start < 2) return std::nullopt;
        kept.append(normalized, start + 1, end - start - 1).push_back(' ');
        ++words;
        pos = end;
    }
    if (words == 0) return std::nullopt;
    return kept;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& database, TextAnalyzer& analyzer,
                           const RankingOptions& ranking)
    : database_(database), analyzer_(analyzer), ranking_(ranking) {
    parser_.set_database(database);
    parser_.add_prefix("title", std::string(schema::kTitlePrefix));
    parser_.add_prefix("author", std::string(schema::kAuthorTextPrefix));
    parser_.add_boolean_prefix("source",
                               (new FilterFieldProcessor(schema::kSourcePrefix))->release());
    parser_.add_boolean_prefix("tag", (new FilterFieldProcessor(schema::kTagPrefix))->release());
    // One bound for ferr* and for an unfinished last word (FLAG_PARTIAL) alike.
    parser_.set_max_expansion(
        SearchLimits::kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
        Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
}

Result<QueryBuilder::Built, ApiError> QueryBuilder::build(const SearchRequest& request,
                                                          Matching matching) {
    Built built;
    built.query = filter(request);
    if (is_blank_query(request.q)) return built;
    // Only a search over every language needs the index's languages.
    const std::vector<std::string> languages = request.langs.empty()
                                                   ? index_languages(database_, kMaxIndexLanguages)
                                                   : std::vector<std::string>{};
    const std::optional<std::string> language = query_language(database_, request, languages);
    read_in(language);
    std::size_t words = 0;
    PreparedQuery prepared = prepare(request.q, words);
    std::string normalized = prepared.text;
    const bool all_words =
        ranking_.all_words && matching == Matching::kByLength && words <= kMaxAllWordsQueryWords;
    const bool mid_word = request.partial && ends_mid_word(request.q);
    const std::optional<std::string> unfinished =
        mid_word ? partial_word(normalized) : std::nullopt;
    const bool keep_last = unfinished && is_known_prefix(database_, *unfinished);
    const unsigned flags = parse_flags(language, request, plain_text_, keep_last);
    auto text = parse(normalized, all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, flags);
    if (!text) return Unexpected(std::move(text).error());
    if (text->empty()) return built;  // only punctuation: list by date, as for an empty q
    built.wildcard_prefixes = wildcard_prefixes(normalized);
    // The partial word expands like a wildcard (set_max_expansion bounds both).
    if (unfinished) built.wildcard_prefixes.push_back(*unfinished);
    std::size_t synonym_terms = 0;
    for (const std::set<std::string>& group : synonym_groups()) synonym_terms += group.size();
    if (!all_words && ranking_.long_query_cut &&
        distinct_terms(*text) + built.wildcard_prefixes.size() >
            SearchLimits::kMaxQueryTerms + std::min(synonym_terms, kMaxSynonymTerms)) {
        // A pasted paragraph: its rarest words say most about what it is looking for, and
        // bound the work like any other query.
        // Cut from the words as typed: a synonym group's members would crowd out the rest.
        synonym_clauses_.clear();
        synonym_terms = 0;
        normalized = most_selective_words(plain_text_, analyzer_.stemmer_for(language),
                                          SearchLimits::kMaxQueryTerms);
        text = parse(normalized, Xapian::Query::OP_OR, flags);
        if (!text) return Unexpected(std::move(text).error());
        built.wildcard_prefixes.clear();
    }
    if (auto too_many = check_term_count(*text, built.wildcard_prefixes.size(), synonym_terms);
        !too_many)
        return Unexpected(too_many.error());
    // Did-you-mean reads the query as typed, not with its synonyms written in (and is read
    // from the parser's last parse, so before anything else is parsed).
    if (!synonym_clauses_.empty() && (flags & Xapian::QueryParser::FLAG_SPELLING_CORRECTION))
        (void)parse_syntax(plain_text_, flags);
    built.corrected =
        correction(synonym_clauses_.empty() ? normalized : plain_text_, unfinished, keep_last);
    built.can_relax = all_words && words > 1;
    built.text_empty = false;
    const Xapian::Query matched =
        request.langs.empty()
            ? in_each_language(*text, language, languages, normalized,
                               all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                               flags & ~unsigned{Xapian::QueryParser::FLAG_SPELLING_CORRECTION})
            : *text;
    prepared.text = normalized;  // as cut, when it was
    built.text = prefer_exact(matched, prepared);
    built.query = has_filters(request)
                      ? Xapian::Query(Xapian::Query::OP_FILTER, built.text, built.query)
                      : built.text;
    return built;
}

Xapian::Query QueryBuilder::in_each_language(const Xapian::Query& query,
                                             const std::optional<std::string>& query_language,
                                             const std::vector<std::string>& languages,
                                             const std::string& normalized, Xapian::Query::op op,
                                             unsigned flags) {
    if (languages.size() < 2) return query;
    struct Branch {
        Xapian::Query query;
        std::vector<std::string> languages;
    };
    // Keyed by the parsed query: languages whose stemmers agree on this query share a branch.
    std::map<std::string, Branch> branches;
    const std::string default_key = query.serialise();
    branches[default_key].query = query;
    const std::string read_as = query_language ? TextAnalyzer::primary_language(*query_language)
                                               : std::string(TextAnalyzer::kDefaultLanguage);
    for (const std::string& language : languages) {
        if (language == read_as) continue;  // `query` is its parse already
        read_in(language);
        auto parsed = parse(normalized, op, flags);
        if (!parsed) continue;  // its articles are matched by the default branch
        const std::string key = parsed->serialise();
        if (!branches.contains(key) && branches.size() > kMaxLanguageBranches) continue;
        Branch& branch = branches[key];
        branch.query = *parsed;
        branch.languages.push_back(language);
    }
    read_in(query_language);  // the stop words of the query's language apply after this
    if (branches.size() == 1) return query;
    std::vector<Xapian::Query> parts;
    std::vector<std::string> elsewhere;  // languages with a branch of their own
    for (auto& [key, branch] : branches) {
        if (key == default_key) continue;
        parts.emplace_back(Xapian::Query::OP_FILTER, branch.query,
                           any_language_term(branch.languages));
        elsewhere.insert(elsewhere.end(), branch.languages.begin(), branch.languages.end());
    }
    // Every other article (the default's languages, and any past kMaxLanguageBranches).
    parts.emplace_back(Xapian::Query::OP_AND_NOT, query, any_language_term(elsewhere));
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

std::string QueryBuilder::most_selective_words(const std::string& normalized,
                                               const Xapian::Stem& stemmer,
                                               std::size_t limit) const {
    struct Word {
        Xapian::doccount frequency;
        std::size_t order;
        std::string text;
    };
    std::vector<Word> found;
    std::unordered_set<std::string> seen;
    for (const auto& [begin, end] : query_words(normalized)) {
        std::string word = normalized.substr(begin, end - begin);
        if (has_ascii_upper(word) || !seen.insert(word).second) continue;  // operators, repeats
        if (stopper_ != nullptr && (*stopper_)(word)) continue;
        Xapian::doccount frequency =
            database_.get_termfreq(std::string(schema::kStemPrefix) + stemmer(word));
        if (frequency == 0) frequency = database_.get_termfreq(word);
        if (frequency == 0) continue;  // matches nothing either way
        found.push_back({frequency, found.size(), std::move(word)});
    }
    const auto rarer = [](const Word& a, const Word& b) {
        return a.frequency != b.frequency ? a.frequency < b.frequency : a.order < b.order;
    };
    std::sort(found.begin(), found.end(), rarer);
    found.resize(std::min(found.size(), limit));
    std::sort(found.begin(), found.end(),
              [](const Word& a, const Word& b) { return a.order < b.order; });
    std::string kept;
    for (const Word& word : found) kept += (kept.empty() ? "" : " ") + word.text;
    return kept;
}

PreparedQuery QueryBuilder::prepare(const std::string& q, std::size_t& words) {
    // A question typed in capitals means its "AND" as a word; a short "NASA OR ESA" does not.
    const bool shouted_sentence = ranking_.capitals_as_words && is_shouted(q) &&
                                  count_query_words(operators_as_words(q)) > kMaxAllWordsQueryWords;
    const std::string typed = shouted_sentence ? operators_as_words(q) : q;
    PreparedQuery prepared = prepare_query(typed);
    words = count_query_words(prepared.text);
    plain_text_ = prepared.text;
    if (!ranking_.synonyms) return prepared;
    SynonymTable::Expanded expanded = ranking_.synonyms->expand(typed);
    if (expanded.clauses.empty()) return prepared;
    synonym_clauses_ = std::move(expanded.clauses);
    return prepare_query(expanded.text);
}

std::vector<std::set<std::string>> QueryBuilder::synonym_groups() {
    std::vector<std::set<std::string>> groups;
    for (const std::string& clause : synonym_clauses_) {
        auto parsed = parse_syntax(normalize_query(clause), Xapian::QueryParser::FLAG_BOOLEAN |
                                                                Xapian::QueryParser::FLAG_PHRASE);
        if (parsed)
            groups.emplace_back(parsed->get_unique_terms_begin(), parsed->get_unique_terms_end());
    }
    return groups;
}

// Accented words typed with their accents also match their exact form ("XEcafé"), which ranks
// articles that wrote the word that way above those that wrote "cafe"; and every stemmed word
// matches its unstemmed term too, with a share of its weight, so "computing" ranks articles
// about computing above those about computers.
Xapian::Query QueryBuilder::prefer_exact(Xapian::Query text, const PreparedQuery& prepared) const {
    std::vector<Xapian::Query> terms;
    for (const std::string& form : without_stop_words(prepared.exact_forms))
        terms.emplace_back(std::string(schema::kExactPrefix) + form);
    if (ranking_.stemming && ranking_.exact_word_weight > 0) {
        std::vector<Xapian::Query> words;
        for (const std::string& word : stemmed_words(prepared.text, stopper_))
            words.emplace_back(word);
        if (!words.empty())
            terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()),
                               ranking_.exact_word_weight);
    }
    if (terms.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

std::vector<std::string> QueryBuilder::without_stop_words(std::vector<std::string> forms) const {
    if (stopper_ == nullptr) return forms;
    std::erase_if(forms, [&](const std::string& form) { return (*stopper_)(fold_accents(form)); });
    return forms;
}

unsigned QueryBuilder::parse_flags(const std::optional<std::string>& language,
                                   const SearchRequest& request, const std::string& normalized,
                                   bool keep_last) {
    using Parser = Xapian::QueryParser;
    const unsigned partial = request.partial ? unsigned{Parser::FLAG_PARTIAL} : 0U;
    // Spelling correction costs Xapian 0.1-0.5 ms a word even for words it knows, so it is
    // asked for only when the query looks misspelt: some word is not in the index at all.
    const Xapian::Stem& stemmer = analyzer_.stemmer_for(language);
    const bool misspelt = has_unknown_word(database_, stemmer, normalized, keep_last);
    return kParseFlags | partial | (misspelt ? unsigned{Parser::FLAG_SPELLING_CORRECTION} : 0U);
}

std::string QueryBuilder::correction(const std::string& normalized,
                                     const std::optional<std::string>& unfinished, bool keep_last) {
    std::string corrected = parser_.get_corrected_query_string();
    // Xapian never corrects a partial term. One that no indexed word starts with is finished
    // and misspelt ("quilfeather"), so it is corrected here as Xapian does other words.
    if (!unfinished || keep_last) return corrected;
    const std::string fixed = database_.get_spelling_suggestion(*unfinished);
    if (fixed.empty()) return corrected;
    if (corrected.empty()) corrected = normalized;
    return with_last_word(std::move(corrected), fixed);
}

bool QueryBuilder::has_filters(const SearchRequest& request) {
    return !request.sources.empty() || !request.tags.empty() || !request.authors.empty() ||
           !request.langs.empty() || request.from || request.to;
}

Xapian::Query QueryBuilder::filter(const SearchRequest& request) {
    std::vector<Xapian::Query> parts;
    if (!request.sources.empty()) parts.push_back(any_of(schema::kSourcePrefix, request.sources));
    if (!request.tags.empty()) parts.push_back(any_of(schema::kTagPrefix, request.tags));
    if (!request.authors.empty()) parts.push_back(any_of(schema::kAuthorPrefix, request.authors));
    if (!request.langs.empty()) parts.push_back(any_language(request.langs));
    if (auto range = date_range(request)) parts.push_back(*range);
    // A fresh match-all query: the shared static Query::MatchAll has a non-atomic reference
    // count, and every search worker would touch it.
    if (parts.empty()) return Xapian::Query(std::string());
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Result<Xapian::Query, ApiError> QueryBuilder::parse(const std::string& normalized,
                                                    Xapian::Query::op op, unsigned flags) {
    // Xapian reads a query of only "-words" as a search for those words; a reader means
    // "everything except them".
    if (auto excluded = only_exclusions(normalized)) {
        auto parsed = parse(*excluded, Xapian::Query::OP_OR, flags);
        if (!parsed) return parsed;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string()), *parsed);
    }
    parser_.set_default_op(op);
    // "the -ferry": without its stop words the query would be exclusions only.
    const bool keep_stop_words = stopper_ != nullptr && only_stop_words(normalized, *stopper_);
    if (keep_stop_words) parser_.set_stopper(nullptr);
    auto parsed = parse_syntax(normalized, flags);
    if (keep_stop_words) parser_.set_stopper(stopper_);
    if (!parsed || synonym_clauses_.empty()) return parsed;
    return with_synonym_groups(*parsed, synonym_groups());
}

void QueryBuilder::read_in(const std::optional<std::string>& language) {
    analyzer_.configure(parser_, language);
    if (!ranking_.stemming) parser_.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    stopper_ = ranking_.stop_words
                   ? stopper_for(language ? TextAnalyzer::primary_language(*language)
                                          : std::string(TextAnalyzer::kDefaultLanguage))
                   : nullptr;
    if (!ranking_.stop_words) parser_.set_stopper(nullptr);
}

Result<Xapian::Query, ApiError> QueryBuilder::parse_syntax(const std::string& normalized,
                                                           unsigned flags) {
    try {
        return parser_.parse_query(normalized, flags);
    } catch (const Xapian::QueryParserError&) {
        // A stray operator ("AND" alone): read the operators as plain words instead.
    }
    try {
        return parser_.parse_query(normalize_query(normalized, false), flags);
    } catch (const Xapian::QueryParserError& error) {
        return bad_q("cannot be parsed: " + error.get_msg());
    }
}

}  // namespace dateline::server
