// ReindexCommand: `dateline-index reindex` on the command line — its options, its summary and
// its exit status. main.cpp registers it and runs it when it was chosen.
// Not thread-safe: used by main's thread only.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "reindex_run.hpp"

namespace dateline::indexer {

class ReindexCommand {
public:
    // Adds the `reindex` subcommand to the app; the object must outlive the parse.
    explicit ReindexCommand(CLI::App& app);

    bool parsed() const { return command_->parsed(); }
    // Runs the parsed command; returns the exit status (exit_status.hpp).
    int run();

private:
    CLI::App* command_;
    ReindexOptions options_;
    std::optional<std::string> default_lang_;  // as given; checked by run()
    bool quiet_ = false;
};

}  // namespace dateline::indexer
