// Term analysis, language by language: the terms a text becomes, which the index stores and
// queries look for, and the query forms QueryParser reads back as the same terms.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dateline/accent_folding.hpp"
#include "dateline/term_analysis.hpp"

using namespace dateline;

namespace {

// "term@position" for primaries, "+term@position" for joined and variant forms.
std::string describe(std::string_view text) {
    std::string out;
    for (const AnalyzedTerm& term : analyzed_terms(text)) {
        if (!out.empty()) out += ' ';
        if (term.role != TermRole::kPrimary) out += '+';
        out += term.term + '@' + std::to_string(term.position);
    }
    return out;
}

// The query text each group of `text` becomes, space-separated.
std::string query_text(std::string_view text) {
    const std::vector<AnalyzedTerm> terms = analyzed_terms(text);
    std::string out;
    for (std::size_t i = 0; i < terms.size();) {
        std::size_t j = i;
        while (j < terms.size() && terms[j].group == terms[i].group) ++j;
        if (!out.empty()) out += ' ';
        out += query_form(std::span(terms).subspan(i, j - i), false);
        i = j;
    }
    return out;
}

}  // namespace

TEST_CASE("accent folding keeps letters readers distinguish", "[analysis]") {
    const auto [input, expected] = GENERATE(table<const char*, const char*>({
        {"café", "cafe"},
        {"zürich", "zurich"},
        {"ñandú", "nandu"},
        {"søren", "soren"},
        {"łódź", "lodz"},
        {"ёлка", "елка"},
        {"йогурт", "йогурт"},  // й is a letter of its own
        {"αθήνα", "αθηνα"},    // Greek tonos
        {"\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F", "\u0645\u062D\u0645\u062F"},  // مُحَمَّد
        {"\u0623\u062D\u0645\u062F", "\u0627\u062D\u0645\u062F"},  // أحمد -> احمد
        {"\u0643\u0640\u0640\u062A\u0627\u0628", "\u0643\u062A\u0627\u0628"},  // tatweel
        {"がっこう", "がっこう"},  // Japanese voicing marks stay
        {"ภาษาไทย", "ภาษาไทย"},    // Thai vowel signs stay
        {"plain", "plain"},
    }));
    CAPTURE(input);
    CHECK(fold_accents(input) == expected);
}

TEST_CASE("words of space-separated scripts", "[analysis]") {
    const auto [text, expected] = GENERATE(table<const char*, const char*>({
        // English: case folding, apostrophes of both kinds, possessives.
        {"Ferry STRIKE", "ferry@0 strike@1"},
        {"Washington’s plan", "washington's@0 +washington@0 plan@1"},
        {"Washington's", "washington's@0 +washington@0"},
        {"don't", "don't@0"},
        {"the students' union", "the@0 students@1 union@2"},
        // Hyphens: parts, and the joined form at both ends.
        {"Kim Jong-un said", "kim@0 jong@1 un@2 +jongun@1 +jongun@2 said@3"},
        {"e-mail", "e@0 mail@1 +email@0 +email@1"},
        {"COVID-19", "covid@0 19@1 +covid19@0 +covid19@1"},
        {"F-35", "f@0 35@1 +f35@0 +f35@1"},
        {"2018-2019", "2018@0 2019@1"},
        // Periods and commas: acronyms, numbers, and words they separate.
        {"U.S. officials", "us@0 officials@1"},
        {"U.S-North Korea", "us@0 north@1 +usnorth@0 +usnorth@1 korea@2"},
        {"1,000 bags", "1000@0 bags@1"},
        {"5.93 mln", "5.93@0 mln@1"},
        {"example.com", "example@0 com@1"},
        // Accents: folded, the exact form kept beside it.
        {"Café Zürich", "cafe@0 zurich@1"},
        // French and Italian elision.
        {"l’économie", "l'economie@0 +economie@0"},
        {"dell'anno", "dell'anno@0 +anno@0"},
        // Full-width forms and ligatures meet their ASCII forms.
        {"ＣＯＶＩＤ２０２０ ﬁnance", "covid2020@0 finance@1"},
        {"Straße", "strasse@0"},
        // Russian, Arabic, Greek.
        {"Москва, ёлка", "москва@0 елка@1"},
        {"\u0627\u0644\u0627\u0642\u062A\u0635\u0627\u062F",
         "\u0627\u0644\u0627\u0642\u062A\u0635\u0627\u062F@0"},
    }));
    CAPTURE(text);
    CHECK(describe(text) == expected);
}

