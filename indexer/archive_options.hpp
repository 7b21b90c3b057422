// ArchiveOptions: the flags that say how to read archives, shared by `add` and `sync` — --format,
// --source, --default-date, --default-lang, --keep-boilerplate, --boilerplate-rules,
// -v/--verbose. Registers them on a subcommand, checks and applies them after the parse (loading
// the rules files), and prints what the run did because of them (boilerplate removed, files
// skipped).
// Not thread-safe: used by main's thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "boilerplate_report.hpp"
#include "boilerplate_rules.hpp"
#include "dateline/result.hpp"
#include "ingest_run.hpp"

namespace dateline::indexer {

class ArchiveOptions {
public:
    // Adds the flags to `command`; the object must outlive the parse.
    explicit ArchiveOptions(CLI::App& command);

    // Checks --format, --default-date and --default-lang, loads the boilerplate rules, and
    // sets them on `options`. The error names the flag ("--format: unknown format ...").
    Result<void, std::string> apply(IngestOptions& options);

    // The rules to clean bodies with: none with --keep-boilerplate (or before apply()).
    const std::optional<BoilerplateRules>& boilerplate_rules() const { return rules_; }

    // After the run: with --verbose, what cleaning removed (`removed` may be null: nothing
    // cleaned); unless quiet, the files skipped as no archive format.
    void report(const BoilerplateReport* removed, const std::vector<std::string>& skipped,
                bool quiet) const;

private:
    std::string format_ = "auto";
    std::optional<std::string> source_;
    std::string default_date_;
    std::optional<std::string> default_lang_;
    bool keep_boilerplate_ = false;
    std::vector<std::string> rule_files_;
    bool verbose_ = false;
    std::optional<BoilerplateRules> rules_;
};

}  // namespace dateline::indexer
