// IngestRun: the `add` command. Reads every input, validates and analyses records on worker
// threads, and upserts them in input order through the one IndexWriter, committing in batches.
// Bad records are reported and skipped; good ones around them are always indexed.
// Not thread-safe: call run() from one thread (it manages its own workers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "input_format.hpp"
#include "source_record.hpp"
#include "source_step.hpp"

namespace dateline::indexer {

struct IngestOptions {
    std::string database;
    std::vector<std::string> inputs;          // files, directories (walked), "-" for stdin
    InputFormat format = InputFormat::kAuto;  // --format: kAuto sniffs each input
    ArchiveDefaults defaults;                 // --source, --default-date (feeds and pages)
    std::vector<SourceStepFactory> steps;     // between reading and validation, in order
    std::size_t commit_every = 2000;  // articles per commit (the crash-recovery granularity)
    std::size_t threads = 0;          // analysis threads; 0 = one per spare core
    bool compact_fresh_build = true;  // compact at the end when the index started empty
    std::optional<bool> positions;    // --no-positions: false (word_positions.hpp)
    bool strict = false;              // stop at the first bad record, commit nothing
    bool show_progress = false;
    bool quiet = false;
    std::optional<std::string> rejects_path;
    // --default-lang (a primary subtag): for articles whose language is neither given nor
    // detected, kept in the index. None: the one the index keeps, else English.
    std::optional<std::string> default_language;
};

// A fresh build's final compaction (which also merges a second writer's shard).
struct CompactionFigures {
    std::uint64_t bytes_before = 0;  // the database and any shard, as written
    std::uint64_t bytes_after = 0;
    double seconds = 0;
};

struct IngestSummary {
    std::size_t read = 0;
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t rejected = 0;
    std::size_t copies = 0;  // articles that joined the story of an earlier one
    double seconds = 0;
    std::uint64_t bytes = 0;
    Xapian::doccount articles = 0;                // in the index after the run
    bool interrupted = false;                     // SIGINT/SIGTERM: work so far was committed
    bool stopped_by_strict = false;               // --strict met a bad record: nothing committed
    std::optional<std::string> input_error;       // an input failed mid-read (others went on)
    std::vector<std::string> skipped_files;       // found in a directory, in no archive format
    std::optional<CompactionFigures> compaction;  // a fresh build's, when it was compacted
};

// What one input gave, once all of its records were written (for `sync`).
struct InputOutcome {
    std::vector<std::string> ids;           // of the articles upserted from it, in input order
    std::optional<std::string> read_error;  // it could not be opened or read to the end
};

class IndexWriter;
struct InputFile;

// Follows a run input by input, for a caller that keeps its own records with the articles
// (`sync`). Called on the writing thread.
class IngestObserver {
public:
    virtual ~IngestObserver() = default;
    // In input order, once all of the input's records were upserted or rejected. Inputs that an
    // interruption left unfinished are not reported.
    virtual void input_written(std::size_t input, InputOutcome outcome) = 0;
    // Last changes that must land in the run's final commit (after the last record).
    virtual void before_final_commit(IndexWriter& writer) = 0;
};

// Fails before doing any work when the database, a named input or a directory cannot be
// opened. Files found in directories are opened as their turn comes.
Result<IngestSummary, std::string> run_ingest(const IngestOptions& options);

// The same pipeline over inputs already listed, into a writer the caller holds (options.database
// and options.inputs are not used, except to compact a fresh build). Every input is opened in
// its turn, so one that cannot be opened is an input_error, not a failure of the run.
Result<IngestSummary, std::string> run_ingest_into(const IngestOptions& options,
                                                   IndexWriter& writer,
                                                   std::vector<InputFile> inputs,
                                                   IngestObserver& observer);

}  // namespace dateline::indexer
