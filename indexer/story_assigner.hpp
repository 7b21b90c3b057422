// StoryAssigner: finds the story of each article as it is written, in input order, and
// stamps it on the article's document (schema::story_term, schema::kStorySlot). An article
// joins the story of its most similar earlier article when their fingerprints agree on at
// least kSameStory of their minimums (estimated Jaccard similarity of their shingles; tuned by
// bench/story_eval.py), their numbers agree and they are at most kMaxApart apart; otherwise it
// starts a story named by its own id. Earlier articles are those of this run (kept in memory) and,
// when given, those of the index it writes to, found through their band terms: adding one article
// costs a few term lookups, not a re-clustering. Not thread-safe: the ingest's writing thread owns
// it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
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
    static constexpr std::chrono::sys_seconds::duration kMaxApart = std::chrono::days(7);
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
        std::uint64_t id_hash;  // to pass over an earlier version of the same article
        Timestamp date;
        std::string story;
    };
    struct Incoming {
        const StoryFingerprint& print;
        std::uint64_t id_hash;
        Timestamp date;
    };
    struct Match {
        double similarity = 0;
        std::string story;
    };

    static bool is_copy(const Incoming& incoming, const StoryFingerprint& other,
                        Timestamp other_date);
    static void consider(std::optional<Match>& best, const Incoming& incoming,
                         const StoryFingerprint& other, Timestamp other_date,
                         const std::string& story);
    std::optional<Match> best_in_run(const Incoming& incoming) const;
    std::optional<Match> best_in_index(const Incoming& incoming, const std::string& id) const;
    void remember(const Incoming& incoming, const std::string& story);

    const Xapian::Database* index_;
    StoryBandTable bands_;
    std::vector<Member> members_;
};

}  // namespace dateline::indexer
