// Setting up boilerplate cleaning for an `add` or `sync` run: the rules (built-in, then the
// user's files first so their `keep` rules win), the first pass that learns repeated lines when
// the inputs can be read twice, and the cleaner step added to the run.
// Not thread-safe: call from the main thread before the run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "boilerplate_report.hpp"
#include "boilerplate_rules.hpp"
#include "dateline/result.hpp"
#include "ingest_run.hpp"
#include "input_files.hpp"

namespace dateline::indexer {

// The user's rule files (in order), then the built-in rules. The error names FILE:LINE.
Result<BoilerplateRules, std::string> load_boilerplate_rules(const std::vector<std::string>& files);

// Learns repeated lines from options.inputs (not from standard input: the report says so),
// then appends the cleaner to options.steps. The report fills during the run.
std::shared_ptr<BoilerplateReport> add_boilerplate_cleaner(BoilerplateRules rules,
                                                           IngestOptions& options);

// The same, learning from files already listed (`sync`: the files this run reads).
std::shared_ptr<BoilerplateReport> add_boilerplate_cleaner(BoilerplateRules rules,
                                                           const std::vector<InputFile>& files,
                                                           IngestOptions& options);

}  // namespace dateline::indexer
