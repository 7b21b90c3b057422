// BoilerplateReport: what boilerplate cleaning removed during a run, for `add --verbose`: lines
// dropped by each rule, the learnt repeated lines (with the text of the first one dropped, so
// the report can say which), titles repeated in bodies, originals found.
// Thread-safe: the analysis threads' cleaners add to one report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace dateline::indexer {

class BoilerplateRules;

// What cleaning one body dropped.
struct BoilerplateTally {
    struct LearntDrop {
        std::uint64_t fingerprint = 0;
        std::string text;
    };
    std::vector<std::size_t> rules;    // the rule that dropped each line (drop-rest: once)
    std::size_t lines_after_rest = 0;  // lines dropped because a drop-rest rule came before
    std::vector<LearntDrop> learnt;
    std::size_t titles = 0;
    bool found_original = false;
};

class BoilerplateReport {
public:
    void add(const std::string& source, const BoilerplateTally& tally);

    // Learning: how many lines, of how many sources, from how many articles; or why not.
    void set_learning(std::size_t lines, std::size_t sources, std::size_t articles, double seconds);
    void set_not_learnt(std::string why);

    // Several lines on `out`, each starting "boilerplate: ".
    void print(const BoilerplateRules& rules, std::FILE* out) const;

private:
    struct Learnt {
        std::string source;
        std::string text;
        std::size_t articles = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::size_t, std::size_t> rule_lines_;  // rule -> lines dropped
    std::size_t lines_after_rest_ = 0;
    std::map<std::uint64_t, Learnt> learnt_;  // fingerprint -> what was dropped
    std::size_t titles_ = 0;
    std::size_t originals_ = 0;
    std::size_t learnt_lines_ = 0, learnt_sources_ = 0, surveyed_articles_ = 0;
    double survey_seconds_ = 0;
    std::string not_learnt_;
};

}  // namespace dateline::indexer
