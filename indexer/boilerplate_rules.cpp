// Reading rules files and matching lines against the rules with ICU regular expressions.
#include "boilerplate_rules.hpp"

#include <stdexcept>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "dateline/utf8.hpp"

namespace dateline::indexer {

struct BoilerplateRules::Compiled {
    RuleAction action = RuleAction::kDrop;
    std::string origin;  // FILE:LINE
    std::unique_ptr<icu::RegexPattern> pattern;
    int32_t source_group = 0;  // 0: the rule captures no original_source
    int32_t url_group = 0;
};

namespace {

// ICU counts a time limit in steps of its match engine, "typically on the order of
// milliseconds": a rule that backtracks badly costs one line a few milliseconds, not the run.
constexpr int32_t kMatchTimeLimit = 5;

// What separates a rule's kind from its pattern.
constexpr std::string_view kBlanks = " \t\r";

icu::UnicodeString to_unicode(std::string_view text) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::optional<RuleAction> action_named(std::string_view kind) {
    if (kind == "drop") return RuleAction::kDrop;
    if (kind == "drop-rest") return RuleAction::kDropRest;
    if (kind == "keep") return RuleAction::kKeep;
    return std::nullopt;
}

// The names of the regex's named groups: "(?<name>", but not the look-behinds "(?<=" "(?<!".
std::vector<std::string> group_names(std::string_view regex) {
    std::vector<std::string> names;
    for (auto pos = regex.find("(?<"); pos != std::string_view::npos;
         pos = regex.find("(?<", pos + 3)) {
        if (pos > 0 && regex[pos - 1] == '\\') continue;
        const auto end = regex.find('>', pos + 3);
        const char next = pos + 3 < regex.size() ? regex[pos + 3] : '\0';
        if (end == std::string_view::npos || next == '=' || next == '!') continue;
        names.emplace_back(regex.substr(pos + 3, end - pos - 3));
    }
    return names;
}

Result<void, std::string> check_group_names(std::string_view regex) {
    for (const std::string& name : group_names(regex))
        if (name != "source" && name != "url")
            return Unexpected("unknown capture group " + quoted_excerpt(name) +
                              " (expected source or url)");
    return {};
}

int32_t group_number(const icu::RegexPattern& pattern, const char* name) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t number = pattern.groupNumberFromName(icu::UnicodeString(name), status);
    return U_SUCCESS(status) ? number : 0;
}

Result<std::unique_ptr<icu::RegexPattern>, std::string> compile(std::string_view regex) {
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> pattern(
        icu::RegexPattern::compile(to_unicode(regex), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status))
        return Unexpected("invalid regular expression " + quoted_excerpt(regex) + ": " +
                          u_errorName(status) + " at character " +
                          std::to_string(where.offset + 1));
    return pattern;
}

// One rule line, "KIND REGEX", already known not to be blank or a comment.
Result<BoilerplateRules::Compiled, std::string> parse_rule(std::string_view line) {
    const auto kind_end = line.find_first_of(kBlanks);
    const std::string_view kind = line.substr(0, kind_end);
    const auto action = action_named(kind);
    if (!action)
        return Unexpected("unknown kind " + quoted_excerpt(kind) +
                          " (expected drop, drop-rest or keep)");
    const std::string_view regex = kind_end == std::string_view::npos
                                       ? std::string_view()
                                       : trim_ascii_spaces(line.substr(kind_end));
    if (regex.empty()) return Unexpected(std::string(kind) + ": missing regular expression");
    if (auto names = check_group_names(regex); !names) return Unexpected(names.error());
    auto pattern = compile(regex);
    if (!pattern) return Unexpected(pattern.error());
    BoilerplateRules::Compiled rule;
    rule.action = *action;
    rule.source_group = group_number(**pattern, "source");
    rule.url_group = group_number(**pattern, "url");
    rule.pattern = std::move(*pattern);
    return rule;
}

// A capture, trimmed of white space and the punctuation that ends a sentence; nullopt if empty.
std::optional<std::string> capture(icu::RegexMatcher& matcher, int32_t group) {
    if (group == 0) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = matcher.group(group, status);
    if (U_FAILURE(status) || text.isBogus()) return std::nullopt;
    std::string utf8;
    text.toUTF8String(utf8);
    const auto last = utf8.find_last_not_of(" \t.,;:!");
    if (last == std::string::npos) return std::nullopt;
    utf8.erase(last + 1);
    return utf8.substr(utf8.find_first_not_of(" \t"));
}

}  // namespace

Result<BoilerplateRules, std::string> BoilerplateRules::parse(std::string_view text,
                                                              const std::string& name) {
    BoilerplateRules rules;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim_ascii_spaces(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++number;
        if (line.empty() || line.front() == '#') continue;
        const std::string origin = name + ":" + std::to_string(number);
        if (find_invalid_utf8(line)) return Unexpected(origin + ": invalid UTF-8");
        auto rule = parse_rule(line);
        if (!rule) return Unexpected(origin + ": " + rule.error());
        rule->origin = origin;
        rules.rules_.push_back(std::make_shared<const Compiled>(std::move(*rule)));
    }
    return rules;
}

void BoilerplateRules::append(const BoilerplateRules& other) {
    rules_.insert(rules_.end(), other.rules_.begin(), other.rules_.end());
}

const std::string& BoilerplateRules::origin(std::size_t rule) const {
    return rules_.at(rule)->origin;
}

struct RuleMatcher::State {
    std::vector<std::shared_ptr<const BoilerplateRules::Compiled>> rules;
    std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;  // one per rule
};

RuleMatcher::RuleMatcher(const BoilerplateRules& rules) : state_(std::make_unique<State>()) {
    state_->rules = rules.rules_;
    for (const auto& rule : state_->rules) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> matcher(rule->pattern->matcher(status));
        if (U_FAILURE(status)) throw std::runtime_error("cannot match boilerplate rules");
        matcher->setTimeLimit(kMatchTimeLimit, status);
        state_->matchers.push_back(std::move(matcher));
    }
}

RuleMatcher::~RuleMatcher() = default;
RuleMatcher::RuleMatcher(RuleMatcher&&) noexcept = default;
RuleMatcher& RuleMatcher::operator=(RuleMatcher&&) noexcept = default;

std::optional<RuleMatch> RuleMatcher::match(std::string_view line) {
    if (line.size() > BoilerplateRules::kMaxLineBytes) return std::nullopt;
    const icu::UnicodeString text = to_unicode(line);
    for (std::size_t i = 0; i < state_->matchers.size(); ++i) {
        icu::RegexMatcher& matcher = *state_->matchers[i];
        UErrorCode status = U_ZERO_ERROR;
        matcher.reset(text);
        // A rule that runs out of time does not match: the line is kept.
        if (!matcher.matches(status) || U_FAILURE(status)) continue;
        const auto& rule = *state_->rules[i];
        return RuleMatch{i, rule.action, capture(matcher, rule.source_group),
                         capture(matcher, rule.url_group)};
    }
    return std::nullopt;
}

}  // namespace dateline::indexer
