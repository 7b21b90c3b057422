// BoilerplateRules: the rules, read from a rules file (indexer/rules/boilerplate.rules is built
// in; docs/formats.md describes the format), that say which lines of an article body are
// syndication footers, aggregator chrome or image credits — and what such a line reveals about
// where the article first appeared (original_source, original_url).
// BoilerplateRules is immutable once parsed and may be shared between threads; RuleMatcher
// holds per-thread matching state: one per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/result.hpp"

namespace dateline::indexer {

enum class RuleAction {
    kDrop,      // drop the line
    kDropRest,  // drop the line and every line after it (a footer that ends the post)
    kKeep,      // never drop the line (a user's exception to the rules after it and to learning)
};

class BoilerplateRules {
public:
    // Lines longer than this are never boilerplate: they are not matched (which also bounds
    // the work a rule can do on one line).
    static constexpr std::size_t kMaxLineBytes = 2000;

    // `name` is the file name for messages: "rules.txt:7: unknown kind \"dorp\" ...".
    static Result<BoilerplateRules, std::string> parse(std::string_view text,
                                                       const std::string& name);

    // Appends the other file's rules after these (a user's file extends the built-in one).
    void append(const BoilerplateRules& other);

    std::size_t size() const { return rules_.size(); }
    // "FILE:LINE" of a rule, for reports.
    const std::string& origin(std::size_t rule) const;

    struct Compiled;  // an ICU pattern and its capture group numbers

private:
    std::vector<std::shared_ptr<const Compiled>> rules_;
    friend class RuleMatcher;
};

struct RuleMatch {
    std::size_t rule = 0;
    RuleAction action = RuleAction::kDrop;
    std::optional<std::string> original_source;  // the captures, when the rule names them
    std::optional<std::string> original_url;
};

class RuleMatcher {
public:
    explicit RuleMatcher(const BoilerplateRules& rules);
    ~RuleMatcher();
    RuleMatcher(RuleMatcher&&) noexcept;
    RuleMatcher& operator=(RuleMatcher&&) noexcept;

    // The first rule matching the whole line (case-insensitively), if any.
    std::optional<RuleMatch> match(std::string_view line);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace dateline::indexer
