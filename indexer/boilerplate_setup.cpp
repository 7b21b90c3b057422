// Rules files, the learning pass and the cleaner step, wired for one `add` or `sync` run.
#include "boilerplate_setup.hpp"

#include <chrono>
#include <fstream>

#include "boilerplate_cleaner.hpp"
#include "boilerplate_rules_builtin.hpp"
#include "repeated_line_survey.hpp"

namespace dateline::indexer {
namespace {

// A rules file is a few kilobytes; anything far larger is not one.
constexpr std::size_t kMaxRulesFileBytes = std::size_t{1024} * 1024;

Result<std::string, std::string> read_rules_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return Unexpected(path + ": cannot open");
    std::string text(kMaxRulesFileBytes + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) return Unexpected(path + ": cannot read");
    text.resize(static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxRulesFileBytes)
        return Unexpected(path + ": larger than 1 MiB; not a rules file");
    return text;
}

void add_cleaner(BoilerplateRules rules, LearntLines learnt,
                 const std::shared_ptr<BoilerplateReport>& report, IngestOptions& options) {
    auto knowledge = std::make_shared<BoilerplateKnowledge>();
    knowledge->rules = std::move(rules);
    knowledge->learnt = std::move(learnt);
    options.steps.push_back(boilerplate_cleaner_factory(std::move(knowledge), report));
}

// A cleaner with the rules alone; the report says why nothing was learnt.
std::shared_ptr<BoilerplateReport> add_unlearnt_cleaner(BoilerplateRules rules, std::string why,
                                                        IngestOptions& options) {
    auto report = std::make_shared<BoilerplateReport>();
    report->set_not_learnt(std::move(why));
    add_cleaner(std::move(rules), {}, report, options);
    return report;
}

}  // namespace

Result<BoilerplateRules, std::string> load_boilerplate_rules(
    const std::vector<std::string>& files) {
    BoilerplateRules rules;
    for (const std::string& path : files) {
        auto text = read_rules_file(path);
        if (!text) return Unexpected(text.error());
        auto parsed = BoilerplateRules::parse(*text, path);
        if (!parsed) return Unexpected(parsed.error());
        rules.append(*parsed);
    }
    auto builtin = BoilerplateRules::parse(builtin_boilerplate_rules(),
                                           std::string(kBuiltinBoilerplateRulesName));
    if (!builtin) return Unexpected(builtin.error());
    rules.append(*builtin);
    return rules;
}

std::shared_ptr<BoilerplateReport> add_boilerplate_cleaner(BoilerplateRules rules,
                                                           IngestOptions& options) {
    if (!inputs_can_be_reread(options.inputs))
        return add_unlearnt_cleaner(std::move(rules), "standard input cannot be read twice",
                                    options);
    auto files = list_inputs(options.inputs);
    if (!files) return add_unlearnt_cleaner(std::move(rules), files.error(), options);
    return add_boilerplate_cleaner(std::move(rules), *files, options);
}

std::shared_ptr<BoilerplateReport> add_boilerplate_cleaner(BoilerplateRules rules,
                                                           const std::vector<InputFile>& files,
                                                           IngestOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    LearntLines learnt =
        survey_repeated_lines({files, options.format, options.defaults, options.threads, {}});
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    auto report = std::make_shared<BoilerplateReport>();
    report->set_learning(learnt.size(), learnt.sources_with_chrome, learnt.articles_surveyed,
                         took.count());
    add_cleaner(std::move(rules), std::move(learnt), report, options);
    return report;
}

}  // namespace dateline::indexer
