// Candidates by shared bands, confirmed by the whole fingerprint.
#include "story_assigner.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"
#include "dateline/stable_hash.hpp"

namespace dateline::indexer {
namespace {

// The document of `id` in `index`, or 0 when there is none.
Xapian::docid docid_of(const Xapian::Database& index, const std::string& id) {
    const std::string term = schema::id_term(id);
    const auto it = index.postlist_begin(term);
    return it == index.postlist_end(term) ? 0 : *it;
}

}  // namespace

// Why the date: identical texts weeks apart are a template reused ("the Bundesbank left
// credit policies unchanged" after each council meeting), not a copy.
bool StoryAssigner::is_copy(const Incoming& incoming, const StoryFingerprint& other,
                            Timestamp other_date, double similarity) {
    const auto apart =
        incoming.date > other_date ? incoming.date - other_date : other_date - incoming.date;
    return apart <= kMaxApart && similarity >= kSameStory && incoming.print.numbers_agree(other) &&
           incoming.print.titles_agree(other);
}

std::string StoryAssigner::assign(const std::string& id, Xapian::Document& document) {
    std::string story = id;
    if (const auto print = StoryFingerprint::parse(document.get_value(schema::kFingerprintSlot))) {
        const Timestamp date = schema::date_from_value(document.get_value(schema::kDateSlot));
        if (index_) load_days_around(date);
        const Incoming incoming{*print, fnv1a64(id), index_ ? docid_of(*index_, id) : 0, date};
        if (auto found = best(incoming)) story = std::move(found->story);
        remember({*print, incoming.id_hash, 0, date, story});
    }
    document.add_value(schema::kStorySlot, story);
    document.add_boolean_term(schema::story_term(story));
    return story;
}

// Days are counted, not spelled, until one is new: this runs for every article of the run.
void StoryAssigner::load_days_around(Timestamp date) {
    const auto middle = std::chrono::floor<std::chrono::days>(date);
    for (auto day = middle - kMaxApart; day <= middle + kMaxApart; day += std::chrono::days(1))
        if (loaded_days_.insert(day.time_since_epoch().count()).second)
            load_day(std::string(schema::kDayPrefix) + calendar_keys(day).day);
}

void StoryAssigner::load_day(const std::string& day_term) {
    for (auto it = index_->postlist_begin(day_term); it != index_->postlist_end(day_term); ++it) {
        const Xapian::Document document = index_->get_document(*it);
        auto print = StoryFingerprint::parse(document.get_value(schema::kFingerprintSlot));
        std::string story = document.get_value(schema::kStorySlot);
        if (!print || story.empty()) continue;
        remember({std::move(*print), 0, *it,
                  schema::date_from_value(document.get_value(schema::kDateSlot)),
                  std::move(story)});
    }
}

std::optional<StoryAssigner::Match> StoryAssigner::best(const Incoming& incoming) const {
    std::vector<std::uint32_t> candidates;
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band)
        bands_.find(incoming.print.band_key(band), kMaxCandidatesPerBand, candidates);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::optional<Match> found;
    for (const std::uint32_t candidate : candidates) {
        const Member& member = members_[candidate];
        const bool itself =
            member.docid ? member.docid == incoming.docid : member.id_hash == incoming.id_hash;
        if (itself) continue;
        const double similarity = incoming.print.similarity(member.fingerprint);
        if (!is_copy(incoming, member.fingerprint, member.date, similarity)) continue;
        if (!found || similarity > found->similarity) found = Match{similarity, member.story};
    }
    return found;
}

void StoryAssigner::remember(Member member) {
    const auto index = static_cast<std::uint32_t>(members_.size());
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band)
        bands_.insert(member.fingerprint.band_key(band), index);
    members_.push_back(std::move(member));
}

}  // namespace dateline::indexer
