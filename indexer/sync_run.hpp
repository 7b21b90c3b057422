// SyncRun: the `sync` command. Brings the index in line with one or more trees of source files:
// reads files that are new or changed (by content hash), leaves unchanged ones unopened, and
// deletes the articles of files — or feed items — that disappeared. The reading is the `add`
// pipeline (run_ingest_into), boilerplate cleaning included; what each file produced is kept in
// the index (sync_state).
// Not thread-safe: call run_sync() from one thread (the pipeline manages its own workers).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "boilerplate_report.hpp"
#include "boilerplate_rules.hpp"
#include "dateline/result.hpp"
#include "ingest_run.hpp"

namespace dateline::indexer {

struct SyncOptions {
    IngestOptions ingest;            // how to read; ingest.database is the index
    std::vector<std::string> trees;  // the PATH arguments: directories or files
    bool keep_deleted = false;       // articles of files that disappeared stay (and so does
                                     // their state, so a later sync without it deletes them)
    // Clean bodies as `add` does, learning repeated lines from the files this run reads (not
    // the unchanged ones, which stay unopened). None: index bodies as given.
    std::optional<BoilerplateRules> boilerplate_rules;
};

struct SyncSummary {
    std::size_t files_added = 0;
    std::size_t files_changed = 0;
    std::size_t files_unchanged = 0;
    std::size_t files_removed = 0;  // disappeared (their articles kept with keep_deleted)
    std::size_t files_failed = 0;   // could not be read: state and articles left as they were
    std::size_t articles_deleted = 0;
    IngestSummary ingest;                  // records read, added, replaced, rejected; interrupted
    bool wrote = false;                    // false: nothing to do, no commit (revision unchanged)
    std::vector<std::string> file_errors;  // one message per failed file
    Xapian::doccount articles = 0;         // in the index afterwards
    double seconds = 0;
    std::shared_ptr<BoilerplateReport> boilerplate;  // what cleaning removed; null if not run
};

// Fails before writing anything when a tree does not exist (a missing mount must not empty
// the index), a directory cannot be listed, or the index cannot be opened (locked by another
// writer, not an index).
Result<SyncSummary, std::string> run_sync(const SyncOptions& options);

}  // namespace dateline::indexer
