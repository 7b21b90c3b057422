// Text analysis shared by indexing and querying.
#include <catch2/catch.hpp>

#include "dateline/text_analyzer.hpp"

using namespace dateline;

TEST_CASE("normalisation is NFKC with case folding", "[text]") {
    const auto [input, expected] = GENERATE(table<const char*, const char*>({
        {"Ferry STRIKE", "ferry strike"},
        {"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
        {"ﬁnance", "finance"},
        {"Straße", "strasse"},
        {"ÉCOLE", "école"},
        {"Ⅻ", "xii"},
        {"東京", "東京"},
    }));
    CAPTURE(input);
    CHECK(TextAnalyzer::normalize(input) == expected);
}

TEST_CASE("the primary language subtag picks the stemmer", "[text]") {
    CHECK(TextAnalyzer::primary_language("pt-BR") == "pt");
    CHECK(TextAnalyzer::primary_language("EN") == "en");
    TextAnalyzer analyzer;
    CHECK(analyzer.stemmer_for(std::nullopt)("striking") == "strike");
    CHECK(analyzer.stemmer_for(std::string("en-GB"))("elections") == "elect");
    CHECK(analyzer.stemmer_for(std::string("fr"))("élections") == "élect");
    CHECK(analyzer.stemmer_for(std::string("de"))("häfen") == "haf");
    // No stemmer for Japanese: words stay as they are rather than being mangled.
    CHECK(analyzer.stemmer_for(std::string("ja"))("running") == "running");
}
