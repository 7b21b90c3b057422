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

// Maps looked up by string_view, so no string is built for a tag already seen.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};
template <class Value>
using ViewMap = std::unordered_map<std::string, Value, ViewHash, std::equal_to<>>;

using KeyedTag = std::pair<std::string_view, std::string_view>;  // (filter value, as spelled)

// One of each key, the first spelling in key order.
void unique_by_key(std::vector<KeyedTag>& keyed) {
    std::sort(keyed.begin(), keyed.end());
    keyed.erase(std::unique(keyed.begin(), keyed.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                keyed.end());
}

// The tags of an encoded list keyed by the normalised value the tag filter matches, so
// "Energy" and "energy" are one tag. `keys` caches each spelling's key (views stay valid).
std::vector<KeyedTag> keyed_tags(const std::string& encoded, ViewMap<std::string>& keys) {
    std::vector<std::string_view> tags;
    schema::list_items(encoded, tags);
    std::vector<KeyedTag> keyed;
    for (const std::string_view tag : tags) {
        auto key = keys.find(tag);
        if (key == keys.end())
            key = keys.emplace(std::string(tag), schema::filter_value(tag)).first;
        keyed.emplace_back(key->second, key->first);
    }
    unique_by_key(keyed);
    return keyed;
}

void add_counts(const std::vector<KeyedTag>& keyed, std::uint64_t count,
                ViewMap<std::uint64_t>& counts) {
    for (const auto& [key, tag] : keyed) {
        auto found = counts.find(tag);
        if (found == counts.end()) found = counts.emplace(std::string(tag), 0).first;
        found->second += count;
    }
}

// For each value id, the id of its group: values that filters match alike.
std::vector<std::uint32_t> filter_groups(const std::vector<const std::string*>& values) {
    std::unordered_map<std::string, std::uint32_t> groups;
    std::vector<std::uint32_t> group_of;
    group_of.reserve(values.size());
    for (const std::string* value : values)
        group_of.push_back(
            groups.emplace(schema::filter_value(*value), static_cast<std::uint32_t>(groups.size()))
                .first->second);
    return group_of;
}

}  // namespace

void ValueTally::add(const std::string& value) {
    auto found = ids_.find(value);
    if (found == ids_.end()) {
        found = ids_.emplace(value, static_cast<std::uint32_t>(documents_.size())).first;
        documents_.push_back(0);
    }
    if (stories_)
        pairs_.add(stories_->current(), found->second);
    else
        ++documents_[found->second];
}

std::vector<const std::string*> ValueTally::values() const {
    std::vector<const std::string*> values(ids_.size());
    for (const auto& [value, id] : ids_) values[id] = &value;
    return values;
}

void ValueCountSpy::operator()(const Xapian::Document& document, double) {
    const std::string value = document.get_value(slot_);
    if (!value.empty()) tally_.add(value);
}

std::unordered_map<std::string, std::uint64_t> ValueCountSpy::counts() const {
    const std::vector<const std::string*> values = tally_.values();
    std::unordered_map<std::string, std::uint64_t> counts;
    if (!tally_.by_story()) {
        for (std::size_t id = 0; id < values.size(); ++id)
            counts[*values[id]] = tally_.documents()[id];
        return counts;
    }
    const std::vector<std::uint32_t> group_of = filter_groups(values);
    std::vector<std::uint32_t> counted;  // groups counted for the story at hand
    for_each_story(tally_.story_pairs(), [&](auto first, auto last) {
        counted.clear();
        for (auto pair = first; pair != last; ++pair) {  // ids in order seen: first spelling first
            const std::uint32_t group = group_of[pair->second];
            if (std::find(counted.begin(), counted.end(), group) != counted.end()) continue;
            counted.push_back(group);
            ++counts[*values[pair->second]];
        }
    });
    return counts;
}

void TagCountSpy::operator()(const Xapian::Document& document, double) {
    const std::string encoded = document.get_value(schema::kTagsSlot);
    if (!encoded.empty()) tally_.add(encoded);
}

