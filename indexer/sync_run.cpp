// The sync command: survey the trees, plan, read what changed, settle deletions, commit once.
#include "sync_run.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <utility>

#include "boilerplate_setup.hpp"
#include "default_language.hpp"
#include "index_writer.hpp"
#include "input_files.hpp"
#include "sync_plan.hpp"
#include "sync_state.hpp"

namespace dateline::indexer {
namespace {

namespace fs = std::filesystem;

// One PATH argument: its files as found now and as stored at the last sync.
struct Tree {
    std::string tag;
    std::vector<InputFile> inputs;
    std::vector<FoundFile> found;  // parallel to inputs
    TreeState state;               // as stored; updated in memory as files are written
    SyncPlan plan;
};

Result<void, std::string> check_trees(const std::vector<std::string>& trees) {
    for (const std::string& tree : trees) {
        if (tree == "-") return Unexpected("sync reads files and directories, not standard input");
        std::error_code error;
        if (!fs::exists(tree, error))
            return Unexpected(tree +
                              ": no such file or directory; nothing synced (a missing tree is "
                              "never taken for an empty one)");
    }
    return {};
}

// Its key within the tree: the path below a directory, the name of a file given directly.
std::string path_in_tree(const InputFile& input) {
    return input.from_walk ? input.relative_path : fs::path(input.path).filename().string();
}

// Lists and fingerprints the tree's files, loads its state, and plans.
Result<Tree, std::string> survey(const std::string& path, const IndexWriter& writer,
                                 SyncSummary& summary) {
    auto inputs = list_inputs({path});
    if (!inputs) return Unexpected(inputs.error());
    Tree tree{sync_tree_tag(path), std::move(*inputs), {}, {}, {}};
    for (const InputFile& input : tree.inputs) {
        // Hashed before the file is read: if it changes in between, the next sync sees a new
        // hash and reads it again (hashing after reading could miss that change for good).
        auto fingerprint = fingerprint_file(input.path);
        if (!fingerprint) summary.file_errors.push_back(fingerprint.error());
        tree.found.push_back({path_in_tree(input),
                              fingerprint ? std::optional(std::move(*fingerprint)) : std::nullopt});
    }
    tree.state = load_tree_state(writer, tree.tag);
    tree.plan = plan_sync(tree.state, tree.found);
    return tree;
}

// Follows the pipeline: records what each file produced, and at the end writes the files'
// state and deletes what no file produces any more — all in the final commit, so a sync that
// dies half-way leaves the old state, and the next one reads those files again.
class SyncObserver : public IngestObserver {
public:
    // read: for each pipeline input, its tree and its index in the tree's files.
    SyncObserver(std::vector<Tree>& trees, std::vector<std::pair<std::size_t, std::size_t>> read,
                 bool keep_deleted, SyncSummary& summary)
        : trees_(trees), read_(std::move(read)), keep_deleted_(keep_deleted), summary_(summary) {}

    void input_written(std::size_t input, InputOutcome outcome) override {
        outcomes_.emplace_back(input, std::move(outcome));
    }

    void before_final_commit(IndexWriter& writer) override {
        std::set<std::string> candidates;
        std::vector<std::pair<std::string, std::string>> entries;  // key, value ("" deletes)
        for (auto& [input, outcome] : outcomes_) record_file(input, outcome, candidates, entries);
        if (!keep_deleted_) forget_removed(candidates, entries);
        if (!candidates.empty()) delete_unproduced(writer, candidates);
        for (const auto& [key, value] : entries) writer.set_metadata(key, value);
    }

private:
    void record_file(std::size_t input, InputOutcome& outcome, std::set<std::string>& candidates,
                     std::vector<std::pair<std::string, std::string>>& entries) {
        const auto [t, f] = read_[input];
        Tree& tree = trees_[t];
        if (outcome.read_error) {  // keep the old state: the next sync tries again
            ++summary_.files_failed;
            summary_.file_errors.push_back(*outcome.read_error);
            return;
        }
        const FoundFile& file = tree.found[f];
        FileState now{file.path, *file.fingerprint, normalized_ids(std::move(outcome.ids))};
        if (auto before = tree.state.find(file.path); before != tree.state.end())
            for (std::string& id : dropped_ids(before->second.ids, now.ids))
                candidates.insert(std::move(id));
        entries.emplace_back(sync_file_key(tree.tag, file.path), encode_file_state(now));
        tree.state[file.path] = std::move(now);
    }

