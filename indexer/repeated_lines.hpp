// Learning a source's chrome from the corpus: lines (navigation, byline boxes, legal footers)
// that recur verbatim — after normalisation — across many articles of one source.
// RepeatedLineCounter counts, per source, in how many articles each short line occurs, keeping
// 64-bit fingerprints rather than text so memory stays bounded; learnt() then picks the lines
// seen in at least max(3, 5%) of that source's articles.
// RepeatedLineCounter is not thread-safe (the survey feeds it from one thread); LearntLines is
// immutable once built and may be shared between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "boilerplate_lines.hpp"

namespace dateline::indexer {

// Lines longer than this (in bytes, as written) are article text, never learnt chrome.
inline constexpr std::size_t kMaxChromeLineBytes = 300;

// Fingerprint of a line of one source: the same line in two sources differs.
std::uint64_t line_fingerprint(std::string_view source, std::string_view normalised);

// The distinct fingerprints of a body's candidate chrome lines (paragraphs, for plain text:
// see boilerplate_lines.hpp): non-blank once normalised, at most kMaxChromeLineBytes.
std::vector<std::uint64_t> chrome_candidates(std::string_view source, std::string_view body_text,
                                             BodyUnit unit = BodyUnit::kParagraph);

struct LearningThresholds {
    std::size_t min_articles = 3;         // a line must occur in at least this many articles ...
    double min_share = 0.05;              // ... and in this share of its source's articles
    std::size_t max_entries = 2'000'000;  // fingerprints held while counting (~50 MB)
};

class LearntLines {
public:
    bool contains(std::uint64_t fingerprint) const { return lines_.contains(fingerprint); }
    std::size_t size() const { return lines_.size(); }
    void add(std::uint64_t fingerprint) { lines_.insert(fingerprint); }

    std::size_t articles_surveyed = 0;
    std::size_t sources_with_chrome = 0;

private:
    std::unordered_set<std::uint64_t> lines_;
};

class RepeatedLineCounter {
public:
    explicit RepeatedLineCounter(LearningThresholds thresholds = {});

    // One article: its source and chrome_candidates() of its body.
    void add_article(const std::string& source, const std::vector<std::uint64_t>& fingerprints);

    LearntLines learnt() const;

    // Articles seen of each source.
    std::size_t articles_of(const std::string& source) const;
    // Lines seen in at most this many articles were forgotten to keep memory bounded (0: none).
    std::size_t forgotten_below() const { return forgotten_below_; }

private:
    struct Entry {
        std::uint32_t articles = 0;
        std::uint32_t source = 0;  // index into sources_
    };

    void forget_rare_lines();
    std::size_t threshold_for(std::size_t articles) const;

    LearningThresholds thresholds_;
    std::map<std::string, std::uint32_t, std::less<>> sources_;  // name -> index
    std::vector<std::size_t> articles_by_source_;                // by Source::index
    std::unordered_map<std::uint64_t, Entry> entries_;
    std::size_t articles_ = 0;
    std::size_t forgotten_below_ = 0;
};

}  // namespace dateline::indexer
