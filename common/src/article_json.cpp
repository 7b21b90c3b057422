// Validation of input records against the article contract (schemas/article.schema.json),
// and the stored JSON form of an article.
#include "dateline/article_json.hpp"

#include <array>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "dateline/html_text.hpp"
#include "dateline/utf8.hpp"

namespace dateline {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 13> kKnownFields = {
    "id",     "title",   "body", "date",    "source",          "tags",        "url",
    "author", "summary", "lang", "updated", "original_source", "original_url"};

Unexpected<RecordError> reject(std::string field, std::string reason) {
    return Unexpected(RecordError{std::move(field), std::move(reason)});
}

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "number";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        default: return "object";
    }
}

// Raw record text is checked as a whole (parse_record_json), but a feed or page reader or a
// SourceStep builds strings itself: a bug there must reject the record, not reach the index
// (where the stored JSON could not be written).
Result<std::string, RecordError> valid_utf8(const std::string& text, const std::string& field) {
    if (const auto bad = find_invalid_utf8(text))
        return reject(field, "invalid UTF-8 at byte " + std::to_string(*bad + 1));
    return text;
}

Result<std::string, RecordError> required_string(const json& record, const char* field) {
    const auto found = record.find(field);
    if (found == record.end()) return reject(field, "required field is missing");
    if (!found->is_string()) return reject(field, "must be a string, got " + type_name(*found));
    return valid_utf8(found->get_ref<const std::string&>(), field);
}

// Optional fields: absent, null and "" all mean "not given".
Result<std::optional<std::string>, RecordError> optional_string(const json& record,
                                                                const char* field) {
    const auto found = record.find(field);
    if (found == record.end() || found->is_null()) return std::optional<std::string>{};
    if (!found->is_string())
        return reject(field, "must be a string or null, got " + type_name(*found));
    auto value = valid_utf8(found->get_ref<const std::string&>(), field);
    if (!value) return Unexpected(value.error());
    if (value->empty()) return std::optional<std::string>{};
    return std::optional<std::string>{std::move(*value)};
}

Result<Timestamp, RecordError> date_field(const std::string& text, const char* field) {
    auto parsed = parse_date(text);
    if (!parsed) return reject(field, parsed.error());
    return *parsed;
}

bool is_bcp47(const std::string& tag) {
    static const std::regex pattern("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");
    return std::regex_match(tag, pattern);
}

bool is_link(const std::string& url) {
    // http(s) or a site path: the search box turns this into a link, so "javascript:" and
    // other schemes are refused here rather than escaped later.
    static const std::regex pattern("^(https?://[^\\s]+|/[^\\s]*)$", std::regex::icase);
    return std::regex_match(url, pattern);
}

Result<std::vector<std::string>, RecordError> tags_field(const json& record) {
    std::vector<std::string> tags;
    const auto found = record.find("tags");
    if (found == record.end() || found->is_null()) return tags;
    if (!found->is_array())
        return reject("tags", "must be an array of strings, got " + type_name(*found));
    if (found->size() > ArticleLimits::kMaxTags)
        return reject("tags", "more than " + std::to_string(ArticleLimits::kMaxTags) + " tags (" +
                                  std::to_string(found->size()) + ")");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < found->size(); ++i) {
        const json& tag = (*found)[i];
        const std::string field = "tags[" + std::to_string(i) + "]";
        if (!tag.is_string()) return reject(field, "must be a string, got " + type_name(tag));
        auto given = valid_utf8(tag.get_ref<const std::string&>(), field);
        if (!given) return Unexpected(given.error());
        std::string text = html_to_text(*given);
        // Blank and repeated tags carry nothing; dropping them keeps the article.
        if (is_blank(text) || !seen.insert(text).second) continue;
        tags.push_back(std::move(text));
    }
    return tags;
}

// Stored tags are already plain, unique and non-blank.
Result<std::vector<std::string>, RecordError> stored_tags(const json& stored) {
    std::vector<std::string> tags;
    const auto found = stored.find("tags");
    if (found == stored.end()) return tags;
    if (!found->is_array()) return reject("tags", "must be an array, got " + type_name(*found));
    for (const json& tag : *found) {
        if (!tag.is_string()) return reject("tags", "must hold strings, got " + type_name(tag));
        tags.push_back(tag.get<std::string>());
    }
    return tags;
}

// The optional string fields and `updated`, as written (input records and stored ones alike).
Result<void, RecordError> read_optional_fields(const json& stored, Article& article) {
    const std::array<std::pair<const char*, std::optional<std::string>*>, 6> optionals = {
        {{"url", &article.url},
         {"author", &article.author},
         {"summary", &article.summary},
         {"lang", &article.lang},
         {"original_source", &article.original_source},
         {"original_url", &article.original_url}}};
    for (const auto& [field, target] : optionals) {
        auto value = optional_string(stored, field);
        if (!value) return Unexpected(value.error());
        *target = std::move(*value);
    }
    auto updated_text = optional_string(stored, "updated");
    if (!updated_text) return Unexpected(updated_text.error());
    if (*updated_text) {
        auto updated = date_field(**updated_text, "updated");
        if (!updated) return Unexpected(updated.error());
        article.updated = *updated;
    }
    return {};
}

Result<void, RecordError> check_text_limits(const Article& article) {
    const std::size_t id_chars = count_code_points(article.id);
    if (id_chars == 0 || id_chars > ArticleLimits::kMaxIdChars)
        return reject("id", "must be 1 to " + std::to_string(ArticleLimits::kMaxIdChars) +
                                " characters, got " + std::to_string(id_chars));
    if (is_blank(article.title)) return reject("title", "must not be empty");
    if (const std::size_t chars = count_code_points(article.title);
        chars > ArticleLimits::kMaxTitleChars)
        return reject("title", "longer than " + std::to_string(ArticleLimits::kMaxTitleChars) +
                                   " characters (" + std::to_string(chars) + ")");
    if (is_blank(article.source)) return reject("source", "must not be empty");
    return {};
}

