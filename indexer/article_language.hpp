// ArticleLanguage: the language an article is indexed in — the one it gives, else the one
// detected in its title and body, else the index's default — settled before the article is
// built, so its stored JSON, its language filter term and its language value all agree.
// Thread-safe: a pure function (language detection keeps no state).
#pragma once

#include <string_view>

#include "dateline/article.hpp"

namespace dateline::indexer {

// Sets article.lang when the article does not give one, or gives "und" (BCP 47's
// "undetermined"): to the detected primary subtag, else to default_language.
void resolve_article_language(Article& article, std::string_view default_language);

}  // namespace dateline::indexer
