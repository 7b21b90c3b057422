// Settling an article's language: given, detected, or the index default.
#include "article_language.hpp"

#include "dateline/language_detector.hpp"
#include "dateline/text_analyzer.hpp"

namespace dateline::indexer {

void resolve_article_language(Article& article, std::string_view default_language) {
    // BCP 47's "und" (undetermined) says as much as no tag at all.
    if (article.lang && TextAnalyzer::primary_language(*article.lang) != "und") return;
    // A teaser-only article (empty body) is judged by its summary instead.
    const std::string_view text =
        article.body.empty() && article.summary ? *article.summary : article.body;
    article.lang =
        detect_article_language(article.title, text).value_or(std::string(default_language));
}

}  // namespace dateline::indexer
