// Facet counting: match spies that count sources, tags, languages (primary subtags, as the
// index keeps them) and dates (by year, month or day) over the documents a search examines, or
// with collapse=story over their stories (story_pairs.hpp), and the top values of each.
// Counts are exact while the matches number at most RankingOptions::count_limit (Searcher asks
// get_mset to check that many); beyond it they cover the first count_limit examined and
// total_relation says "gte". Not thread-safe: one FacetCounter per search.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/search_request.hpp"
#include "search/search_result.hpp"
#include "search/story_pairs.hpp"

namespace dateline::server {

inline constexpr std::size_t kFacetValuesShown = 10;

// The distinct values of a slot among the matches, each with the documents that had it or
// (counting stories) the stories. A value is copied once, when first seen.
class ValueTally {
public:
    // stories: set to count stories (collapse=story); null to count documents.
    explicit ValueTally(const StoryOfMatch* stories) : stories_(stories) {}
    void add(const std::string& value);
    bool by_story() const { return stories_ != nullptr; }
    std::vector<const std::string*> values() const;                                  // by id
    const std::vector<std::uint64_t>& documents() const { return documents_; }       // by id
    std::vector<StoryPairs::Pair> story_pairs() const { return pairs_.distinct(); }  // (story, id)

private:
    const StoryOfMatch* stories_;
    std::unordered_map<std::string, std::uint32_t> ids_;  // value -> id, ids in order seen
    std::vector<std::uint64_t> documents_;
    StoryPairs pairs_;
};

// A value in one slot (sources, languages). Counting stories, a story whose copies spell a
// value two ways that filters match alike ("AP", "ap") counts once, under the first spelling.
class ValueCountSpy : public Xapian::MatchSpy {
public:
    ValueCountSpy(Xapian::valueno slot, const StoryOfMatch* stories)
        : slot_(slot), tally_(stories) {}
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.ValueCountSpy"; }
    // Documents (or stories) per value, as spelled.
    std::unordered_map<std::string, std::uint64_t> counts() const;

private:
    Xapian::valueno slot_;
    ValueTally tally_;
};

// Tags are a list in one value slot: each tag of each document (or story) counts once.
// Why it counts whole lists: a spy sees up to count_limit documents per search, and
// decoding and normalising each document's tags there was half of a frequent word's search
// time. Documents share few distinct lists; each is decoded once, in counts().
class TagCountSpy : public Xapian::MatchSpy {
public:
    explicit TagCountSpy(const StoryOfMatch* stories = nullptr) : tally_(stories) {}
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.TagCountSpy"; }
    // Documents (or stories) per tag, as first spelled.
    std::unordered_map<std::string, std::uint64_t> counts() const;

private:
    ValueTally tally_;  // encoded slot values
};

// Dates counted by calendar bucket, formatted only at the end ("2024", "2024-03", "2024-03-12").
class DateCountSpy : public Xapian::MatchSpy {
public:
    explicit DateCountSpy(DateFacet granularity, const StoryOfMatch* stories = nullptr)
        : granularity_(granularity), stories_(stories) {}
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.DateCountSpy"; }
    std::unordered_map<std::string, std::uint64_t> counts() const;

private:
    DateFacet granularity_;
    const StoryOfMatch* stories_;
    std::unordered_map<std::int64_t, std::uint64_t> counts_;  // yyyymmdd-style bucket keys
    StoryPairs pairs_;                                        // (story, bucket key)
};

class FacetCounter {
public:
    explicit FacetCounter(const SearchRequest& request);
    bool empty() const { return !source_ && !tag_ && !lang_ && !date_; }
    void attach(Xapian::Enquire& enquire);  // the spies stay owned here: keep this alive
    std::map<std::string, std::vector<FacetValue>> results() const;

private:
    std::unique_ptr<StoryOfMatch> stories_;  // set when counting stories
    std::unique_ptr<ValueCountSpy> source_;
    std::unique_ptr<TagCountSpy> tag_;
    std::unique_ptr<ValueCountSpy> lang_;
    std::unique_ptr<DateCountSpy> date_;
};

}  // namespace dateline::server
