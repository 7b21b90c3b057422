// SyncCommand: `dateline-index sync` on the command line — its options, its summary (text or
// JSON) and its exit status. main.cpp registers it and runs it when it was chosen.
// Not thread-safe: used by main's thread only.
#pragma once

#include <CLI/CLI.hpp>

#include "archive_options.hpp"
#include "sync_run.hpp"

namespace dateline::indexer {

class SyncCommand {
public:
    // Adds the `sync` subcommand to the app; the object must outlive the parse.
    explicit SyncCommand(CLI::App& app);

    bool parsed() const { return command_->parsed(); }
    // Runs the parsed command; returns the exit status (exit_status.hpp).
    int run();

private:
    CLI::App* command_;
    SyncOptions options_;
    ArchiveOptions archive_;  // after command_: registers its flags there
    bool json_ = false;
};

}  // namespace dateline::indexer
