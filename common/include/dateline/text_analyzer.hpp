// Text analysis shared by indexing and querying, so the two can never disagree: Unicode
// normalisation (NFKC + case folding), the Snowball stemmer for an article's language, and
// the TermGenerator/QueryParser settings (stem strategy, CJK n-grams).
// Not thread-safe (caches stemmers): use one TextAnalyzer per thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace dateline {

class TextAnalyzer {
public:
    // The language of text whose language is not given.
    static constexpr std::string_view kDefaultLanguage = "en";

    // NFKC with case folding, so "Ｆｕｌｌｗｉｄｔｈ", "ﬁ" ligatures and "STRASSE"/"straße"
    // meet the same terms. Invalid UTF-8 is replaced (U+FFFD) rather than dropped.
    static std::string normalize(std::string_view text);

    // The primary language subtag of a BCP 47 tag, lower-cased ("pt-BR" -> "pt"); "" if none.
    static std::string primary_language(std::string_view bcp47);

    // The stemmer for a language tag: English when the tag is absent, no stemming when Xapian
    // has no stemmer for it (a wrong stemmer does more harm than none).
    const Xapian::Stem& stemmer_for(const std::optional<std::string>& lang);

    // Points a TermGenerator at this analysis for one document in the given language.
    void configure(Xapian::TermGenerator& generator, const std::optional<std::string>& lang);

    // The same analysis for parsing queries in the given language.
    void configure(Xapian::QueryParser& parser, const std::optional<std::string>& lang);

private:
    std::map<std::string, Xapian::Stem, std::less<>> stemmers_;
};

}  // namespace dateline
