// Article -> document: the terms, values and stored record the schema promises, checked by
// searching an in-memory index the way the server will.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "dateline/term_analysis.hpp"
#include "document_builder.hpp"

using namespace dateline;
using dateline::indexer::DocumentBuilder;

namespace {

Article article(std::string id, std::string title, std::string body,
                std::optional<std::string> lang = {}) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = *parse_date("2024-03-12T08:30:00+01:00");
    a.source = "Harbour Gazette";
    a.tags = {"Transport", "strikes"};
    a.author = "Ana Ruiz";
    a.lang = std::move(lang);
    return a;
}

class SmallIndex {
public:
    explicit SmallIndex(const std::vector<Article>& articles)
        : database_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
        DocumentBuilder builder;
        for (const Article& a : articles)
            database_.replace_document(schema::id_term(a.id), builder.build(a));
    }

    // Each word of a plain query in its query form, as the server prepares queries; queries
    // with phrases or fields (plain ASCII words here) go to QueryParser as typed.
    static std::string query_text(std::string_view query) {
        if (query.find_first_of("\":") != std::string_view::npos)
            return TextAnalyzer::normalize(query);
        const std::vector<AnalyzedTerm> terms = analyzed_terms(query);
        std::string text;
        for (std::size_t i = 0; i < terms.size();) {
            std::size_t j = i;
            while (j < terms.size() && terms[j].group == terms[i].group) ++j;
            text += query_form(std::span(terms).subspan(i, j - i), false) + ' ';
            i = j;
        }
        return text;
    }

    // Ids matching a query parsed the way a search box would send it.
    std::vector<std::string> search(const std::string& query,
                                    const std::optional<std::string>& lang = {}) {
        Xapian::QueryParser parser;
        analyzer_.configure(parser, lang);
        parser.set_database(database_);
        parser.add_prefix("title", std::string(schema::kTitlePrefix));
        parser.add_boolean_prefix("source", std::string(schema::kSourcePrefix));
        parser.add_boolean_prefix("tag", std::string(schema::kTagPrefix));
        return ids(parser.parse_query(query_text(query), Xapian::QueryParser::FLAG_DEFAULT));
    }

    std::vector<std::string> ids(const Xapian::Query& query) {
        Xapian::Enquire enquire(database_);
        enquire.set_query(query);
        std::vector<std::string> found;
        const Xapian::MSet matches = enquire.get_mset(0, 100);
        for (auto it = matches.begin(); it != matches.end(); ++it)
            found.push_back(nlohmann::json::parse(it.get_document().get_data())["id"]);
        std::sort(found.begin(), found.end());
        return found;
    }

    Xapian::WritableDatabase& database() { return database_; }

private:
    Xapian::WritableDatabase database_;
    TextAnalyzer analyzer_;
};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("free text is findable by word, stem, phrase and field", "[document]") {
    SmallIndex index(
        {article("a", "Ferry crews strike", "Striking workers halted the morning sailing."),
         article("b", "Council budget", "The ferry timetable was not discussed.")});
    CHECK(index.search("ferry") == Ids{"a", "b"});
    CHECK(index.search("strikes") == Ids{"a"});              // stem of a title word
    CHECK(index.search("\"morning sailing\"") == Ids{"a"});  // phrase, positions kept
    CHECK(index.search("\"sailing morning\"").empty());
    CHECK(index.search("title:ferry") == Ids{"a"});
    CHECK(index.search("title:timetable").empty());
    // A phrase never spans the title/body seam.
    CHECK(index.search("\"strike striking\"").empty());
}

TEST_CASE("titles weigh more than bodies", "[document]") {
    SmallIndex index({article("title-hit", "Turbine", "A story about the harbour."),
                      article("body-hit", "Harbour news", "One turbine was mentioned.")});
    Xapian::Enquire enquire(index.database());
    enquire.set_query(Xapian::Query("turbine"));
    const Xapian::MSet matches = enquire.get_mset(0, 2);
    REQUIRE(matches.size() == 2);
    CHECK(nlohmann::json::parse(matches.begin().get_document().get_data())["id"] == "title-hit");
}

TEST_CASE("filters use normalised boolean terms", "[document]") {
    SmallIndex index({article("a", "One", "text")});
    CHECK(index.search("text source:\"harbour gazette\"") == Ids{"a"});
    CHECK(index.search("text tag:transport") == Ids{"a"});
    CHECK(index.ids(Xapian::Query(schema::filter_term(schema::kAuthorPrefix, "ANA  RUIZ"))) ==
          Ids{"a"});
    CHECK(index.ids(Xapian::Query(std::string(schema::kYearPrefix) + "2024")) == Ids{"a"});
    CHECK(index.ids(Xapian::Query(std::string(schema::kMonthPrefix) + "202403")) == Ids{"a"});
    CHECK(index.ids(Xapian::Query(std::string(schema::kDayPrefix) + "20240312")) == Ids{"a"});
}

TEST_CASE("values hold the date, source, tags and language", "[document]") {
    DocumentBuilder builder;
    const Xapian::Document document = builder.build(article("a", "One", "text", "pt-BR"));
    CHECK(schema::date_from_value(document.get_value(schema::kDateSlot)) ==
          *parse_date("2024-03-12T07:30:00Z"));
    CHECK(document.get_value(schema::kSourceSlot) == "Harbour Gazette");
    CHECK(schema::decode_list(document.get_value(schema::kTagsSlot)) ==
          Ids{"Transport", "strikes"});
    CHECK(document.get_value(schema::kLangSlot) == "pt");
}

TEST_CASE("the stored record is the article's JSON", "[document]") {
    DocumentBuilder builder;
    const Article a = article("a", "One", "text");
    CHECK(nlohmann::json::parse(builder.build(a).get_data()) == article_to_json(a));
}

TEST_CASE("text in other scripts and languages is findable", "[document]") {
    SmallIndex index({article("ja", "データセンターの電力", "電力消費が増えている。", "ja"),
                      article("fr", "Les élections municipales", "Les électeurs ont voté.", "fr"),
                      article("width", "ＦＵＬＬＷＩＤＴＨ headline", "text")});
    CHECK(index.search("電力") == Ids{"ja"});
    CHECK(index.search("センター") == Ids{"ja"});
    CHECK(index.search("élection", std::string("fr")) == Ids{"fr"});
    CHECK(index.search("fullwidth") == Ids{"width"});
}

TEST_CASE("spelling words skip prefixes, numbers and fragments", "[document]") {
    DocumentBuilder builder;
    const auto words =
        indexer::spelling_words(builder.build(article("a", "Ferry", "In 1987 the ferry ran.")));
    std::vector<std::string> names;
    names.reserve(words.size());
    for (const auto& [word, frequency] : words) names.push_back(word);
    CHECK(names == Ids{"ferry", "ran", "the"});
}
