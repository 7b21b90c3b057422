// Stop word lists, one per language, as data: the function words a reader leaves out of a
// query's meaning. Written as a reader spells them; stopper_for() folds them as the analysis
// folds query words. Elided forms ("l'", "dell'") are not listed: the analysis never yields
// them as words of their own.
// Left out on purpose, because the folded form is also a word a news reader searches for:
// en "us", "who", "it" (U.S., WHO, IT are indexed as "us", "who", "it"), "will", "may",
// "might", "can", "mine"; de "über" (Uber), "wäre" (Ware); pt "são" (São Paulo);
// sv "är" (folds to "ar", as "år", year, does).
#include "dateline/stop_words.hpp"

#include <map>
#include <string>

#include "dateline/accent_folding.hpp"
#include "dateline/text_analyzer.hpp"

namespace dateline {
namespace {

constexpr std::string_view kEnglish[] = {
    "a",      "an",      "the",    "and",        "or",    "but",     "nor",    "if",      "then",
    "than",   "so",      "as",     "because",    "while", "of",      "in",     "on",      "at",
    "by",     "for",     "from",   "to",         "into",  "onto",    "with",   "within",  "without",
    "about",  "above",   "below",  "over",       "under", "after",   "before", "between", "through",
    "during", "against", "among",  "off",        "up",    "out",     "i",      "me",      "my",
    "myself", "we",      "our",    "ours",       "you",   "your",    "yours",  "he",      "him",
    "his",    "himself", "she",    "her",        "hers",  "herself", "its",    "itself",  "they",
    "them",   "their",   "theirs", "themselves", "this",  "that",    "these",  "those",   "which",
    "whom",   "whose",   "what",   "when",       "where", "why",     "how",    "is",      "are",
    "was",    "were",    "be",     "been",       "being", "am",      "has",    "have",    "had",
    "having", "do",      "does",   "did",        "would", "could",   "should", "shall",   "not",
    "there",  "here",    "also",   "very",       "such",  "any",     "some",
};

constexpr std::string_view kGerman[] = {
    "der",    "die",     "das",     "den",    "dem",    "des",    "ein",    "eine",   "einen",
    "einem",  "einer",   "eines",   "und",    "oder",   "aber",   "doch",   "denn",   "sondern",
    "als",    "wie",     "wenn",    "dass",   "ob",     "weil",   "da",     "so",     "zu",
    "zum",    "zur",     "von",     "vom",    "mit",    "bei",    "beim",   "nach",   "aus",
    "auf",    "an",      "am",      "in",     "im",     "ins",    "für",    "unter",  "vor",
    "durch",  "gegen",   "ohne",    "um",     "bis",    "seit",   "ich",    "du",     "er",
    "sie",    "es",      "wir",     "ihr",    "ihm",    "ihn",    "ihnen",  "sich",   "mich",
    "mir",    "dich",    "dir",     "uns",    "euch",   "sein",   "seine",  "seinen", "seinem",
    "seiner", "seines",  "ihre",    "ihren",  "ihrem",  "ihrer",  "ihres",  "mein",   "meine",
    "dein",   "deine",   "unser",   "unsere", "dieser", "diese",  "dieses", "diesen", "diesem",
    "welche", "welcher", "welches", "was",    "wer",    "wo",     "ist",    "sind",   "war",
    "waren",  "wird",    "werden",  "wurde",  "wurden", "worden", "hat",    "haben",  "hatte",
    "hatten", "habe",    "bin",     "nicht",  "auch",   "noch",   "nur",    "schon",  "sehr",
    "man",    "kein",    "keine",
};

constexpr std::string_view kFrench[] = {
    "le",    "la",    "les",     "un",    "une",   "des",   "du",    "de",      "au",     "aux",
    "et",    "ou",    "mais",    "donc",  "ni",    "car",   "que",   "qui",     "quoi",   "dont",
    "où",    "ce",    "cet",     "cette", "ces",   "à",     "dans",  "en",      "sur",    "sous",
    "par",   "pour",  "avec",    "sans",  "chez",  "entre", "vers",  "contre",  "depuis", "pendant",
    "avant", "après", "je",      "tu",    "il",    "elle",  "on",    "nous",    "vous",   "ils",
    "elles", "me",    "te",      "se",    "moi",   "toi",   "lui",   "leur",    "leurs",  "eux",
    "son",   "sa",    "ses",     "mon",   "ma",    "mes",   "ton",   "ta",      "tes",    "notre",
    "nos",   "votre", "vos",     "y",     "ne",    "pas",   "plus",  "est",     "sont",   "été",
    "être",  "était", "étaient", "sera",  "a",     "ont",   "avait", "avaient", "ai",     "avons",
    "avez",  "as",    "si",      "comme", "aussi", "très",  "tout",  "tous",
};

constexpr std::string_view kSpanish[] = {
    "el",      "la",      "los",    "las",    "lo",     "un",    "una",      "unos",     "unas",
    "de",      "del",     "al",     "a",      "en",     "y",     "e",        "o",        "u",
    "ni",      "que",     "por",    "para",   "con",    "sin",   "sobre",    "entre",    "hasta",
    "desde",   "durante", "contra", "ante",   "según",  "se",    "su",       "sus",      "le",
    "les",     "me",      "te",     "nos",    "os",     "mi",    "mis",      "tu",       "tus",
    "yo",      "tú",      "él",     "ella",   "ellos",  "ellas", "nosotros", "vosotros", "usted",
    "ustedes", "este",    "esta",   "estos",  "estas",  "ese",   "esa",      "esos",     "esas",
    "esto",    "eso",     "como",   "más",    "pero",   "sino",  "porque",   "cuando",   "donde",
    "quien",   "quienes", "cual",   "cuales", "si",     "sí",    "no",       "ya",       "muy",
    "también", "es",      "son",    "fue",    "fueron", "era",   "eran",     "ser",      "sido",
    "está",    "están",   "estar",  "ha",     "han",    "había", "haber",    "hay",
};

constexpr std::string_view kItalian[] = {
    "il",     "lo",    "la",    "i",       "gli",    "le",     "un",     "uno",    "una",
    "di",     "a",     "da",    "in",      "con",    "su",     "per",    "tra",    "fra",
    "del",    "dello", "della", "dei",     "degli",  "delle",  "al",     "allo",   "alla",
    "ai",     "agli",  "alle",  "dal",     "dallo",  "dalla",  "dai",    "dagli",  "dalle",
    "nel",    "nello", "nella", "nei",     "negli",  "nelle",  "sul",    "sullo",  "sulla",
    "sui",    "sugli", "sulle", "e",       "ed",     "o",      "ma",     "che",    "se",
    "come",   "anche", "non",   "né",      "più",    "già",    "ancora", "molto",  "perché",
    "quando", "dove",  "cui",   "chi",     "io",     "tu",     "lui",    "lei",    "noi",
    "voi",    "loro",  "mi",    "ti",      "si",     "ci",     "vi",     "ne",     "suo",
    "sua",    "suoi",  "sue",   "questo",  "questa", "questi", "queste", "quello", "quella",
    "è",      "sono",  "era",   "erano",   "fu",     "essere", "stato",  "stata",  "ha",
    "hanno",  "ho",    "hai",   "abbiamo", "aveva",
};

constexpr std::string_view kPortuguese[] = {
    "o",    "a",     "os",     "as",     "um",   "uma",   "uns",    "umas",   "de",     "do",
    "da",   "dos",   "das",    "em",     "no",   "na",    "nos",    "nas",    "num",    "numa",
    "ao",   "aos",   "à",      "às",     "por",  "pelo",  "pela",   "pelos",  "pelas",  "para",
    "com",  "sem",   "sobre",  "entre",  "até",  "e",     "ou",     "mas",    "nem",    "que",
    "se",   "como",  "quando", "porque", "quem", "qual",  "onde",   "eu",     "tu",     "ele",
    "ela",  "eles",  "elas",   "nós",    "você", "vocês", "me",     "te",     "lhe",    "lhes",
    "seu",  "sua",   "seus",   "suas",   "meu",  "minha", "dele",   "dela",   "deles",  "este",
    "esta", "estes", "isto",   "esse",   "essa", "esses", "isso",   "aquele", "aquela", "é",
    "foi",  "foram", "era",    "ser",    "está", "estão", "estar",  "tem",    "têm",    "ter",
    "há",   "havia", "não",    "já",     "mais", "muito", "também", "só",
};

constexpr std::string_view kDutch[] = {
    "de",   "het",   "een",    "en",     "of",     "maar",   "want",   "dus",  "van",    "in",
    "op",   "aan",   "met",    "voor",   "door",   "over",   "bij",    "tot",  "uit",    "naar",
    "om",   "onder", "tegen",  "zonder", "na",     "te",     "als",    "dan",  "dat",    "die",
    "dit",  "deze",  "wat",    "wie",    "waar",   "hoe",    "ik",     "je",   "jij",    "u",
    "hij",  "zij",   "ze",     "wij",    "we",     "jullie", "hem",    "haar", "hun",    "mij",
    "me",   "ons",   "zich",   "mijn",   "zijn",   "uw",     "onze",   "er",   "daar",   "hier",
    "niet", "geen",  "ook",    "nog",    "al",     "wel",    "is",     "was",  "waren",  "ben",
    "bent", "wordt", "worden", "werd",   "werden", "heeft",  "hebben", "had",  "hadden", "zal",
    "zou",  "kan",   "men",
};

constexpr std::string_view kSwedish[] = {
    "och",   "i",     "att",    "det",  "som",   "en",     "ett",    "den",    "de",     "på",
    "med",   "för",   "till",   "av",   "om",    "från",   "vid",    "efter",  "under",  "över",
    "mot",   "utan",  "mellan", "inom", "hos",   "men",    "eller",  "så",     "än",     "när",
    "då",    "där",   "här",    "hur",  "vad",   "vem",    "vilken", "vilket", "vilka",  "jag",
    "du",    "han",   "hon",    "vi",   "ni",    "mig",    "dig",    "honom",  "henne",  "oss",
    "dem",   "sig",   "min",    "mitt", "mina",  "din",    "ditt",   "dina",   "hans",   "hennes",
    "deras", "sin",   "sitt",   "sina", "denna", "detta",  "dessa",  "var",    "har",    "hade",
    "ha",    "varit", "blir",   "blev", "bli",   "blivit", "kan",    "kunde",  "skulle", "ska",
    "inte",  "ej",    "också",  "man",
};

constexpr std::string_view kDanish[] = {
    "og",    "i",      "at",     "det",   "den",   "de",     "en",    "et",     "som",  "på",
    "med",   "for",    "til",    "af",    "om",    "fra",    "ved",   "efter",  "over", "under",
    "mod",   "uden",   "mellem", "hos",   "men",   "eller",  "så",    "end",    "når",  "da",
    "der",   "her",    "hvor",   "hvad",  "hvem",  "hvis",   "jeg",   "du",     "han",  "hun",
    "vi",    "mig",    "dig",    "ham",   "hende", "os",     "dem",   "sig",    "min",  "mit",
    "mine",  "din",    "dit",    "dine",  "hans",  "hendes", "deres", "vores",  "sin",  "sit",
    "sine",  "denne",  "dette",  "disse", "er",    "var",    "har",   "havde",  "have", "være",
    "været", "bliver", "blev",   "blive", "kan",   "kunne",  "skal",  "skulle", "vil",  "ville",
    "ikke",  "også",   "man",
};

// Bokmål; also read for "nb" and "nn", as Xapian's Norwegian stemmer is.
constexpr std::string_view kNorwegian[] = {
    "og",     "i",     "å",     "at",   "det",    "den",   "de",    "en",    "et",    "ei",
    "som",    "på",    "med",   "for",  "til",    "av",    "om",    "fra",   "ved",   "etter",
    "over",   "under", "mot",   "uten", "mellom", "hos",   "men",   "eller", "så",    "enn",
    "når",    "da",    "der",   "her",  "hvor",   "hva",   "hvem",  "hvis",  "fordi", "jeg",
    "du",     "han",   "hun",   "vi",   "dere",   "meg",   "deg",   "ham",   "henne", "oss",
    "dem",    "seg",   "min",   "mitt", "mine",   "din",   "ditt",  "dine",  "hans",  "hennes",
    "deres",  "sin",   "sitt",  "sine", "denne",  "dette", "disse", "er",    "var",   "har",
    "hadde",  "ha",    "vært",  "blir", "ble",    "bli",   "blitt", "kan",   "kunne", "skal",
    "skulle", "vil",   "ville", "ikke", "også",   "man",
};

constexpr std::string_view kFinnish[] = {
    "ja",     "tai",  "mutta", "vaan",    "että",  "kun",   "jos",    "koska",  "kuin", "sekä",
    "eli",    "niin", "myös",  "vain",    "jo",    "nyt",   "on",     "ovat",   "oli",  "olivat",
    "ole",    "olla", "ollut", "olisi",   "olen",  "olet",  "olemme", "olette", "ei",   "en",
    "et",     "emme", "ette",  "eivät",   "minä",  "sinä",  "hän",    "me",     "te",   "he",
    "se",     "ne",   "hänen", "heidän",  "sen",   "sitä",  "niiden", "niitä",  "tämä", "tämän",
    "tätä",   "nämä", "tuo",   "joka",    "jotka", "jonka", "mikä",   "mitä",   "kuka", "mukaan",
    "kanssa", "yli",  "ennen", "jälkeen", "vielä",
};

constexpr std::string_view kRussian[] = {
    "и",    "в",      "во",      "не",      "что",     "он",      "на",    "я",     "с",
    "со",   "как",    "а",       "то",      "все",     "всё",     "она",   "так",   "его",
    "но",   "да",     "ты",      "к",       "у",       "же",      "вы",    "за",    "бы",
    "по",   "только", "её",      "мне",     "было",    "вот",     "от",    "меня",  "ещё",
    "нет",  "о",      "об",      "из",      "ему",     "когда",   "даже",  "ли",    "если",
    "уже",  "или",    "ни",      "быть",    "был",     "была",    "были",  "него",  "до",
    "вас",  "вам",    "там",     "потом",   "себя",    "себе",    "ей",    "они",   "оно",
    "где",  "есть",   "для",     "мы",      "тебя",    "их",      "чем",   "без",   "под",
    "над",  "при",    "про",     "через",   "после",   "перед",   "между", "будет", "кто",
    "этот", "эта",    "это",     "эти",     "того",    "этого",   "этой",  "этом",  "тот",
    "та",   "те",     "который", "которая", "которое", "которые", "чтобы", "тоже",  "также",
    "нас",  "них",    "им",      "ним",     "ней",
};

constexpr std::string_view kArabic[] = {
    "في",    "من",   "على", "إلى",  "عن",  "مع",   "بين",  "حتى",   "عند",   "منذ",  "بعد",
    "قبل",   "خلال", "حول", "ضد",   "هذا", "هذه",  "ذلك",  "تلك",   "هؤلاء", "التي", "الذي",
    "الذين", "هو",   "هي",  "هم",   "هما", "نحن",  "أنا",  "أنت",   "كان",   "كانت", "يكون",
    "تكون",  "قد",   "لقد", "لا",   "ما",  "لم",   "لن",   "ليس",   "أن",    "إن",   "أنه",
    "أنها",  "أو",   "ثم",  "لكن",  "كل",  "بعض",  "غير",  "أي",    "إذا",   "كما",  "أيضا",
    "هناك",  "هنا",  "فيه", "فيها", "منه", "منها", "عليه", "عليها", "له",    "لها",  "به",
    "بها",   "وفي",  "ومن", "وعلى", "وقد", "وهو",  "وهي",  "ولا",
};

struct LanguageList {
    std::string_view language;
    std::span<const std::string_view> words;
};

// zh, ja, ko and th have no list: their analysis yields dictionary segments and character or
// syllable pairs, where a "function word" is neither a unit the analysis keeps nor safe to drop.
constexpr LanguageList kLists[] = {
    {"en", kEnglish},    {"de", kGerman},    {"fr", kFrench},  {"es", kSpanish}, {"it", kItalian},
    {"pt", kPortuguese}, {"nl", kDutch},     {"sv", kSwedish}, {"da", kDanish},  {"no", kNorwegian},
    {"nb", kNorwegian},  {"nn", kNorwegian}, {"fi", kFinnish}, {"ru", kRussian}, {"ar", kArabic},
};

// One stopper per language, holding each word as the analysis folds it.
class StopperTable {
public:
    StopperTable() {
        for (const LanguageList& list : kLists) {
            Xapian::SimpleStopper& stopper = stoppers_[list.language];
            for (const std::string_view word : list.words)
                stopper.add(fold_accents(TextAnalyzer::normalize(word)));
        }
    }

    const Xapian::Stopper* find(std::string_view language) const {
        const auto found = stoppers_.find(language);
        return found == stoppers_.end() ? nullptr : &found->second;
    }

private:
    std::map<std::string_view, Xapian::SimpleStopper, std::less<>> stoppers_;
};

}  // namespace

std::span<const std::string_view> stop_word_list(std::string_view primary_language) {
    for (const LanguageList& list : kLists)
        if (list.language == primary_language) return list.words;
    return {};
}

const Xapian::Stopper* stopper_for(std::string_view primary_language) {
    // Constant data built on first use (a thread-safe static), like ICU's normalisers: nothing
    // to inject. A QueryParser given a stopper it does not own never touches its reference
    // count, so any number of parsers on any threads may share these.
    static const StopperTable table;
    return table.find(primary_language);
}

}  // namespace dateline
