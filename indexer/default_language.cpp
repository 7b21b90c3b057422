// The default language: checking --default-lang, and keeping it in the index's metadata.
#include "default_language.hpp"

#include <regex>

#include "dateline/index_schema.hpp"
#include "dateline/text_analyzer.hpp"
#include "dateline/utf8.hpp"

namespace dateline::indexer {

Result<std::string, std::string> default_language_from_tag(std::string_view tag) {
    // An ISO 639 language (two or three letters), optionally with subtags: BCP 47's common form.
    static const std::regex pattern("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");
    std::string primary = TextAnalyzer::primary_language(tag);
    if (!std::regex_match(std::string(tag), pattern) || primary == "und")
        return Unexpected("expected a language tag such as en, de or pt-BR, got " +
                          quoted_excerpt(tag));
    return primary;
}

SettledLanguage settle_default_language(IndexWriter& writer,
                                        const std::optional<std::string>& chosen) {
    const std::string key(schema::kDefaultLanguageMetadataKey);
    const std::string kept = writer.metadata(key);
    SettledLanguage settled{chosen         ? *chosen
                            : kept.empty() ? std::string(TextAnalyzer::kDefaultLanguage)
                                           : kept,
                            false};
    // Written only when it changes: a sync with nothing to do must leave the index untouched.
    if (settled.language != kept) {
        writer.set_metadata(key, settled.language);
        settled.written = true;
    }
    return settled;
}

}  // namespace dateline::indexer
