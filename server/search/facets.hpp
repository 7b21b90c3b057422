// Facet counting: match spies that count sources, tags, languages (primary subtags, as the
// index keeps them) and dates (by year, month or day) over
// the documents a search examines, and the top values of each. Counts are exact while the
// matches number at most RankingOptions::count_limit (Searcher asks get_mset to check that
// many); beyond it they cover the first count_limit examined and total_relation says "gte".
// Not thread-safe: one FacetCounter per search.
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

namespace dateline::server {

inline constexpr std::size_t kFacetValuesShown = 10;

// Tags are a list in one value slot: each tag of each document counts once.
// Why it counts whole lists: a spy sees up to count_limit documents per search, and
// decoding and normalising each document's tags there was half of a frequent word's search
// time. Documents share few distinct lists; each is decoded once, in counts().
class TagCountSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.TagCountSpy"; }
    // Documents per tag, as first spelled.
    std::unordered_map<std::string, std::uint64_t> counts() const;

private:
    std::unordered_map<std::string, std::uint64_t> lists_;  // encoded slot value -> documents
};

// Dates counted by calendar bucket, formatted only at the end ("2024", "2024-03", "2024-03-12").
class DateCountSpy : public Xapian::MatchSpy {
public:
    explicit DateCountSpy(DateFacet granularity) : granularity_(granularity) {}
    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "dateline.DateCountSpy"; }
    std::unordered_map<std::string, std::uint64_t> counts() const;

private:
    DateFacet granularity_;
    std::unordered_map<std::int64_t, std::uint64_t> counts_;  // yyyymmdd-style bucket keys
};

class FacetCounter {
public:
    explicit FacetCounter(const SearchRequest& request);
    bool empty() const { return !source_ && !tag_ && !lang_ && !date_; }
    void attach(Xapian::Enquire& enquire);  // the spies stay owned here: keep this alive
    std::map<std::string, std::vector<FacetValue>> results() const;

private:
    std::unique_ptr<Xapian::ValueCountMatchSpy> source_;
    std::unique_ptr<TagCountSpy> tag_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> lang_;
    std::unique_ptr<DateCountSpy> date_;
};

}  // namespace dateline::server
