// Candidates by shared bands, confirmed by the whole fingerprint.
#include "story_assigner.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"
#include "dateline/stable_hash.hpp"

namespace dateline::indexer {
namespace {

void sort_unique(std::vector<std::uint32_t>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

// The document of `id` in `index`, or 0 when there is none.
Xapian::docid docid_of(const Xapian::Database& index, const std::string& id) {
    const auto it = index.postlist_begin(schema::id_term(id));
    return it == index.postlist_end(schema::id_term(id)) ? 0 : *it;
}

}  // namespace

// Why the date: identical texts weeks apart are a template reused ("the Bundesbank left
// credit policies unchanged" after each council meeting), not a copy.
bool StoryAssigner::is_copy(const Incoming& incoming, const StoryFingerprint& other,
                            Timestamp other_date) {
    const auto apart =
        incoming.date > other_date ? incoming.date - other_date : other_date - incoming.date;
    return apart <= kMaxApart && incoming.print.similarity(other) >= kSameStory &&
           incoming.print.numbers_agree(other) && incoming.print.titles_agree(other);
}

void StoryAssigner::consider(std::optional<Match>& best, const Incoming& incoming,
                             const StoryFingerprint& other, Timestamp other_date,
                             const std::string& story) {
    if (story.empty() || !is_copy(incoming, other, other_date)) return;
    const double similarity = incoming.print.similarity(other);
    if (!best || similarity > best->similarity) best = Match{similarity, story};
}

std::string StoryAssigner::assign(const std::string& id, Xapian::Document& document) {
    std::string story = id;
    if (const auto print = StoryFingerprint::parse(document.get_value(schema::kFingerprintSlot))) {
        const Incoming incoming{*print, fnv1a64(id),
                                schema::date_from_value(document.get_value(schema::kDateSlot))};
        std::optional<Match> best = best_in_run(incoming);
        if (index_) {
            std::optional<Match> indexed = best_in_index(incoming, id);
            if (indexed && (!best || indexed->similarity > best->similarity)) best = indexed;
        }
        if (best) story = std::move(best->story);
        remember(incoming, story);
    }
    document.add_value(schema::kStorySlot, story);
    document.add_boolean_term(schema::story_term(story));
    return story;
}

std::optional<StoryAssigner::Match> StoryAssigner::best_in_run(const Incoming& incoming) const {
    std::vector<std::uint32_t> candidates;
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band)
        bands_.find(incoming.print.band_key(band), kMaxCandidatesPerBand, candidates);
    sort_unique(candidates);
    std::optional<Match> best;
    for (const std::uint32_t candidate : candidates) {
        const Member& member = members_[candidate];
        if (member.id_hash != incoming.id_hash)
            consider(best, incoming, member.fingerprint, member.date, member.story);
    }
    return best;
}

std::optional<StoryAssigner::Match> StoryAssigner::best_in_index(const Incoming& incoming,
                                                                 const std::string& id) const {
    std::vector<Xapian::docid> candidates;
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band) {
        const std::string term = incoming.print.band_term(band);
        std::size_t read = 0;
        for (auto it = index_->postlist_begin(term);
             it != index_->postlist_end(term) && read < kMaxCandidatesPerBand; ++it, ++read)
            candidates.push_back(*it);
    }
    if (candidates.empty()) return std::nullopt;
    sort_unique(candidates);
    const Xapian::docid self = docid_of(*index_, id);
    std::optional<Match> best;
    for (const Xapian::docid candidate : candidates) {
        if (candidate == self) continue;
        const Xapian::Document document = index_->get_document(candidate);
        const auto other = StoryFingerprint::parse(document.get_value(schema::kFingerprintSlot));
        if (!other) continue;
        consider(best, incoming, *other,
                 schema::date_from_value(document.get_value(schema::kDateSlot)),
                 document.get_value(schema::kStorySlot));
    }
    return best;
}

void StoryAssigner::remember(const Incoming& incoming, const std::string& story) {
    const auto member = static_cast<std::uint32_t>(members_.size());
    members_.push_back({incoming.print, incoming.id_hash, incoming.date, story});
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band)
        bands_.insert(incoming.print.band_key(band), member);
}

}  // namespace dateline::indexer
