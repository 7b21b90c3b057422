// The articles search_fuzz searches: a handful in several scripts and languages (stemmed,
// dictionary-segmented, Hangul, right-to-left), with text that needs escaping (& < > " '),
// hyphens, acronyms, numbers and tags, so every kind of analysis and highlighting is reached.
// Header-only; built once per fuzzing process into a testing::TestIndex.
#pragma once

#include <string>
#include <vector>

#include "dateline/article.hpp"
#include "test_index.hpp"

namespace dateline::fuzz {

struct SearchFuzzArticle {
    const char* id;
    const char* lang;
    const char* title;
    const char* body;
    const char* date;
    const char* tag;
};

// A table rather than code, so adding a language is one row.
inline constexpr SearchFuzzArticle kSearchFuzzArticles[] = {
    {"en-ferry", "en", "Ferry strike: crossings <suspended> & \"talks\" resume",
     "Ferry workers walked out on Tuesday. The e-mail from the U.S.A. union said 5 < 6 "
     "and 7 > 3; the harbour's owner called it 'a mistake'. Talks on pay resume at 09:30 "
     "in the town hall, where the mayor's office hosted 1,200 residents.",
     "2024-03-12T08:00:00Z", "transport"},
    {"fr-greve", "fr", "Grève des bateliers : la navigation suspendue",
     "Aucun bateau n'a quitté le port de Saint-Aubin-du-Lac mardi matin. Les bateliers "
     "réclament une revalorisation des salaires, l'État négocie.",
     "2024-02-15T07:30:00+01:00", "transport"},
    {"de-hafen", "de", "Hafenarbeiter streiken für höhere Löhne",
     "Die Straßenbahn und die Fähren standen still. Gewerkschaftsvertreter sprachen von "
     "einer Übergangslösung für die Schifffahrtsgesellschaft.",
     "2023-11-02T10:00:00Z", "Verkehr"},
    {"es-puerto", "es", "Huelga en el puerto: ¿cuándo vuelven los barcos?",
     "Los trabajadores del muelle exigen mejores condiciones. El "
     "ayuntamiento anunció una reunión el miércoles.",
     "2023-09-21T12:00:00Z", "transporte"},
    {"ja-ferry", "ja", "フェリー運航を停止、労働組合がストライキ",
     "東京湾のフェリーは火曜日に運航を停止した。組合は賃上げを求めている。", "2024-01-10T03:00:00Z",
     "交通"},
    {"zh-ferry", "zh", "渡轮工人罢工，航线暂停", "周二上午，港口的渡轮全部停航。工会要求提高工资。",
     "2024-01-11T03:00:00Z", "交通"},
    {"ko-ferry", "ko", "여객선 노동자 파업으로 운항 중단",
     "서울에서 출발하는 여객선이 화요일에 운항을 멈췄다. 노조는 임금 인상을 "
     "요구했다.",
     "2024-01-12T03:00:00Z", "교통"},
    {"ru-parom", "ru", "Забастовка паромщиков остановила переправу",
     "Паромы не вышли в рейс во вторник. Профсоюз требует повышения "
     "зарплаты.",
     "2023-12-05T09:00:00Z", "транспорт"},
    {"ar-ferry", "ar", "إضراب عمال العبارات يوقف الرحلات",
     "توقفت العبارات في الميناء يوم الثلاثاء. وطالبت النقابة بزيادة الأجور.",
     "2023-10-01T09:00:00Z", "نقل"},
    {"th-ferry", "th", "พนักงานเรือข้ามฟากนัดหยุดงาน",
     "เรือข้ามฟากหยุดให้บริการในวันอังคาร สหภาพเรียกร้องค่าจ้างที่สูงขึ้น", "2023-08-01T09:00:00Z", "คมนาคม"},
};

inline std::vector<Article> search_fuzz_articles() {
    std::vector<Article> articles;
    for (const SearchFuzzArticle& row : kSearchFuzzArticles) {
        Article a = server::testing::article(row.id, row.title, row.body, row.date,
                                             std::string("Fuzz ") + row.lang + " Desk");
        a.lang = row.lang;
        a.tags = {row.tag, "news"};
        a.author = "Desk Editor";
        articles.push_back(std::move(a));
    }
    return articles;
}

}  // namespace dateline::fuzz
