// dateline-index: command line -> options -> one command. Exceptions from broken
// infrastructure (Xapian, I/O) are caught here and nowhere else in the indexer.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "archive_options.hpp"
#include "boilerplate_setup.hpp"
#include "exit_status.hpp"
#include "index_maintenance.hpp"
#include "index_stats.hpp"
#include "ingest_run.hpp"
#include "reindex_command.hpp"
#include "stop_signal.hpp"
#include "story_report.hpp"
#include "sync_command.hpp"

namespace dateline::indexer {
namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "dateline-index: %s\n", message.c_str());
    return kExitFatal;
}

nlohmann::json summary_json(const IngestSummary& s) {
    nlohmann::json compaction = nullptr;
    if (s.compaction)
        compaction = {{"bytes_before", s.compaction->bytes_before},
                      {"bytes_after", s.compaction->bytes_after},
                      {"seconds", s.compaction->seconds}};
    return {{"read", s.read},
            {"added", s.added},
            {"replaced", s.replaced},
            {"rejected", s.rejected},
            {"copies", s.copies},
            {"seconds", s.seconds},
            {"articles", s.articles},
            {"interrupted", s.interrupted},
            {"committed", !s.stopped_by_strict},
            {"compaction", compaction}};
}

void print_summary(const IngestSummary& s) {
    const double rate = s.seconds > 0 ? static_cast<double>(s.read) / s.seconds : 0;
    std::fprintf(stderr,
                 "read %zu, added %zu, replaced %zu, rejected %zu in %.2f s (%.0f articles/s, "
                 "%.1f MB/s); %zu copies of earlier stories; index holds %u articles\n",
                 s.read, s.added, s.replaced, s.rejected, s.seconds, rate,
                 s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0, s.copies,
                 s.articles);
    if (s.stopped_by_strict)
        std::fputs("--strict: stopped at the first bad record; nothing committed\n", stderr);
    if (s.interrupted)
        std::fputs("interrupted: work so far committed; run again to finish\n", stderr);
}

int run_add(IngestOptions options, bool json, const ArchiveOptions& archive) {
    StopSignal::install();
    std::shared_ptr<BoilerplateReport> report;
    if (archive.boilerplate_rules())
        report = add_boilerplate_cleaner(*archive.boilerplate_rules(), options);
    auto summary = run_ingest(options);
    if (!summary) return fail(summary.error());
    archive.report(report.get(), summary->skipped_files, options.quiet);
    if (json)
        std::cout << summary_json(*summary).dump() << '\n';
    else if (!options.quiet)
        print_summary(*summary);
    if (summary->input_error) fail(*summary->input_error);
    if (summary->interrupted) return kExitSignalBase + StopSignal::signal_number();
    if (summary->input_error) return kExitFatal;
    return summary->rejected > 0 ? kExitRejected : kExitOk;
}

Result<std::vector<std::string>, std::string> read_ids(const std::string& path) {
    std::ifstream file;
    if (path != "-") {
        file.open(path);
        if (!file) return Unexpected(path + ": cannot open");
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::vector<std::string> ids;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) ids.push_back(line);
    }
    return ids;
}

int run_delete(const std::string& database, std::vector<std::string> ids,
               const std::string& ids_from, bool json) {
    if (!ids_from.empty()) {
        auto more = read_ids(ids_from);
        if (!more) return fail(more.error());
        ids.insert(ids.end(), more->begin(), more->end());
    }
    auto summary = delete_articles(database, ids);
    if (!summary) return fail(summary.error());
    if (json) {
        std::cout << nlohmann::json{{"deleted", summary->deleted},
                                    {"not_found", summary->not_found}}
                         .dump()
                  << '\n';
    } else {
        std::fprintf(stderr, "deleted %zu articles\n", summary->deleted);
        for (const std::string& id : summary->not_found)
            std::fprintf(stderr, "not found: %s\n", id.c_str());
    }
    return kExitOk;
}

int run_stories(const std::string& database, std::size_t top_n, bool json) {
    auto report = read_story_report(database, top_n);
    if (!report) return fail(report.error());
    std::cout << (json ? story_report_to_json(*report).dump(2) + "\n"
                       : story_report_to_text(*report));
    return kExitOk;
}

int run_stats(const std::string& database, bool json) {
    auto stats = read_index_stats(database);
    if (!stats) return fail(stats.error());
    std::cout << (json ? stats_to_json(*stats).dump(2) + "\n" : stats_to_text(*stats));
    return kExitOk;
}

