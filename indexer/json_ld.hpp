// JSON-LD article metadata (schema.org NewsArticle, BlogPosting, Article and their kin, also
// inside "@graph"): finding the article object in a page's ld+json scripts and mapping it onto
// an ArticleDraft. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "article_draft.hpp"

namespace dateline::indexer {

// The first article object in the scripts, in document order. Scripts that are not valid JSON
// are skipped: a page's other metadata may still suffice.
std::optional<nlohmann::json> find_json_ld_article(const std::vector<std::string>& scripts);

// Fills headline, dates, author, publisher, keywords, section, language and description.
void apply_json_ld(const nlohmann::json& article, ArticleDraft& draft);

// articleBody as plain text, when given.
std::string json_ld_body(const nlohmann::json& article);

}  // namespace dateline::indexer
