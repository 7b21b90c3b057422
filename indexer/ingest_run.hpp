// IngestRun: the `add` command. Reads every input, validates and analyses records on worker
// threads, and upserts them in input order through the one IndexWriter, committing in batches.
// Bad records are reported and skipped; good ones around them are always indexed.
// Not thread-safe: call run() from one thread (it manages its own workers).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"

namespace dateline::indexer {

struct IngestOptions {
    std::string database;
    std::vector<std::string> inputs;  // paths, "-" for stdin
    std::size_t commit_every = 2000;  // articles per commit (the crash-recovery granularity)
    std::size_t threads = 0;          // analysis threads; 0 = one per spare core
    bool compact_fresh_build = true;  // compact at the end when the index started empty
    bool strict = false;              // stop at the first bad record, commit nothing
    bool show_progress = false;
    bool quiet = false;
    std::optional<std::string> rejects_path;
};

struct IngestSummary {
    std::size_t read = 0;
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t rejected = 0;
    double seconds = 0;
    std::uint64_t bytes = 0;
    Xapian::doccount articles = 0;           // in the index after the run
    bool interrupted = false;                // SIGINT/SIGTERM: work so far was committed
    bool stopped_by_strict = false;          // --strict met a bad record: nothing committed
    std::optional<std::string> input_error;  // an input failed mid-read (others went on)
};

// Fails before doing any work when the database or an input cannot be opened.
Result<IngestSummary, std::string> run_ingest(const IngestOptions& options);

}  // namespace dateline::indexer
