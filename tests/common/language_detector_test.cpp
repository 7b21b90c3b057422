// Language detection: articles by cld2, queries by script first; nullopt when unsure.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "dateline/language_detector.hpp"

using namespace dateline;

namespace {

using Language = std::optional<std::string>;

std::string repeated(const std::string& text, std::size_t min_bytes) {
    std::string out;
    while (out.size() < min_bytes) out += text;
    return out;
}

}  // namespace

TEST_CASE("articles: cld2 names the language of a title and body", "[language]") {
    const auto [title, body, language] = GENERATE(table<std::string, std::string, std::string>({
        {"Ferry strike enters third day",
         "The unions rejected the latest offer from the port authority on Tuesday evening.", "en"},
        {"Fährstreik geht in den dritten Tag",
         "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde am Dienstagabend "
         "abgelehnt.",
         "de"},
        {"La grève des ferries entre dans son troisième jour",
         "Les syndicats ont rejeté mardi soir la dernière offre de l'autorité portuaire.", "fr"},
        {"La huelga de los transbordadores llega al tercer día",
         "Los sindicatos rechazaron el martes por la noche la última oferta de la autoridad "
         "portuaria.",
         "es"},
        {"Забастовка паромщиков продолжается третий день",
         "Профсоюзы во вторник вечером отвергли последнее предложение администрации порта.", "ru"},
        {"إضراب العبارات يدخل يومه الثالث",
         "رفضت النقابات مساء الثلاثاء العرض الأخير الذي قدمته سلطة الميناء.", "ar"},
        {"渡轮罢工进入第三天", "工会周二晚上拒绝了港务局提出的最新方案。", "zh"},
        {"渡輪罷工進入第三天", "工會週二晚上拒絕了港務局提出的最新方案。", "zh"},  // Hant
        {"フェリーのストライキは三日目に", "労働組合は火曜日の夜、港湾当局の最新の提案を拒否した。",
         "ja"},
        {"여객선 파업 사흘째", "노조는 화요일 저녁 항만 당국의 최신 제안을 거부했다.", "ko"},
        {"การนัดหยุดงานของเรือข้ามฟากเข้าสู่วันที่สาม", "สหภาพแรงงานปฏิเสธข้อเสนอล่าสุดของการท่าเรือเมื่อคืนวันอังคาร",
         "th"},
        // The title alone, as for an article whose body is empty.
        {"Der Stadtrat hat gestern Abend den neuen Haushalt für das kommende Jahr beschlossen", "",
         "de"},
    }));
    CAPTURE(title, body);
    CHECK(detect_article_language(title, body) == Language(language));
}

TEST_CASE("articles: no language for empty text, digits, or one ambiguous word", "[language]") {
    const auto [title, body] = GENERATE(table<std::string, std::string>({
        {"", ""},
        {"2024", "12 345 678 - 90.1%"},
        {"Bank", ""},
        {"", "taxi"},
    }));
    CAPTURE(title, body);
    CHECK(detect_article_language(title, body) == std::nullopt);
}

TEST_CASE("articles: only the first 64 KiB are looked at", "[language]") {
    // Figures carry no language: after 64 KiB of them, the German text is never seen.
    const std::string figures = repeated("12 345 678 90.1% ", kMaxLanguageDetectionBytes);
    const std::string german =
        "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde am Dienstagabend "
        "abgelehnt.";
    CHECK(detect_article_language("", figures + german) == std::nullopt);
    CHECK(detect_article_language("", german + figures) == Language("de"));
    CHECK(detect_article_language(german, figures) == Language("de"));
}

TEST_CASE("queries: the script decides where it belongs to one language", "[language]") {
    const auto [query, language] = GENERATE(table<std::string, std::string>({
        {"서울", "ko"},
        {"서울 날씨 東京", "ko"},  // Hangul wins over Han
        {"東京の天気", "ja"},
        {"フェリー", "ja"},
        {"東京", "zh"},  // Han without kana
        {"渡轮罢工", "zh"},
        {"ราคาน้ำมัน", "th"},
        {"أخبار", "ar"},
        {"שלום", "he"},
        {"Αθήνα", "el"},
        {"партия", "ru"},  // Cyrillic, cld2 unsure: Russian
        {"выборы в Москве", "ru"},
        {"Київ новини", "uk"},  // Cyrillic, cld2 sure
        // Mixed with Latin letters, the other script decides.
        {"iPhone 東京", "zh"},
        {"Moscow Москва", "ru"},
        {"Tel Aviv שלום", "he"},
        {"Samsung 서울", "ko"},
    }));
    CAPTURE(query);
    CHECK(detect_query_language(query) == Language(language));
}

TEST_CASE("queries: Latin text only when cld2 is sure", "[language]") {
    const auto [query, language] = GENERATE(table<std::string, std::string>({
        {"Wahlergebnisse im Bundestag", "de"},
        {"élections présidentielles en France", "fr"},
        {"the economy of the country", "en"},
    }));
    CAPTURE(query);
    CHECK(detect_query_language(query) == Language(language));
}

TEST_CASE("queries: no language without letters or for an ambiguous Latin word", "[language]") {
    const std::string query = GENERATE(as<std::string>{}, "", "   ", "12345", "2024-03-12", "...",
                                       "taxi", "bank", "Windpark", "wind farm");
    CAPTURE(query);
    CHECK(detect_query_language(query) == std::nullopt);
}
