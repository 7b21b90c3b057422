// DefaultLanguage: the index's default language — the one assumed for articles whose language
// is neither given nor detectable, and by the server for queries in no recognisable language.
// Chosen with --default-lang, kept in the index (schema::kDefaultLanguageMetadataKey) so the
// server reads the same one; English until an operator chooses another.
// Not thread-safe: used on the writing thread, through the one IndexWriter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dateline/result.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {

// --default-lang's value as it is kept: the primary subtag of a language tag, lower-cased
// ("pt-BR" -> "pt"). Fails for what is no language tag, and for "und" (no language).
Result<std::string, std::string> default_language_from_tag(std::string_view tag);

struct SettledLanguage {
    std::string language;  // a primary subtag
    bool written = false;  // the index's metadata was changed (and awaits a commit)
};

// The index's default language: `chosen` when given (written when the index keeps another),
// else the one the index keeps, else English (written, so the server finds it in the index).
SettledLanguage settle_default_language(IndexWriter& writer,
                                        const std::optional<std::string>& chosen);

}  // namespace dateline::indexer
