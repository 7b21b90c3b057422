// Tallying and printing what boilerplate cleaning removed.
#include "boilerplate_report.hpp"

#include <algorithm>

#include "boilerplate_rules.hpp"
#include "dateline/utf8.hpp"

namespace dateline::indexer {
namespace {

constexpr std::size_t kMaxLearntShown = 50;

const char* plural(std::size_t count, const char* one, const char* many) {
    return count == 1 ? one : many;
}

}  // namespace

void BoilerplateReport::add(const std::string& source, const BoilerplateTally& tally) {
    std::lock_guard lock(mutex_);
    for (const std::size_t rule : tally.rules) ++rule_lines_[rule];
    lines_after_rest_ += tally.lines_after_rest;
    for (const auto& drop : tally.learnt) {
        Learnt& learnt = learnt_[drop.fingerprint];
        if (learnt.articles++ == 0) learnt = {source, drop.text, 1};
    }
    titles_ += tally.titles;
    originals_ += tally.found_original ? 1 : 0;
}

void BoilerplateReport::set_learning(std::size_t lines, std::size_t sources, std::size_t articles,
                                     double seconds) {
    std::lock_guard lock(mutex_);
    learnt_lines_ = lines;
    learnt_sources_ = sources;
    surveyed_articles_ = articles;
    survey_seconds_ = seconds;
}

void BoilerplateReport::set_not_learnt(std::string why) {
    std::lock_guard lock(mutex_);
    not_learnt_ = std::move(why);
}

void BoilerplateReport::print(const BoilerplateRules& rules, std::FILE* out) const {
    std::lock_guard lock(mutex_);
    if (!not_learnt_.empty())
        std::fprintf(out, "boilerplate: repeated lines not learnt: %s\n", not_learnt_.c_str());
    else
        std::fprintf(
            out, "boilerplate: learnt %zu repeated %s of %zu %s from %zu articles in %.2f s\n",
            learnt_lines_, plural(learnt_lines_, "line", "lines"), learnt_sources_,
            plural(learnt_sources_, "source", "sources"), surveyed_articles_, survey_seconds_);
    std::vector<const Learnt*> learnt;
    for (const auto& item : learnt_) learnt.push_back(&item.second);
    std::stable_sort(learnt.begin(), learnt.end(), [](const Learnt* a, const Learnt* b) {
        return a->articles != b->articles ? a->articles > b->articles : a->text < b->text;
    });
    std::fprintf(out, "boilerplate: removed %zu learnt %s:\n", learnt.size(),
                 plural(learnt.size(), "line", "lines"));
    for (std::size_t i = 0; i < learnt.size() && i < kMaxLearntShown; ++i)
        std::fprintf(out, "  %s: %s (%zu %s)\n", learnt[i]->source.c_str(),
                     quoted_excerpt(learnt[i]->text, 100).c_str(), learnt[i]->articles,
                     plural(learnt[i]->articles, "article", "articles"));
    if (learnt.size() > kMaxLearntShown)
        std::fprintf(out, "  ... and %zu more\n", learnt.size() - kMaxLearntShown);
    std::size_t by_rules = lines_after_rest_;
    for (const auto& [rule, lines] : rule_lines_) by_rules += lines;
    std::fprintf(out, "boilerplate: removed %zu %s by rules", by_rules,
                 plural(by_rules, "line", "lines"));
    for (const auto& [rule, lines] : rule_lines_)
        std::fprintf(out, "%s %s ×%zu", rule == rule_lines_.begin()->first ? ":" : ",",
                     rules.origin(rule).c_str(), lines);
    std::fprintf(out,
                 "\nboilerplate: removed %zu %s repeating the title; original source or URL "
                 "found in %zu %s\n",
                 titles_, plural(titles_, "line", "lines"), originals_,
                 plural(originals_, "article", "articles"));
}

}  // namespace dateline::indexer