int run_compact(const std::string& database) {
    auto summary = compact_index(database);
    if (!summary) return fail(summary.error());
    std::fprintf(stderr, "compacted %s: %.1f MB -> %.1f MB\n", database.c_str(),
                 static_cast<double>(summary->bytes_before) / 1e6,
                 static_cast<double>(summary->bytes_after) / 1e6);
    return kExitOk;
}

int run(int argc, char** argv) {
    CLI::App app{"dateline-index: build and maintain a Dateline news-archive index"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "dateline-index 0.1.0");

    IngestOptions ingest;
    bool json = false;
    auto* add = app.add_subcommand(
        "add",
        "Add or replace articles (upsert by id) from JSON Lines, JSON, RSS/Atom feeds and HTML "
        "pages (formats: docs/formats.md)");
    add->add_option("--db", ingest.database, "Index directory (created if missing)")->required();
    add->add_option("files", ingest.inputs,
                    "Files or directories (walked recursively, hidden entries skipped): JSON "
                    "Lines, a JSON array, RSS or Atom feeds, HTML pages, gzip of any; - for "
                    "stdin. The format is read from the content")
        ->required();
    ArchiveOptions archive(*add);
    add->add_option("--batch-size", ingest.commit_every, "Articles per commit")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))
        ->capture_default_str();
    add->add_option("--threads", ingest.threads, "Analysis threads (0 = one per spare core)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{64}));
    bool no_compact = false;
    add->add_flag("--no-compact", no_compact, "Do not compact a freshly built index at the end");
    bool no_positions = false;
    add->add_flag("--no-positions", no_positions,
                  "Build a new index without word positions: about 45 % smaller on disk, and "
                  "quoted phrases then match their words anywhere in an article "
                  "(docs/performance.md); `reindex --positions` changes it later");
    add->add_option("--rejects", ingest.rejects_path,
                    "Write rejected records with reasons to this JSONL file");
    add->add_flag("--strict", ingest.strict,
                  "Stop at the first bad record and commit nothing of this run");
    add->add_flag("-q,--quiet", ingest.quiet, "No progress line or summary");
    add->add_flag("--json", json, "Print the summary as JSON on stdout");

    std::string database;
    std::vector<std::string> ids;
    std::string ids_from;
    auto* remove = app.add_subcommand("delete", "Delete articles by id");
    remove->add_option("--db", database, "Index directory")->required();
    remove->add_option("ids", ids, "Article ids");
    remove->add_option("--ids-from", ids_from, "File with one id per line (- for stdin)");
    remove->add_flag("--json", json, "Print the result as JSON on stdout");

    auto* stats =
        app.add_subcommand("stats", "Show article count, date span, top sources and tags, size");
    stats->add_option("--db", database, "Index directory")->required();
    stats->add_flag("--json", json, "Print as JSON");

    std::size_t top_stories = 10;
    auto* stories = app.add_subcommand(
        "stories", "Show how many stories (an article and its copies) and the largest ones");
    stories->add_option("--db", database, "Index directory")->required();
    stories->add_option("--top", top_stories, "Largest stories to list; 0: every one with copies")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    stories->add_flag("--json", json, "Print as JSON");

    auto* compact = app.add_subcommand("compact", "Compact the index and swap it in atomically");
    compact->add_option("--db", database, "Index directory")->required();

    SyncCommand sync(app);
    ReindexCommand reindex(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int status = app.exit(error);
        return status == 0 ? kExitOk : kExitUsage;
    }
    if (remove->parsed() && ids.empty() && ids_from.empty()) {
        std::fputs("dateline-index delete: give ids or --ids-from FILE\n", stderr);
        return kExitUsage;
    }
    if (add->parsed()) {
        if (auto applied = archive.apply(ingest); !applied) {
            std::fprintf(stderr, "dateline-index add: %s\n", applied.error().c_str());
            return kExitUsage;
        }
    }
    ingest.compact_fresh_build = !no_compact;
    if (no_positions) ingest.positions = false;
    ingest.show_progress = !ingest.quiet && !json && ::isatty(STDERR_FILENO);
    if (sync.parsed()) return sync.run();
    if (reindex.parsed()) return reindex.run();
    if (add->parsed()) return run_add(ingest, json, archive);
    if (remove->parsed()) return run_delete(database, ids, ids_from, json);
    if (stats->parsed()) return run_stats(database, json);
    if (stories->parsed()) return run_stories(database, top_stories, json);
    return run_compact(database);
}

}  // namespace
}  // namespace dateline::indexer

int main(int argc, char** argv) {
    try {
        return dateline::indexer::run(argc, argv);
    } catch (const Xapian::Error& error) {
        return dateline::indexer::fail("index error: " + error.get_description());
    } catch (const std::exception& error) {
        return dateline::indexer::fail(error.what());
    }
}
