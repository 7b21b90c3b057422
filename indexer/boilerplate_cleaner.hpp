// BoilerplateCleaner: the SourceStep that removes boilerplate from article bodies — lines the
// rules name (syndication footers, aggregator chrome, image credits), lines learnt to repeat
// across a source's articles, and the title repeated as the body's first or last line — and
// keeps what syndication footers reveal as original_source and original_url.
// It works on the body's text (HTML is turned into text first, keeping paragraphs), so JSON
// records, feed items and pages are cleaned alike: line by line for text from HTML, paragraph
// by paragraph for plain text (whose line breaks may be hard wraps).
// Not thread-safe: one cleaner per analysis thread (BoilerplateKnowledge and the report are
// shared).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "boilerplate_lines.hpp"
#include "boilerplate_report.hpp"
#include "boilerplate_rules.hpp"
#include "repeated_lines.hpp"
#include "source_step.hpp"

namespace dateline::indexer {

// What cleaning knows before it starts: the rules, and the lines learnt from the corpus.
struct BoilerplateKnowledge {
    BoilerplateRules rules;
    LearntLines learnt;
};

struct CleanedBody {
    std::string text;      // the body without boilerplate: the input text when nothing changed
    bool changed = false;  // a line was dropped
    std::optional<std::string> original_source;
    std::optional<std::string> original_url;
    BoilerplateTally tally;
};

class BoilerplateCleaner final : public SourceStep {
public:
    // report may be null.
    BoilerplateCleaner(std::shared_ptr<const BoilerplateKnowledge> knowledge,
                       std::shared_ptr<BoilerplateReport> report);

    // Rewrites "body" as text without boilerplate; adds original_source and original_url
    // unless the record states them.
    void apply(SourceRecord& record) override;

    // body_text and title are plain text; source picks the learnt lines that apply; unit is
    // kLine for text that came from HTML (see boilerplate_lines.hpp).
    CleanedBody clean(std::string_view body_text, std::string_view title, std::string_view source,
                      BodyUnit unit = BodyUnit::kParagraph);

private:
    std::optional<RuleMatch> match_rules(const BodyLine& line);
    void drop_by_rules(std::vector<BodyLine>& lines, CleanedBody& cleaned);
    void drop_rest(std::vector<BodyLine>& lines, std::size_t from, CleanedBody& cleaned);
    void drop_learnt(std::vector<BodyLine>& lines, std::string_view source, CleanedBody& cleaned);

    std::shared_ptr<const BoilerplateKnowledge> knowledge_;
    std::shared_ptr<BoilerplateReport> report_;
    RuleMatcher matcher_;
};

SourceStepFactory boilerplate_cleaner_factory(
    const std::shared_ptr<const BoilerplateKnowledge>& knowledge,
    const std::shared_ptr<BoilerplateReport>& report);

}  // namespace dateline::indexer
