// Stop words: per-language lists held in the form the analysis gives query words, and
// QueryParser (configured by TextAnalyzer) dropping them from queries that have other words.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "dateline/accent_folding.hpp"
#include "dateline/stop_words.hpp"
#include "dateline/term_analysis.hpp"
#include "dateline/text_analyzer.hpp"

using namespace dateline;

namespace {

using Ids = std::vector<std::string>;

constexpr const char* kListedLanguages[] = {"en", "de", "fr", "es", "it", "pt", "nl",
                                            "sv", "da", "no", "fi", "ru", "ar"};

std::string folded(std::string_view word) {
    return fold_accents(TextAnalyzer::normalize(word));
}

bool is_stop_word(std::string_view language, const std::string& query_word) {
    const Xapian::Stopper* stopper = stopper_for(language);
    return stopper != nullptr && (*stopper)(query_word);
}

// Each written word replaced by its query form, quotes and "+" kept: what the server hands
// QueryParser (server/search/query_text.cpp), for the plain queries of these tests.
std::string query_text(std::string_view q) {
    const std::vector<AnalyzedTerm> terms = analyzed_terms(q);
    std::string text;
    std::size_t copied = 0;
    bool in_phrase = false;
    for (std::size_t first = 0; first < terms.size();) {
        std::size_t last = first;
        while (last < terms.size() && terms[last].group == terms[first].group) ++last;
        const std::string_view between = q.substr(copied, terms[first].begin - copied);
        in_phrase ^= std::count(between.begin(), between.end(), '"') % 2 == 1;
        text.append(between);
        text += query_form(std::span(terms).subspan(first, last - first), in_phrase);
        copied = std::max(copied, terms[last - 1].end);
        first = last;
    }
    return text.append(q.substr(copied));
}

// Documents indexed as the indexer's FieldIndexer does (positional terms and "Z" stems), and
// searched as the server does: every word required, the parser configured per language.
class TinyIndex {
public:
    TinyIndex() : database_(std::string(), Xapian::DB_BACKEND_INMEMORY) {}

    void add(const std::string& id, std::string_view text, const std::string& lang) {
        const Xapian::Stem& stemmer = analyzer_.stemmer_for(lang);
        Xapian::Document document;
        document.set_data(id);
        for (const AnalyzedTerm& term : analyzed_terms(text)) {
            document.add_posting(term.term, term.position + 1);
            if (is_stemmable(term)) document.add_term("Z" + stemmer(term.term));
        }
        database_.add_document(document);
    }

    // One parser for every call, reconfigured each time, as QueryBuilder reuses its parser
    // across language branches.
    Ids search(std::string_view q, const std::string& lang) {
        analyzer_.configure(parser_, lang);
        parser_.set_database(database_);
        parser_.set_default_op(Xapian::Query::OP_AND);
        constexpr unsigned kFlags =
            Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
            Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD;
        Xapian::Enquire enquire(database_);
        enquire.set_query(parser_.parse_query(query_text(q), kFlags));
        const Xapian::MSet matches = enquire.get_mset(0, 100);
        Ids found;
        for (auto it = matches.begin(); it != matches.end(); ++it)
            found.push_back(it.get_document().get_data());
        std::sort(found.begin(), found.end());
        return found;
    }

private:
    Xapian::WritableDatabase database_;
    TextAnalyzer analyzer_;
    Xapian::QueryParser parser_;
};

}  // namespace

TEST_CASE("listed words are stop words in the form a query carries them", "[stop_words]") {
    const auto [language, word, query_word] =
        GENERATE(table<const char*, const char*, const char*>({
            {"en", "The", "the"},       {"en", "of", "of"},     {"fr", "à", "a"},
            {"fr", "été", "ete"},       {"fr", "Où", "ou"},     {"de", "für", "fur"},
            {"de", "daß", "dass"},  // ß case-folds to ss
            {"es", "más", "mas"},       {"es", "él", "el"},     {"it", "è", "e"},
            {"it", "perché", "perche"}, {"pt", "não", "nao"},   {"pt", "às", "as"},
            {"nl", "het", "het"},       {"sv", "på", "pa"},     {"da", "være", "vaere"},
            {"no", "også", "ogsa"},     {"nb", "også", "ogsa"}, {"nn", "ikke", "ikke"},
            {"fi", "että", "etta"},     {"ru", "и", "и"},       {"ru", "Её", "ее"},
            {"ar", "إلى", "الى"},       {"ar", "أن", "ان"},
        }));
    CAPTURE(language, word);
    CHECK(folded(word) == query_word);
    CHECK(is_stop_word(language, query_word));
}

