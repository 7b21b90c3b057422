// The `reindex` subcommand: options, summary, exit status.
#include "reindex_command.hpp"

#include <cstdio>
#include <map>

#include "dateline/index_schema.hpp"
#include "default_language.hpp"
#include "exit_status.hpp"
#include "stop_signal.hpp"

namespace dateline::indexer {
namespace {

void print_summary(const ReindexSummary& s, const std::string& database) {
    const std::string before = s.old_version.empty() ? "none" : s.old_version;
    std::fprintf(stderr,
                 "reindexed %zu articles in %.2f s (schema version %s -> %s, default language "
                 "%s, title weight %u, word positions %s); %s is the new index\n",
                 s.articles, s.seconds, before.c_str(), std::string(schema::kVersion).c_str(),
                 s.default_language.c_str(), s.title_weight, s.positions ? "on" : "off",
                 database.c_str());
}

}  // namespace

ReindexCommand::ReindexCommand(CLI::App& app)
    : command_(app.add_subcommand(
          "reindex",
          "Rebuild the index from the articles it stores, with this release's analysis: "
          "upgrades an index of an older schema version (the sync state and default language "
          "are kept). Builds beside the index and swaps the new one in; searches go on")) {
    command_->add_option("--db", options_.database, "Index directory")->required();
    command_->add_option("--default-lang", default_lang_,
                         "Default language to keep in the rebuilt index (BCP 47 tag; its "
                         "primary subtag is kept); default: the index's, else en");
    command_
        ->add_option("--title-weight", options_.title_weight,
                     "How many body words a title word counts as, for the rebuilt index "
                     "and later additions (docs/ranking.md); default: the index's, else " +
                         std::to_string(schema::kTitleWeight))
        ->check(CLI::Range(Xapian::termcount{1}, schema::kMaxTitleWeight));
    command_
        ->add_option("--positions", options_.positions,
                     "on or off: whether the rebuilt index keeps word positions (phrase "
                     "search; off is about 45 % smaller, docs/performance.md); default: as "
                     "the index does")
        ->transform(
            CLI::CheckedTransformer(std::map<std::string, bool>{{"on", true}, {"off", false}}));
    command_->add_option("--threads", options_.threads, "Analysis threads (0 = one per spare core)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{64}));
    command_->add_flag("-q,--quiet", quiet_, "No summary");
}

int ReindexCommand::run() {
    if (default_lang_) {
        auto language = default_language_from_tag(*default_lang_);
        if (!language) {
            std::fprintf(stderr, "dateline-index reindex: --default-lang: %s\n",
                         language.error().c_str());
            return kExitUsage;
        }
        options_.default_language = std::move(*language);
    }
    StopSignal::install();
    auto summary = run_reindex(options_);
    if (!summary) {
        std::fprintf(stderr, "dateline-index: %s\n", summary.error().c_str());
        return kExitFatal;
    }
    if (summary->interrupted) {
        std::fputs("interrupted: the index was left as it was\n", stderr);
        return kExitSignalBase + StopSignal::signal_number();
    }
    if (!quiet_) print_summary(*summary, options_.database);
    return kExitOk;
}

}  // namespace dateline::indexer
