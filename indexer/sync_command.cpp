// The `sync` subcommand: options, summary, exit status.
#include "sync_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "exit_status.hpp"
#include "stop_signal.hpp"

namespace dateline::indexer {
namespace {

nlohmann::json summary_json(const SyncSummary& s) {
    return {{"files",
             {{"added", s.files_added},
              {"changed", s.files_changed},
              {"unchanged", s.files_unchanged},
              {"removed", s.files_removed},
              {"failed", s.files_failed}}},
            {"records",
             {{"read", s.ingest.read},
              {"added", s.ingest.added},
              {"replaced", s.ingest.replaced},
              {"deleted", s.articles_deleted},
              {"rejected", s.ingest.rejected}}},
            {"articles", s.articles},
            {"wrote", s.wrote},
            {"interrupted", s.ingest.interrupted},
            {"seconds", s.seconds}};
}

CLI::App* add_sync_command(CLI::App& app) {
    return app.add_subcommand(
        "sync",
        "Bring the index in line with trees of source files: read new and changed files "
        "(content hash), skip unchanged ones, delete the articles of files and feed items that "
        "disappeared. Safe from cron: a run with nothing to do writes nothing");
}

void print_summary(const SyncSummary& s, bool keep_deleted) {
    const char* kept = keep_deleted && s.files_removed ? " (articles kept: --keep-deleted)" : "";
    if (!s.wrote) {
        std::fprintf(stderr, "sync: %zu files unchanged", s.files_unchanged);
        if (s.files_removed) std::fprintf(stderr, ", %zu removed%s", s.files_removed, kept);
        if (s.files_failed) std::fprintf(stderr, ", %zu failed", s.files_failed);
        std::fprintf(stderr, ", nothing to do; index holds %u articles\n", s.articles);
        return;
    }
    std::fprintf(stderr,
                 "sync: files %zu added, %zu changed, %zu unchanged, %zu removed%s, %zu failed; "
                 "articles %zu added, %zu replaced, %zu deleted, %zu rejected in %.2f s; index "
                 "holds %u articles\n",
                 s.files_added, s.files_changed, s.files_unchanged, s.files_removed, kept,
                 s.files_failed, s.ingest.added, s.ingest.replaced, s.articles_deleted,
                 s.ingest.rejected, s.seconds, s.articles);
    if (s.ingest.interrupted)
        std::fputs("interrupted: work so far committed; run sync again to finish\n", stderr);
}

}  // namespace

SyncCommand::SyncCommand(CLI::App& app) : command_(add_sync_command(app)), archive_(*command_) {
    command_->add_option("--db", options_.ingest.database, "Index directory (created if missing)")
        ->required();
    command_
        ->add_option("paths", options_.trees,
                     "Directories (walked recursively, hidden entries skipped) or files. Use "
                     "the same paths every time: a tree's state is kept under its absolute "
                     "path")
        ->required();
    command_->add_flag("--keep-deleted", options_.keep_deleted,
                       "Keep the articles of files and feed items that disappeared");
    command_->add_option("--batch-size", options_.ingest.commit_every, "Articles per commit")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))
        ->capture_default_str();
    command_
        ->add_option("--threads", options_.ingest.threads,
                     "Analysis threads (0 = one per spare core)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{64}));
    command_->add_option("--rejects", options_.ingest.rejects_path,
                         "Write rejected records with reasons to this JSONL file");
    command_->add_flag("-q,--quiet", options_.ingest.quiet, "No progress line or summary");
    command_->add_flag("--json", json_, "Print the summary as JSON on stdout");
}

int SyncCommand::run() {
    if (auto applied = archive_.apply(options_.ingest); !applied) {
        std::fprintf(stderr, "dateline-index sync: %s\n", applied.error().c_str());
        return kExitUsage;
    }
    options_.boilerplate_rules = archive_.boilerplate_rules();
    options_.ingest.show_progress = !options_.ingest.quiet && !json_ && ::isatty(STDERR_FILENO);
    StopSignal::install();
    auto summary = run_sync(options_);
    if (!summary) {
        std::fprintf(stderr, "dateline-index: %s\n", summary.error().c_str());
        return kExitFatal;
    }
    for (const std::string& error : summary->file_errors)
        std::fprintf(stderr, "dateline-index: %s\n", error.c_str());
    archive_.report(summary->boilerplate.get(), summary->ingest.skipped_files,
                    options_.ingest.quiet);
    if (json_)
        std::cout << summary_json(*summary).dump() << '\n';
    else if (!options_.ingest.quiet)
        print_summary(*summary, options_.keep_deleted);
    if (summary->ingest.interrupted) return kExitSignalBase + StopSignal::signal_number();
    if (summary->files_failed) return kExitFatal;
    return summary->ingest.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace dateline::indexer
