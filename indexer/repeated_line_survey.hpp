// The first pass of a run that learns chrome from the corpus: reads every input once (on the
// analysis threads, like the indexing pass) and counts each source's short lines in a
// RepeatedLineCounter, so the second pass — the indexing run — can drop the lines that repeat.
// Inputs must be files: standard input cannot be read twice (the caller checks).
// Not thread-safe: call from one thread (it runs its own workers).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "input_files.hpp"
#include "input_format.hpp"
#include "repeated_lines.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

struct SurveyOptions {
    std::vector<InputFile> inputs;  // as list_inputs() gives them
    InputFormat format = InputFormat::kAuto;
    ArchiveDefaults defaults;
    std::size_t threads = 0;  // 0 = one per spare core
    LearningThresholds thresholds;
};

// Inputs that cannot be opened or read, and records that cannot be read, are passed over: the
// indexing pass reports them. Stops early on SIGINT/SIGTERM (StopSignal).
LearntLines survey_repeated_lines(const SurveyOptions& options);

// True when every input can be read a second time (none is "-").
bool inputs_can_be_reread(const std::vector<std::string>& inputs);

}  // namespace dateline::indexer
