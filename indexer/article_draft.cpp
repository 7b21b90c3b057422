// Building contract-shaped records from what feeds and pages offer.
#include "article_draft.hpp"

#include <algorithm>
#include <regex>

#include "dateline/utf8.hpp"
#include "markup_depth.hpp"
#include "web_date.hpp"

namespace dateline::indexer {
namespace {

bool is_language_tag(const std::string& tag) {
    static const std::regex pattern("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");
    return std::regex_match(tag, pattern);
}

Unexpected<RecordError> missing(const char* field, const char* looked_for,
                                const char* remedy = nullptr) {
    std::string reason = std::string("not found (looked for ") + looked_for + ")";
    if (remedy) reason += "; give " + std::string(remedy);
    return Unexpected(RecordError{field, std::move(reason)});
}

// pugixml decodes a character reference that is no character (&#x110000;, a surrogate) into
// ill-formed UTF-8; as with bytes that do not fit a charset, it becomes U+FFFD.
void replace_invalid_text(nlohmann::json& value) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (find_invalid_utf8(text)) value = replace_invalid_utf8(text);
    } else if (value.is_structured()) {
        for (auto& element : value) replace_invalid_text(element);
    }
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out = "<p>";
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\n': out += "<br>"; break;
            default: out += c;
        }
    }
    return out + "</p>";
}

void ArticleDraft::set_plain(const char* field, std::string_view value) {
    std::string text(trim_ascii_spaces(value));
    if (text.empty() || is_blank(text) || has(field)) return;
    fields_[field] = std::move(text);
}

void ArticleDraft::set_text(const char* field, std::string_view text) {
    if (is_blank(text) || has(field)) return;
    fields_[field] = escape_html(trim_ascii_spaces(text));
}

void ArticleDraft::set_html(const char* field, std::string_view html) {
    if (is_blank(html) || has(field)) return;
    if (markup_nests_deeper_than(html)) {
        // Parsing it would take minutes; an article's markup never nests this deep.
        if (!markup_error_)
            markup_error_ = RecordError{
                field, "HTML nested deeper than " + std::to_string(kMaxMarkupDepth) + " elements"};
        return;
    }
    fields_[field] = std::string(html);
}

void ArticleDraft::set_date(const char* field, std::string_view text) {
    if (is_blank(text) || has(field)) return;
    auto date = parse_web_date(text);
    if (date) {
        fields_[field] = to_rfc3339(*date);
    } else if (!date_error_ && std::string_view(field) == "date") {
        date_error_ = RecordError{field, date.error()};
    }
}

void ArticleDraft::add_tag(std::string_view text) {
    const std::string tag(trim_ascii_spaces(text));
    if (tag.empty() || is_blank(tag)) return;
    auto& tags = fields_["tags"];
    if (tags.size() < ArticleLimits::kMaxTags) tags.push_back(escape_html(tag));
}

void ArticleDraft::set_url(std::string_view url) {
    static const std::regex link("^(https?://[^\\s]+|/[^\\s]*)$", std::regex::icase);
    const std::string text(trim_ascii_spaces(url));
    if (std::regex_match(text, link)) set_plain("url", text);
}

void ArticleDraft::set_lang(std::string_view lang) {
    std::string tag(trim_ascii_spaces(lang));
    std::replace(tag.begin(), tag.end(), '_', '-');
    if (is_language_tag(tag)) set_plain("lang", tag);
}

Result<nlohmann::json, RecordError> ArticleDraft::finish(const ArchiveDefaults& defaults,
                                                         const Hints& looked_for) {
    if (markup_error_) return Unexpected(*markup_error_);
    if (!has("id")) return missing("id", looked_for.id);
    if (!has("title")) return missing("title", looked_for.title);
    if (!has("date") && defaults.date) fields_["date"] = *defaults.date;
    if (!has("date")) {
        if (date_error_) return Unexpected(*date_error_);
        return missing("date", looked_for.date, "--default-date DATE");
    }
    if (!has("source") && defaults.source) fields_["source"] = *defaults.source;
    if (!has("source")) return missing("source", looked_for.source, "--source NAME");
    if (!has("body")) fields_["body"] = "";
    replace_invalid_text(fields_);
    return std::move(fields_);
}

}  // namespace dateline::indexer