Result<void, RecordError> check_optional_fields(const Article& article) {
    if (article.url && !is_link(*article.url))
        return reject("url", "must be an http(s) URL or a path starting with \"/\", got " +
                                 quoted_excerpt(*article.url));
    if (article.original_url && !is_link(*article.original_url))
        return reject("original_url", "must be an http(s) URL or a path starting with \"/\", got " +
                                          quoted_excerpt(*article.original_url));
    if (article.lang && !is_bcp47(*article.lang))
        return reject("lang", "not a BCP 47 language tag: " + quoted_excerpt(*article.lang) +
                                  " (e.g. \"en\", \"pt-BR\")");
    return {};
}

}  // namespace

Result<ParsedArticle, RecordError> article_from_json(const json& record) {
    if (!record.is_object())
        return reject("record", "must be a JSON object, got " + type_name(record));
    ParsedArticle parsed;
    Article& article = parsed.article;

    auto id = required_string(record, "id");
    if (!id) return Unexpected(id.error());
    article.id = std::move(*id);
    auto title = required_string(record, "title");
    if (!title) return Unexpected(title.error());
    article.title = html_to_text(*title);
    auto body = required_string(record, "body");
    if (!body) return Unexpected(body.error());
    article.body = html_to_text(*body);
    auto date_text = required_string(record, "date");
    if (!date_text) return Unexpected(date_text.error());
    auto date = date_field(*date_text, "date");
    if (!date) return Unexpected(date.error());
    article.date = *date;
    auto source = required_string(record, "source");
    if (!source) return Unexpected(source.error());
    article.source = std::move(*source);
    if (auto limits = check_text_limits(article); !limits) return Unexpected(limits.error());

    auto tags = tags_field(record);
    if (!tags) return Unexpected(tags.error());
    article.tags = std::move(*tags);

    if (auto optionals = read_optional_fields(record, article); !optionals)
        return Unexpected(optionals.error());
    if (article.summary) article.summary = html_to_text(*article.summary);
    // Markup alone ("<p></p>") leaves nothing; stored as "" it would read back as absent.
    if (article.summary && article.summary->empty()) article.summary.reset();
    if (auto checked = check_optional_fields(article); !checked) return Unexpected(checked.error());
    for (const auto& item : record.items())
        if (std::find(kKnownFields.begin(), kKnownFields.end(), item.key()) == kKnownFields.end())
            parsed.unknown_fields.push_back(item.key());
    return parsed;
}

Result<Article, RecordError> article_from_stored_json(const json& stored) {
    if (!stored.is_object())
        return reject("record", "must be a JSON object, got " + type_name(stored));
    Article article;
    const std::array<std::pair<const char*, std::string*>, 4> required = {
        {{"id", &article.id},
         {"title", &article.title},
         {"body", &article.body},
         {"source", &article.source}}};
    for (const auto& [field, target] : required) {
        auto value = required_string(stored, field);
        if (!value) return Unexpected(value.error());
        *target = std::move(*value);
    }
    auto date_text = required_string(stored, "date");
    if (!date_text) return Unexpected(date_text.error());
    auto date = date_field(*date_text, "date");
    if (!date) return Unexpected(date.error());
    article.date = *date;
    auto tags = stored_tags(stored);
    if (!tags) return Unexpected(tags.error());
    article.tags = std::move(*tags);
    if (auto optionals = read_optional_fields(stored, article); !optionals)
        return Unexpected(optionals.error());
    return article;
}

RecordError record_too_large(std::size_t bytes) {
    return {"record", "larger than the 4 MiB limit (" + std::to_string(bytes) + " bytes)"};
}

Result<ParsedArticle, RecordError> parse_article(std::string_view record_text) {
    auto record = parse_record_json(record_text);
    if (!record) return Unexpected(record.error());
    return article_from_json(*record);
}

Result<json, RecordError> parse_record_json(std::string_view record_text) {
    if (record_text.size() > ArticleLimits::kMaxRecordBytes)
        return Unexpected(record_too_large(record_text.size()));
    if (const auto bad = find_invalid_utf8(record_text))
        return reject("record", "invalid UTF-8 at byte " + std::to_string(*bad + 1));
    json record;
    try {
        record = json::parse(record_text);
    } catch (const json::exception& error) {
        // A syntax error (parse_error), or a number past a double (out_of_range: "1e999").
        // nlohmann's messages start with an internal id ("[json.exception.parse_error.101] ").
        std::string reason = error.what();
        if (const auto end = reason.find("] "); end != std::string::npos) reason.erase(0, end + 2);
        return reject("record", "invalid JSON: " + reason);
    }
    return record;
}

json article_to_json(const Article& article) {
    json out = {{"id", article.id},         {"title", article.title},
                {"body", article.body},     {"date", to_rfc3339(article.date)},
                {"source", article.source}, {"tags", article.tags}};
    if (article.url) out["url"] = *article.url;
    if (article.author) out["author"] = *article.author;
    if (article.summary) out["summary"] = *article.summary;
    if (article.lang) out["lang"] = *article.lang;
    if (article.updated) out["updated"] = to_rfc3339(*article.updated);
    if (article.original_source) out["original_source"] = *article.original_source;
    if (article.original_url) out["original_url"] = *article.original_url;
    return out;
}

}  // namespace dateline
