// Counting facets by story: with collapse=story a facet counts a story once for each value any
// of its matching copies has, so that choosing a value finds as many hits as its count said.
// Match spies see every match before Xapian collapses them; StoryOfMatch reads the story of
// each once for all the facet spies, which record (story, value) pairs in StoryPairs and count
// the distinct ones at the end: a vector grows, nothing is allocated per document.
// Not thread-safe: one of each per search.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace dateline::server {

// Attach it before the facet spies: Xapian calls spies in the order they were added.
class StoryOfMatch : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.StoryOfMatch"; }
    // The story of the document being examined, as a 64-bit hash of its id (two stories
    // sharing a hash among the 10,000 counted are a one-in-10^11 chance).
    std::uint64_t current() const { return current_; }

private:
    std::uint64_t current_ = 0;
};

class StoryPairs {
public:
    using Pair = std::pair<std::uint64_t, std::uint64_t>;  // (story, value key)

    void add(std::uint64_t story, std::uint64_t value) { pairs_.emplace_back(story, value); }
    // By story, then value; each pair once.
    std::vector<Pair> distinct() const;

private:
    std::vector<Pair> pairs_;
};

// Calls `each_story(first, last)` for each story's run of pairs in `distinct` (sorted).
template <class EachStory>
void for_each_story(const std::vector<StoryPairs::Pair>& distinct, EachStory each_story) {
    auto first = distinct.begin();
    while (first != distinct.end()) {
        auto last = first;
        while (last != distinct.end() && last->first == first->first) ++last;
        each_story(first, last);
        first = last;
    }
}

}  // namespace dateline::server
