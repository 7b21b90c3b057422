// Text analysis shared by indexing and querying, so the two can never disagree: Unicode
// normalisation (NFKC + case folding), the Snowball stemmer for an article's language (with
// a cache: stemming is most of what indexing costs), and the QueryParser settings. The terms
// themselves come from term_analysis.hpp.
// Not thread-safe (caches stemmers and stems): use one TextAnalyzer per thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace dateline {

// A Snowball stemmer with its answers remembered; a bounded cache.
class CachingStemmer {
public:
    explicit CachingStemmer(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

    const std::string& operator()(std::string_view word);
    const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    static constexpr std::size_t kMaxEntries = 100'000;

    Xapian::Stem stemmer_;
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> stems_;
};

class TextAnalyzer {
public:
    // The language of text whose language is neither given nor detected.
    static constexpr std::string_view kDefaultLanguage = "en";

    // NFKC with case folding, so "Ｆｕｌｌｗｉｄｔｈ", "ﬁ" ligatures and "STRASSE"/"straße"
    // meet the same terms. Invalid UTF-8 is replaced (U+FFFD) rather than dropped.
    static std::string normalize(std::string_view text);

    // The primary language subtag of a BCP 47 tag, lower-cased ("pt-BR" -> "pt"); "" if none.
    static std::string primary_language(std::string_view bcp47);

    // The stemmer for a language tag (English when absent). A language Xapian has no
    // stemmer for gets one that leaves words as they are: a wrong stemmer does more harm than
    // none, and every word then still has its "Z" term for QueryParser to find.
    const Xapian::Stem& stemmer_for(const std::optional<std::string>& lang);
    CachingStemmer& cached_stemmer_for(const std::optional<std::string>& lang);

    // The same analysis for parsing queries in the given language.
    void configure(Xapian::QueryParser& parser, const std::optional<std::string>& lang);

private:
    std::map<std::string, CachingStemmer, std::less<>> stemmers_;
};

}  // namespace dateline
