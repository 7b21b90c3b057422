// Recency blending: relevance scaled by freshness with a half-life, so among similar matches
// the newer wins while an old, much better match still can:
//   score = bm25 * (0.5 + 0.5 * 2^(-age / half_life)).
// Searcher re-ranks the top candidates by BM25 (kRecencyWindow, or deeper for deep pages).
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include <xapian.h>

#include "dateline/date.hpp"

namespace dateline::server {

inline constexpr std::size_t kRecencyWindow = 200;

struct ScoredDocument {
    Xapian::Document document;
    double score = 0;
};

// In [0.5, 1]: 1 for an article from `now` (or the future), 0.75 at one half-life.
double freshness(Timestamp date, Timestamp now, std::chrono::seconds half_life);

// The matches in `mset`, re-ordered by blended score (stable: BM25 order breaks ties).
std::vector<ScoredDocument> rerank_by_recency(const Xapian::MSet& mset, Timestamp now,
                                              std::chrono::seconds half_life);

}  // namespace dateline::server
