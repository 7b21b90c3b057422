// Text analysis: normalisation, stemmers and their cache.
#include "dateline/text_analyzer.hpp"
#include "dateline/utf8.hpp"

#include <algorithm>
#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "dateline/stop_words.hpp"

namespace dateline {
namespace {

// For languages without a Snowball stemmer.
class IdentityStem : public Xapian::StemImplementation {
public:
    std::string operator()(const std::string& word) override { return word; }
    std::string get_description() const override { return "none"; }
};

// The primary subtag a text is analysed in: English when none is given.
std::string language_of(const std::optional<std::string>& lang) {
    return lang ? TextAnalyzer::primary_language(*lang)
                : std::string(TextAnalyzer::kDefaultLanguage);
}

const icu::Normalizer2* nfkc_casefold() {
    // ICU owns the instance and it is immutable, so sharing it across threads is safe.
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
        return U_SUCCESS(status) ? normalizer : nullptr;
    }();
    return instance;
}

}  // namespace

std::string TextAnalyzer::normalize(std::string_view text) {
    // For ASCII, NFKC_Casefold is plain lower-casing: skipping ICU keeps English archives fast.
    if (is_ascii(text)) {
        std::string lowered(text);
        for (char& c : lowered)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return lowered;
    }
    const icu::Normalizer2* normalizer = nfkc_casefold();
    if (normalizer == nullptr) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::UnicodeString folded = normalizer->normalize(source, status);
    if (U_FAILURE(status)) return std::string(text);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

std::string TextAnalyzer::primary_language(std::string_view bcp47) {
    const std::size_t end = bcp47.find_first_of("-_");
    std::string primary(bcp47.substr(0, end));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return primary;
}

const std::string& CachingStemmer::operator()(std::string_view word) {
    if (const auto found = stems_.find(word); found != stems_.end()) return found->second;
    if (stems_.size() >= kMaxEntries) stems_.clear();
    std::string key(word);
    std::string stem = stemmer_(key);
    return stems_.emplace(std::move(key), std::move(stem)).first->second;
}

const Xapian::Stem& TextAnalyzer::stemmer_for(const std::optional<std::string>& lang) {
    return cached_stemmer_for(lang).stemmer();
}

CachingStemmer& TextAnalyzer::cached_stemmer_for(const std::optional<std::string>& lang) {
    const std::string language = language_of(lang);
    if (auto found = stemmers_.find(language); found != stemmers_.end()) return found->second;
    Xapian::Stem stemmer(new IdentityStem);
    try {
        if (!language.empty()) stemmer = Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError&) {
        // Xapian has no stemmer for this language: words stay as they are.
    }
    return stemmers_.emplace(language, CachingStemmer(stemmer)).first->second;
}

void TextAnalyzer::configure(Xapian::QueryParser& parser, const std::optional<std::string>& lang) {
    parser.set_stemmer(stemmer_for(lang));
    // STEM_SOME: a plain word matches its stem ("Z" term), a phrase word its exact form.
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // The language's function words are dropped from a query that has other words, so "the
    // ferry strike" asks for ferry and strike only. QueryParser keeps them in a phrase, after
    // "+", and in a query (or bracketed group) made of nothing else. nullptr (no list) clears
    // the previous language's stopper.
    parser.set_stopper(stopper_for(language_of(lang)));
}

}  // namespace dateline
