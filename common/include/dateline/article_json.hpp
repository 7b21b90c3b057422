// JSON mapping of the article contract: validating an input record into an Article, and the
// stored JSON form the index keeps and the API returns. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "dateline/article.hpp"
#include "dateline/result.hpp"

namespace dateline {

// Why a record was rejected: the field at fault ("record" for the record as a whole) and a
// reason a person can act on. Printed as "FILE:LINE: field: reason".
struct RecordError {
    std::string field;
    std::string reason;
};

struct ParsedArticle {
    Article article;
    std::vector<std::string> unknown_fields;  // ignored, reported once per name by the caller
};

// The rejection for a record over ArticleLimits::kMaxRecordBytes.
RecordError record_too_large(std::size_t bytes);

// Validates raw record text (one JSONL line or one element of a JSON array): size limit,
// UTF-8, JSON syntax, then the contract.
Result<ParsedArticle, RecordError> parse_article(std::string_view record_text);

// The first half of parse_article: size limit, UTF-8 and JSON syntax, without the contract,
// for callers that transform a record before validating it.
Result<nlohmann::json, RecordError> parse_record_json(std::string_view record_text);

// Validates an already parsed JSON value against the contract.
Result<ParsedArticle, RecordError> article_from_json(const nlohmann::json& record);

// The stored form: normalised (UTC dates, plain-text body), absent optionals omitted.
nlohmann::json article_to_json(const Article& article);

// The inverse of article_to_json, for rebuilding an index from what it stores: fields are
// taken as stored (already plain text, already within the limits), so that plain text that
// happens to look like markup ("5 &lt; 6") is never decoded a second time. Fails only for JSON
// that article_to_json did not write (a field missing or of the wrong type, a bad date).
Result<Article, RecordError> article_from_stored_json(const nlohmann::json& stored);

}  // namespace dateline
