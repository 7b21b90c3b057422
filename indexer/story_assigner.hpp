// StoryAssigner: finds the story of each article as it is written, in input order, and
// stamps it on the article's document (schema::story_term, schema::kStorySlot). An article
// joins the story of its most similar earlier article when their fingerprints agree on at
// least kSameStory of their minimums (estimated Jaccard similarity of their shingles; tuned by
// bench/story_eval.py), their figures agree and they are at most kMaxApart apart; otherwise it
// starts a story named by its own id. Earlier articles are those of this run and, when an index
// is given, those it holds dated within kMaxApart of the article: the fingerprints of a day's
// articles are read once per run, the first time an article near that day arrives, so adding
// a few articles reads a fortnight of the archive, not all of it, and nothing is re-clustered.
// Candidates come from the fingerprints' bands (StoryBandTable), in memory.
// Not thread-safe: the ingest's writing thread owns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "dateline/date.hpp"
#include "story_band_table.hpp"
#include "story_fingerprint.hpp"

namespace dateline::indexer {

class StoryAssigner {
public:
    static constexpr double kSameStory = 0.5;
    // Copies appear within days of each other (syndication, aggregators, corrections).
    static constexpr std::chrono::days kMaxApart{7};
    // Candidates read per band: a band shared by very many articles (boilerplate-only
    // bodies) says little and must not make every article cost thousands of comparisons.
    static constexpr std::size_t kMaxCandidatesPerBand = 32;

    // index: the database being written, for articles written before this run (its own
    // uncommitted changes included); null for a fresh build, whose articles are all in memory.
    explicit StoryAssigner(const Xapian::Database* index = nullptr) : index_(index) {}

    // The story of the article `id` whose document DocumentBuilder built (its fingerprint, if
    // any, in kFingerprintSlot), stamped on `document`.
    std::string assign(const std::string& id, Xapian::Document& document);

private:
    struct Member {
        StoryFingerprint fingerprint;
        std::uint64_t id_hash;  // this run's: to pass over an earlier version of the article
        Xapian::docid docid;    // the index's: the same, for articles of earlier runs
        Timestamp date;
        std::string story;
    };
    struct Incoming {
        const StoryFingerprint& print;
        std::uint64_t id_hash;
        Xapian::docid docid;  // of the article's earlier version in the index, or 0
        Timestamp date;
    };
    struct Match {
        double similarity = 0;
        std::string story;
    };

    static bool is_copy(const Incoming& incoming, const StoryFingerprint& other,
                        Timestamp other_date, double similarity);
    void load_days_around(Timestamp date);
    void load_day(const std::string& day_term);
    std::optional<Match> best(const Incoming& incoming) const;
    void remember(Member member);

    const Xapian::Database* index_;
    std::unordered_set<std::int64_t> loaded_days_;  // days (since 1970) whose articles were read
    StoryBandTable bands_;
    std::vector<Member> members_;
};

}  // namespace dateline::indexer