    void forget_removed(std::set<std::string>& candidates,
                        std::vector<std::pair<std::string, std::string>>& entries) {
        for (Tree& tree : trees_) {
            for (const std::string& path : tree.plan.removed) {
                const auto gone = tree.state.find(path);
                candidates.insert(gone->second.ids.begin(), gone->second.ids.end());
                tree.state.erase(gone);
                entries.emplace_back(sync_file_key(tree.tag, path), std::string());
            }
        }
    }

    void delete_unproduced(IndexWriter& writer, const std::set<std::string>& candidates) {
        std::set<std::string> tags;
        for (const Tree& tree : trees_) tags.insert(tree.tag);
        std::set<std::string> produced = load_ids_of_other_trees(writer, tags);
        for (const Tree& tree : trees_)
            for (const auto& [path, state] : tree.state)
                produced.insert(state.ids.begin(), state.ids.end());
        for (const std::string& id : ids_to_delete(candidates, produced))
            if (writer.remove(id)) ++summary_.articles_deleted;
    }

    std::vector<Tree>& trees_;
    std::vector<std::pair<std::size_t, std::size_t>> read_;
    const bool keep_deleted_;
    SyncSummary& summary_;
    std::vector<std::pair<std::size_t, InputOutcome>> outcomes_;
};

void count_plans(const std::vector<Tree>& trees, SyncSummary& summary) {
    for (const Tree& tree : trees) {
        summary.files_added += tree.plan.added.size();
        summary.files_changed += tree.plan.changed.size();
        summary.files_unchanged += tree.plan.unchanged.size();
        summary.files_removed += tree.plan.removed.size();
        summary.files_failed += tree.plan.unreadable.size();
    }
}

bool has_work(const std::vector<Tree>& trees, bool keep_deleted) {
    for (const Tree& tree : trees)
        if (!tree.plan.reads_nothing() || (!keep_deleted && !tree.plan.removed.empty()))
            return true;
    return false;
}

// The files to read, tree by tree in path order (so "the last record with an id wins" is
// repeatable), and where each came from.
std::pair<std::vector<InputFile>, std::vector<std::pair<std::size_t, std::size_t>>> files_to_read(
    const std::vector<Tree>& trees) {
    std::vector<InputFile> inputs;
    std::vector<std::pair<std::size_t, std::size_t>> origins;
    for (std::size_t t = 0; t < trees.size(); ++t) {
        std::vector<std::size_t> chosen = trees[t].plan.added;
        chosen.insert(chosen.end(), trees[t].plan.changed.begin(), trees[t].plan.changed.end());
        std::sort(chosen.begin(), chosen.end());
        for (const std::size_t f : chosen) {
            inputs.push_back(trees[t].inputs[f]);
            origins.emplace_back(t, f);
        }
    }
    return {std::move(inputs), std::move(origins)};
}

}  // namespace

Result<SyncSummary, std::string> run_sync(const SyncOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    if (auto checked = check_trees(options.trees); !checked) return Unexpected(checked.error());
    // The write lock is taken before the state is read, so two syncs never plan from the same
    // state: the second fails with "locked by another writer".
    auto writer = IndexWriter::open(options.ingest.database);
    if (!writer) return Unexpected(writer.error());
    SyncSummary summary;
    std::vector<Tree> trees;
    std::set<std::string> seen_tags;
    for (const std::string& path : options.trees) {
        auto tree = survey(path, *writer, summary);
        if (!tree) return Unexpected(tree.error());
        if (seen_tags.insert(tree->tag).second) trees.push_back(std::move(*tree));
    }
    count_plans(trees, summary);
    if (has_work(trees, options.keep_deleted)) {
        auto [inputs, origins] = files_to_read(trees);
        IngestOptions ingest = options.ingest;
        if (options.boilerplate_rules)
            summary.boilerplate =
                add_boilerplate_cleaner(*options.boilerplate_rules, inputs, ingest);
        SyncObserver observer(trees, std::move(origins), options.keep_deleted, summary);
        auto ingested = run_ingest_into(ingest, *writer, std::move(inputs), observer);
        if (!ingested) return Unexpected(ingested.error());
        summary.ingest = std::move(*ingested);
        summary.articles = summary.ingest.articles;
        summary.wrote = true;
    } else {
        // Nothing to read, but a newly chosen --default-lang is still the index's from now on.
        if (settle_default_language(*writer, options.ingest.default_language).written)
            writer->commit();
        summary.articles = writer->article_count();
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace dateline::indexer
