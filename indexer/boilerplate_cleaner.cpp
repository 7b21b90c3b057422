// Removing boilerplate lines from bodies, in three passes over the lines: rules, learnt
// repeated lines, then the title at either end (what the first two passes uncovered).
#include "boilerplate_cleaner.hpp"

#include <regex>

#include "article_draft.hpp"
#include "dateline/html_text.hpp"

namespace dateline::indexer {
namespace {

// A captured source longer than this is a rule that matched too much, not a publication.
constexpr std::size_t kMaxOriginalSourceBytes = 300;

bool is_web_url(const std::string& url) {
    static const std::regex pattern("^https?://\\S+$", std::regex::icase);
    return std::regex_match(url, pattern);
}

const std::string* string_field(const nlohmann::json& fields, const char* name) {
    const auto found = fields.find(name);
    return found != fields.end() && found->is_string() ? found->get_ptr<const std::string*>()
                                                       : nullptr;
}

bool states(const nlohmann::json& fields, const char* name) {
    const std::string* value = string_field(fields, name);
    return value && !value->empty();
}

BodyLine* first_kept(std::vector<BodyLine>& lines) {
    for (BodyLine& line : lines)
        if (!line.dropped) return &line;
    return nullptr;
}

BodyLine* last_kept(std::vector<BodyLine>& lines) {
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        if (!it->dropped) return &*it;
    return nullptr;
}

void drop_title_lines(std::vector<BodyLine>& lines, std::string_view title, CleanedBody& cleaned) {
    const std::string wanted = normalised_line(title);
    if (wanted.empty()) return;
    for (BodyLine* line : {first_kept(lines), last_kept(lines)}) {
        if (!line || line->dropped || line->kept || normalised_line(line->text) != wanted) continue;
        line->dropped = true;
        ++cleaned.tally.titles;
    }
}

}  // namespace

BoilerplateCleaner::BoilerplateCleaner(std::shared_ptr<const BoilerplateKnowledge> knowledge,
                                       std::shared_ptr<BoilerplateReport> report)
    : knowledge_(std::move(knowledge)), report_(std::move(report)), matcher_(knowledge_->rules) {}

std::optional<RuleMatch> BoilerplateCleaner::match_rules(const BodyLine& line) {
    // A paragraph of several lines is matched as one line of text.
    if (line.text.find('\n') == std::string_view::npos) return matcher_.match(line.text);
    return matcher_.match(flat_text(line.text));
}

void BoilerplateCleaner::drop_by_rules(std::vector<BodyLine>& lines, CleanedBody& cleaned) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto match = match_rules(lines[i]);
        if (!match) continue;
        if (match->action == RuleAction::kKeep) {
            lines[i].kept = true;
            continue;
        }
        lines[i].dropped = true;
        cleaned.tally.rules.push_back(match->rule);
        if (!cleaned.original_source && match->original_source &&
            match->original_source->size() <= kMaxOriginalSourceBytes)
            cleaned.original_source = std::move(match->original_source);
        if (!cleaned.original_url && match->original_url && is_web_url(*match->original_url))
            cleaned.original_url = std::move(match->original_url);
        if (match->action != RuleAction::kDropRest) continue;
        drop_rest(lines, i + 1, cleaned);
        return;
    }
}

// After a drop-rest line every line goes, but for those a keep rule protects.
void BoilerplateCleaner::drop_rest(std::vector<BodyLine>& lines, std::size_t from,
                                   CleanedBody& cleaned) {
    for (std::size_t i = from; i < lines.size(); ++i) {
        const auto match = match_rules(lines[i]);
        if (match && match->action == RuleAction::kKeep) continue;
        lines[i].dropped = true;
        ++cleaned.tally.lines_after_rest;
    }
}

void BoilerplateCleaner::drop_learnt(std::vector<BodyLine>& lines, std::string_view source,
                                     CleanedBody& cleaned) {
    if (knowledge_->learnt.size() == 0) return;
    for (BodyLine& line : lines) {
        if (line.dropped || line.kept || line.text.size() > kMaxChromeLineBytes) continue;
        const std::uint64_t fingerprint = line_fingerprint(source, normalised_line(line.text));
        if (!knowledge_->learnt.contains(fingerprint)) continue;
        line.dropped = true;
        cleaned.tally.learnt.push_back({fingerprint, std::string(line.text)});
    }
}

CleanedBody BoilerplateCleaner::clean(std::string_view body_text, std::string_view title,
                                      std::string_view source, BodyUnit unit) {
    CleanedBody cleaned;
    std::vector<BodyLine> lines = split_body_lines(body_text, unit);
    drop_by_rules(lines, cleaned);
    drop_learnt(lines, source, cleaned);
    drop_title_lines(lines, title, cleaned);
    cleaned.changed =
        std::any_of(lines.begin(), lines.end(), [](const BodyLine& line) { return line.dropped; });
    cleaned.text = cleaned.changed ? join_body_lines(lines) : std::string(body_text);
    cleaned.tally.found_original = cleaned.original_source || cleaned.original_url;
    return cleaned;
}

void BoilerplateCleaner::apply(SourceRecord& record) {
    nlohmann::json& fields = *record.fields;
    const std::string* body = fields.is_object() ? string_field(fields, "body") : nullptr;
    if (!body) return;  // validation says what is wrong
    const std::string* title = string_field(fields, "title");
    const std::string* source = string_field(fields, "source");
    const bool body_is_html = looks_like_html(*body);
    CleanedBody cleaned = clean(
        body_is_html ? html_to_text(*body) : *body, title ? html_to_text(*title) : std::string(),
        source ? *source : std::string(), body_is_html ? BodyUnit::kLine : BodyUnit::kParagraph);
    // The text is stored as it is; text that could be mistaken for markup is escaped, so the
    // contract's markup stripping gives it back unchanged (and need not parse the HTML again).
    if (cleaned.changed || body_is_html)
        fields["body"] =
            looks_like_html(cleaned.text) ? escape_html(cleaned.text) : std::move(cleaned.text);
    if (cleaned.original_source && !states(fields, "original_source"))
        fields["original_source"] = *cleaned.original_source;
    if (cleaned.original_url && !states(fields, "original_url"))
        fields["original_url"] = *cleaned.original_url;
    if (report_ && (cleaned.changed || cleaned.tally.found_original))
        report_->add(source ? *source : std::string(), cleaned.tally);
}

SourceStepFactory boilerplate_cleaner_factory(
    const std::shared_ptr<const BoilerplateKnowledge>& knowledge,
    const std::shared_ptr<BoilerplateReport>& report) {
    return [knowledge, report] { return std::make_unique<BoilerplateCleaner>(knowledge, report); };
}

}  // namespace dateline::indexer