std::unordered_map<std::string, std::uint64_t> TagCountSpy::counts() const {
    // An article carrying both "Energy" and "energy" counts once (as its first spelling in key
    // order); so does a story whose copies have either.
    const std::vector<const std::string*> lists = tally_.values();
    ViewMap<std::string> keys;  // tag as spelled -> filter value
    std::vector<std::vector<KeyedTag>> keyed;
    keyed.reserve(lists.size());
    for (const std::string* list : lists) keyed.push_back(keyed_tags(*list, keys));
    ViewMap<std::uint64_t> counts;
    if (!tally_.by_story()) {
        for (std::size_t id = 0; id < lists.size(); ++id)
            add_counts(keyed[id], tally_.documents()[id], counts);
    } else {
        std::vector<KeyedTag> story_tags;
        for_each_story(tally_.story_pairs(), [&](auto first, auto last) {
            story_tags.clear();
            for (auto pair = first; pair != last; ++pair)
                story_tags.insert(story_tags.end(), keyed[pair->second].begin(),
                                  keyed[pair->second].end());
            unique_by_key(story_tags);
            add_counts(story_tags, 1, counts);
        });
    }
    return {std::make_move_iterator(counts.begin()), std::make_move_iterator(counts.end())};
}

void DateCountSpy::operator()(const Xapian::Document& document, double) {
    const std::string value = document.get_value(schema::kDateSlot);
    if (value.empty()) return;
    const std::int64_t key = bucket_key(schema::date_from_value(value), granularity_);
    if (stories_)
        pairs_.add(stories_->current(), static_cast<std::uint64_t>(key));
    else
        ++counts_[key];
}

std::unordered_map<std::string, std::uint64_t> DateCountSpy::counts() const {
    std::unordered_map<std::int64_t, std::uint64_t> buckets;
    if (stories_)
        for (const auto& [story, key] : pairs_.distinct())
            ++buckets[static_cast<std::int64_t>(key)];
    const auto& counted = stories_ ? buckets : counts_;
    std::unordered_map<std::string, std::uint64_t> labelled;
    for (const auto& [key, count] : counted) labelled[bucket_label(key, granularity_)] += count;
    return labelled;
}

FacetCounter::FacetCounter(const SearchRequest& request) {
    const bool any = request.facet_source || request.facet_tag || request.facet_lang ||
                     request.facet_date != DateFacet::kNone;
    if (any && request.collapse == Collapse::kStory) stories_ = std::make_unique<StoryOfMatch>();
    StoryOfMatch* stories = stories_.get();
    if (request.facet_source)
        source_ = std::make_unique<ValueCountSpy>(schema::kSourceSlot, stories);
    if (request.facet_tag) tag_ = std::make_unique<TagCountSpy>(stories);
    if (request.facet_lang) lang_ = std::make_unique<ValueCountSpy>(schema::kLangSlot, stories);
    if (request.facet_date != DateFacet::kNone)
        date_ = std::make_unique<DateCountSpy>(request.facet_date, stories);
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (stories_) enquire.add_matchspy(stories_.get());  // first: the others read it
    if (source_) enquire.add_matchspy(source_.get());
    if (tag_) enquire.add_matchspy(tag_.get());
    if (lang_) enquire.add_matchspy(lang_.get());
    if (date_) enquire.add_matchspy(date_.get());
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::results() const {
    std::map<std::string, std::vector<FacetValue>> facets;
    if (source_) facets["source"] = top_values(group_as_filters_match(source_->counts()));
    if (tag_) facets["tag"] = top_values(group_as_filters_match(tag_->counts()));
    // The slot holds primary subtags, already as the lang filter matches them.
    if (lang_) facets["lang"] = top_values(lang_->counts());
    if (date_) facets["date"] = top_values(date_->counts());
    return facets;
}

}  // namespace dateline::server