TEST_CASE("content words, and function words that fold into names, are not stop words",
          "[stop_words]") {
    const auto [language, query_word] = GENERATE(table<const char*, const char*>({
        {"en", "ferry"},
        {"en", "strike"},
        {"en", "us"},    // "U.S." is indexed as "us"
        {"en", "who"},   // WHO
        {"en", "it"},    // IT
        {"en", "may"},   // the month, Theresa May
        {"de", "uber"},  // "über" folds into the company's name
        {"de", "ware"},  // "wäre" folds into "Ware" (goods)
        {"de", "pendler"},
        {"fr", "greve"},
        {"es", "elecciones"},
        {"pt", "sao"},  // São Paulo
        {"sv", "ar"},   // "är" folds into "år" (year)
        {"fi", "vaalit"},
        {"ru", "самолет"},
        {"ar", "النفط"},
    }));
    CAPTURE(language, query_word);
    CHECK_FALSE(is_stop_word(language, query_word));
}

TEST_CASE("every listed word is one word of the analysis and is stopped in that form",
          "[stop_words]") {
    for (const char* language : kListedLanguages) {
        const auto list = stop_word_list(language);
        CAPTURE(language);
        CHECK(list.size() >= 30);
        CHECK(list.size() <= 120);
        for (const std::string_view word : list) {
            CAPTURE(word);
            const std::vector<AnalyzedTerm> terms = analyzed_terms(word);
            REQUIRE(terms.size() == 1);
            CHECK(terms.front().kind == TermKind::kWord);
            CHECK(terms.front().term == folded(word));
            CHECK(is_stop_word(language, terms.front().term));
        }
    }
}

TEST_CASE("stoppers are built once and shared; Norwegian tags share one list", "[stop_words]") {
    CHECK(stopper_for("en") == stopper_for("en"));
    CHECK(stop_word_list("nb").data() == stop_word_list("no").data());
    CHECK(stop_word_list("nn").data() == stop_word_list("no").data());
}

TEST_CASE("Chinese, Japanese, Korean and Thai have no stop words", "[stop_words]") {
    for (const char* language : {"zh", "ja", "ko", "th", "el", "xx", ""}) {
        CAPTURE(language);
        CHECK(stopper_for(language) == nullptr);
        CHECK(stop_word_list(language).empty());
    }
}

TEST_CASE("a query drops its language's stop words only where it has other words", "[stop_words]") {
    TinyIndex index;
    index.add("calm", "Port crew walk out", "en");
    index.add("quay", "The port of the island", "en");
    index.add("terminal", "Crew at the port terminal", "en");
    index.add("history", "The history of the harbour", "en");

    // "the" is not required: an article without it is found.
    CHECK(index.search("the port crew", "en") == Ids{"calm", "terminal"});
    CHECK(index.search("The Port Crew", "en-GB") == Ids{"calm", "terminal"});
    // Kept inside a phrase and after "+".
    CHECK(index.search("\"the port\"", "en") == Ids{"quay", "terminal"});
    CHECK(index.search("+the port", "en") == Ids{"quay", "terminal"});
    // A query of nothing but stop words keeps them, so it still finds what holds them.
    CHECK(index.search("the of", "en") == Ids{"history", "quay"});
    CHECK(index.search("the", "en") == Ids{"history", "quay", "terminal"});
    // Per language: Chinese and German have no "the" to drop, and the parser just configured
    // for English must forget its stopper. ("port" and "crew" stem alike in all three.)
    CHECK(index.search("the port crew", "zh") == Ids{"terminal"});
    CHECK(index.search("the port crew", "de") == Ids{"terminal"});
}

TEST_CASE("accented stop words are dropped as the query carries them", "[stop_words]") {
    TinyIndex index;
    index.add("greve", "La grève paralyse Paris", "fr");
    index.add("ete", "Grève à Paris pendant l’été", "fr");

    // "à" reaches QueryParser as "a": stopped in French.
    CHECK(index.search("grève à Paris", "fr") == Ids{"ete", "greve"});
    CHECK(index.search("\"à Paris\"", "fr") == Ids{"ete"});
    // "été" as "ete"; alone it is kept.
    CHECK(index.search("grève été", "fr") == Ids{"ete", "greve"});
    CHECK(index.search("été", "fr") == Ids{"ete"});
}