TEST_CASE("the exact form of a folded word is kept", "[analysis]") {
    const std::vector<AnalyzedTerm> terms = analyzed_terms("Café cafe");
    REQUIRE(terms.size() == 2);
    CHECK(terms[0].term == "cafe");
    CHECK(terms[0].exact == "café");
    CHECK(terms[1].exact.empty());
}

TEST_CASE("scripts without spaces are segmented by dictionary", "[analysis]") {
    const auto [text, expected] = GENERATE(table<const char*, const char*>({
        {"北京大学的经济学家", "北京@0 大学@1 的@2 经济@3 学家@4"},
        {"東京都で新しい電車", "東京@0 都@1 で@2 新し@3 しい@4 電車@5"},
        {"データセンターの電力", "デー@0 ータ@1 セン@2 ンタ@3 ター@4 の@5 電力@6"},
        {"กรุงเทพมหานครเป็นเมืองหลวง", "กรุงเทพมหานคร@0 เป็น@1 เมือง@2 หลวง@3"},
        // Mixed scripts split where the script changes.
        {"iPhone15を発売", "iphone15@0 を@1 発売@2"},
        {"ｶﾀｶﾅ", "カタ@0 タカ@1 カナ@2"},  // half-width katakana, NFKC
    }));
    CAPTURE(text);
    CHECK(describe(text) == expected);
}

TEST_CASE("Hangul becomes overlapping bigrams", "[analysis]") {
    const auto [text, expected] = GENERATE(table<const char*, const char*>({
        {"서울", "서울@0"},
        {"서울에서", "서울@0 울에@1 에서@2"},
        {"평창올림픽 개막", "평창@0 창올@1 올림@2 림픽@3 개막@4"},
        {"뉴스 2018년", "뉴스@0 2018@1 년@2"},
    }));
    CAPTURE(text);
    CHECK(describe(text) == expected);
}

TEST_CASE("spans point at the analysed text", "[analysis]") {
    const std::string text = "서울에서 e-mail";
    const std::vector<AnalyzedTerm> terms = analyzed_terms(text);
    REQUIRE(terms.size() == 7);
    CHECK(text.substr(terms[0].begin, terms[0].end - terms[0].begin) == "서울");
    CHECK(text.substr(terms[2].begin, terms[2].end - terms[2].begin) == "에서");
    CHECK(text.substr(terms[5].begin, terms[5].end - terms[5].begin) == "e-mail");
}

TEST_CASE("query forms parse back to the indexed terms", "[analysis]") {
    const auto [text, expected] = GENERATE(table<const char*, const char*>({
        {"café", "cafe"},
        {"Washington’s", "washington's"},
        {"e-mail", "email"},
        {"COVID-19", "covid19"},
        {"2018-2019", "\"2018 2019\""},
        {"U.S.", "us"},
        {"北京大学", "\"北京 大学\""},
        {"서울", "\"서울\""},
        {"평창올림픽", "\"평창 창올 올림 림픽\""},
    }));
    CAPTURE(text);
    CHECK(query_text(text) == expected);
}

TEST_CASE("only words that start with a letter are stemmed", "[analysis]") {
    const std::vector<AnalyzedTerm> terms = analyzed_terms("strikes 2018 北京 서울 éclair");
    REQUIRE(terms.size() == 5);
    CHECK(is_stemmable(terms[0]));
    CHECK_FALSE(is_stemmable(terms[1]));
    CHECK_FALSE(is_stemmable(terms[2]));
    CHECK_FALSE(is_stemmable(terms[3]));
    CHECK(is_stemmable(terms[4]));
}
