// Facet counting with Xapian match spies; top values by count, then value.
#include "search/facets.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "dateline/index_schema.hpp"

namespace dateline::server {
namespace {

std::int64_t bucket_key(Timestamp t, DateFacet granularity) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    const std::int64_t year = static_cast<int>(ymd.year());
    const std::int64_t month = static_cast<unsigned>(ymd.month());
    const std::int64_t day = static_cast<unsigned>(ymd.day());
    switch (granularity) {
        case DateFacet::kYear: return year * 10000;
        case DateFacet::kMonth: return year * 10000 + month * 100;
        default: return year * 10000 + month * 100 + day;
    }
}

std::string bucket_label(std::int64_t key, DateFacet granularity) {
    char label[32];
    const auto year = static_cast<long long>(key / 10000);
    const auto month = static_cast<int>(key / 100 % 100), day = static_cast<int>(key % 100);
    if (granularity == DateFacet::kYear)
        std::snprintf(label, sizeof label, "%04lld", year);
    else if (granularity == DateFacet::kMonth)
        std::snprintf(label, sizeof label, "%04lld-%02d", year, month);
    else
        std::snprintf(label, sizeof label, "%04lld-%02d-%02d", year, month, day);
    return label;
}

template <class Counts>
std::vector<FacetValue> top_values(const Counts& counts) {
    std::vector<FacetValue> values;
    values.reserve(counts.size());
    for (const auto& [value, count] : counts) values.push_back({value, count});
    const auto before = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    const std::size_t shown = std::min(values.size(), kFacetValuesShown);
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(shown),
                      values.end(), before);
    values.resize(shown);
    return values;
}

// Counts of raw values grouped as the filters match them (schema::filter_value), each group
// shown in its most frequent spelling.
template <class Counts>
std::map<std::string, std::uint64_t> group_as_filters_match(const Counts& raw_counts) {
    struct Group {
        std::uint64_t total = 0;
        std::uint64_t best_count = 0;
        std::string display;
    };
    std::map<std::string, Group> groups;
    for (const auto& [value, count] : raw_counts) {
        Group& group = groups[schema::filter_value(value)];
        group.total += count;
        if (count > group.best_count || (count == group.best_count && value < group.display)) {
            group.best_count = count;
            group.display = value;
        }
    }
    std::map<std::string, std::uint64_t> grouped;
    for (const auto& [key, group] : groups) grouped[group.display] = group.total;
    return grouped;
}

std::map<std::string, std::uint64_t> value_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::uint64_t> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        counts[*it] = it.get_termfreq();
    return counts;
}

}  // namespace

void TagCountSpy::operator()(const Xapian::Document& document, double) {
    const std::string encoded = document.get_value(schema::kTagsSlot);
    if (!encoded.empty()) ++lists_[encoded];
}

namespace {

// Maps looked up by string_view, so no string is built for a tag already seen.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};
template <class Value>
using ViewMap = std::unordered_map<std::string, Value, ViewHash, std::equal_to<>>;

}  // namespace

std::unordered_map<std::string, std::uint64_t> TagCountSpy::counts() const {
    // Keyed by the normalised value the tag filter matches, so "Energy" and "energy" are one
    // tag, and an article carrying both counts once (as its first spelling in key order).
    ViewMap<std::string> keys;  // tag as spelled -> filter value
    ViewMap<std::uint64_t> counts;
    std::vector<std::string_view> tags;
    std::vector<std::pair<std::string_view, std::string_view>> keyed;  // (key, tag)
    for (const auto& [encoded, documents] : lists_) {
        schema::list_items(encoded, tags);
        keyed.clear();
        for (const std::string_view tag : tags) {
            auto key = keys.find(tag);
            if (key == keys.end())
                key = keys.emplace(std::string(tag), schema::filter_value(tag)).first;
            keyed.emplace_back(key->second, tag);
        }
        std::sort(keyed.begin(), keyed.end());
        keyed.erase(std::unique(keyed.begin(), keyed.end(),
                                [](const auto& a, const auto& b) { return a.first == b.first; }),
                    keyed.end());
        for (const auto& [key, tag] : keyed) {
            auto count = counts.find(tag);
            if (count == counts.end()) count = counts.emplace(std::string(tag), 0).first;
            count->second += documents;
        }
    }
    return {std::make_move_iterator(counts.begin()), std::make_move_iterator(counts.end())};
}

void DateCountSpy::operator()(const Xapian::Document& document, double) {
    const std::string value = document.get_value(schema::kDateSlot);
    if (value.empty()) return;
    ++counts_[bucket_key(schema::date_from_value(value), granularity_)];
}

std::unordered_map<std::string, std::uint64_t> DateCountSpy::counts() const {
    std::unordered_map<std::string, std::uint64_t> labelled;
    for (const auto& [key, count] : counts_) labelled[bucket_label(key, granularity_)] += count;
    return labelled;
}

FacetCounter::FacetCounter(const SearchRequest& request) {
    if (request.facet_source)
        source_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSourceSlot);
    if (request.facet_tag) tag_ = std::make_unique<TagCountSpy>();
    if (request.facet_lang) lang_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kLangSlot);
    if (request.facet_date != DateFacet::kNone)
        date_ = std::make_unique<DateCountSpy>(request.facet_date);
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (source_) enquire.add_matchspy(source_.get());
    if (tag_) enquire.add_matchspy(tag_.get());
    if (lang_) enquire.add_matchspy(lang_.get());
    if (date_) enquire.add_matchspy(date_.get());
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::results() const {
    std::map<std::string, std::vector<FacetValue>> facets;
    if (source_) facets["source"] = top_values(group_as_filters_match(value_counts(*source_)));
    if (tag_) facets["tag"] = top_values(group_as_filters_match(tag_->counts()));
    // The slot holds primary subtags, already as the lang filter matches them.
    if (lang_) facets["lang"] = top_values(value_counts(*lang_));
    if (date_) facets["date"] = top_values(date_->counts());
    return facets;
}

}  // namespace dateline::server
