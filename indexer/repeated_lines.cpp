// Counting lines across a source's articles, with a bound on memory.
#include "repeated_lines.hpp"

#include <algorithm>
#include <cmath>

#include "boilerplate_lines.hpp"
#include "dateline/stable_hash.hpp"

namespace dateline::indexer {

std::uint64_t line_fingerprint(std::string_view source, std::string_view normalised) {
    // The unit separator keeps "ab"+"c" and "a"+"bc" apart.
    return fnv1a64(normalised, fnv1a64("\x1f", fnv1a64(source)));
}

std::vector<std::uint64_t> chrome_candidates(std::string_view source, std::string_view body_text,
                                             BodyUnit unit) {
    std::vector<std::uint64_t> fingerprints;
    for (const BodyLine& line : split_body_lines(body_text, unit)) {
        if (line.text.size() > kMaxChromeLineBytes) continue;
        const std::string normalised = normalised_line(line.text);
        if (!normalised.empty()) fingerprints.push_back(line_fingerprint(source, normalised));
    }
    std::sort(fingerprints.begin(), fingerprints.end());
    fingerprints.erase(std::unique(fingerprints.begin(), fingerprints.end()), fingerprints.end());
    return fingerprints;
}

RepeatedLineCounter::RepeatedLineCounter(LearningThresholds thresholds) : thresholds_(thresholds) {}

void RepeatedLineCounter::add_article(const std::string& source,
                                      const std::vector<std::uint64_t>& fingerprints) {
    auto found = sources_.find(source);
    if (found == sources_.end()) {
        const auto index = static_cast<std::uint32_t>(articles_by_source_.size());
        found = sources_.emplace(source, index).first;
        articles_by_source_.push_back(0);
    }
    const std::uint32_t index = found->second;
    ++articles_by_source_[index];
    ++articles_;
    for (const std::uint64_t fingerprint : fingerprints) {
        Entry& entry = entries_[fingerprint];
        entry.source = index;
        ++entry.articles;
    }
    if (entries_.size() > thresholds_.max_entries) forget_rare_lines();
}

// Lossy counting: when the table is full, lines seen in the fewest articles so far are
// forgotten (first those seen once, then twice, ...) until it is half full. Chrome occurs in a
// steady share of a source's articles, so it is counted well past any line forgotten early;
// at worst a line's count starts late and it needs a few more articles to be learnt.
void RepeatedLineCounter::forget_rare_lines() {
    while (entries_.size() > thresholds_.max_entries / 2) {
        ++forgotten_below_;
        std::erase_if(entries_, [&](const auto& item) {
            return item.second.articles < forgotten_below_ + 1;
        });
    }
}

std::size_t RepeatedLineCounter::threshold_for(std::size_t articles) const {
    const auto share =
        static_cast<std::size_t>(std::ceil(thresholds_.min_share * static_cast<double>(articles)));
    return std::max(thresholds_.min_articles, share);
}

LearntLines RepeatedLineCounter::learnt() const {
    LearntLines learnt;
    learnt.articles_surveyed = articles_;
    std::unordered_set<std::uint32_t> sources;
    for (const auto& [fingerprint, entry] : entries_) {
        if (entry.articles < threshold_for(articles_by_source_[entry.source])) continue;
        learnt.add(fingerprint);
        sources.insert(entry.source);
    }
    learnt.sources_with_chrome = sources.size();
    return learnt;
}

std::size_t RepeatedLineCounter::articles_of(const std::string& source) const {
    const auto found = sources_.find(source);
    return found == sources_.end() ? 0 : articles_by_source_[found->second];
}

}  // namespace dateline::indexer
