// ArticleDraft: assembles the contract-shaped fields of an article found in a feed or page,
// where each field may come from several places in order of preference (the first usable one
// wins), and says what is missing in terms of the input ("no date: looked for pubDate, dc:date;
// give --default-date DATE").
// Not thread-safe: one draft per record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/result.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

// Plain text as HTML that html_to_text turns back into the same text, so text taken from a
// DOM or a JSON-LD string survives the contract's markup stripping unchanged.
std::string escape_html(std::string_view text);

class ArticleDraft {
public:
    // Each setter ignores blank values and values for fields already set.
    void set_plain(const char* field, std::string_view value);  // id, source, author
    void set_text(const char* field, std::string_view text);    // title, body, summary
    void set_html(const char* field, std::string_view html);    // title, body, summary
    // Parsed with parse_web_date; an unreadable date is remembered and reported only if no
    // later candidate (or default) supplies the field.
    void set_date(const char* field, std::string_view text);
    void add_tag(std::string_view text);
    // Kept when it is an http(s) URL or a "/path", as the contract asks; otherwise dropped
    // (an optional field must not cost the article).
    void set_url(std::string_view url);
    // "en_US" becomes "en-US"; a value that is still not a language tag is dropped.
    void set_lang(std::string_view lang);
    bool has(const char* field) const { return fields_.contains(field); }

    // The fields, with defaults for a missing source and date; or the first required field
    // that is missing, with `looked_for` naming where it was sought.
    struct Hints {
        const char* id;
        const char* title;
        const char* date;
        const char* source;
    };
    Result<nlohmann::json, RecordError> finish(const ArchiveDefaults& defaults,
                                               const Hints& looked_for);

private:
    nlohmann::json fields_ = nlohmann::json::object();
    std::optional<RecordError> date_error_;
    std::optional<RecordError> markup_error_;  // HTML too deeply nested to parse
};

}  // namespace dateline::indexer
