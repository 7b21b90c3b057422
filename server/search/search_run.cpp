// Running one search: query, relaxed retry, ordering, paging, facets, hits.
#include "search/search_run.hpp"

#include <algorithm>
#include <memory>

#include "dateline/index_schema.hpp"
#include "search/date_order.hpp"
#include "search/facets.hpp"
#include "search/hit_builder.hpp"
#include "search/match_total.hpp"
#include "search/query_builder.hpp"
#include "search/query_text.hpp"
#include "search/recency.hpp"
#include "search/story_lookup.hpp"

namespace dateline::server {
namespace {

struct Attempt {
    QueryBuilder::Built built;
    FacetCounter facets;
    std::unique_ptr<MatchCounter> examined;  // attached to the Enquire behind `counts`
    Xapian::MSet mset;                       // the hits
    Xapian::MSet counts;  // the totals: mset itself, unless the hits came from date windows
};

bool sorted_by_date(const SearchRequest& request, const QueryBuilder::Built& built) {
    return request.sort != SortOrder::kRelevance || built.text_empty;
}

bool blends_recency(const SearchRequest& request, const QueryBuilder::Built& built) {
    return request.recency_half_life && !sorted_by_date(request, built);
}

// An empty q lists newest first unless oldest was asked for.
bool newest_first(const SearchRequest& request) {
    return request.sort != SortOrder::kOldest;
}

bool collapses(const SearchRequest& request) {
    return request.collapse == Collapse::kStory;
}

Xapian::Enquire enquire_for(const Xapian::Database& database, const SearchRequest& request,
                            const RankingOptions& ranking, const Xapian::Query& query) {
    Xapian::Enquire enquire(database);
    // One hit per story: its best copy in the Enquire's order (the best match, or the newest or
    // oldest copy in date order). Xapian counts the collapsed matches.
    if (collapses(request)) enquire.set_collapse_key(schema::kStorySlot);
    // k2, k3 and min_normlen are Xapian's defaults (k2 = 0 leaves out its document-length
    // correction; k3 = 1 weighs a repeated query word a little more).
    enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
    enquire.set_query(query);
    return enquire;
}

Attempt run_attempt(const Xapian::Database& database, const SearchRequest& request,
                    const RankingOptions& ranking, QueryBuilder::Built built) {
    Attempt attempt{std::move(built), FacetCounter(request), std::make_unique<MatchCounter>(),
                    Xapian::MSet(), Xapian::MSet()};
    Xapian::Enquire enquire = enquire_for(database, request, ranking, attempt.built.query);
    attempt.facets.attach(enquire);
    enquire.add_matchspy(attempt.examined.get());
    const auto depth = static_cast<Xapian::doccount>(request.page * request.per_page);
    const auto per_page = static_cast<Xapian::doccount>(request.per_page);
    if (sorted_by_date(request, attempt.built)) {
        // Totals and facets as a relevance search counts them (no page needed for that)...
        attempt.counts = enquire.get_mset(0, 0, ranking.count_limit);
        // ...and the page from date windows, without the facet spies.
        Xapian::Enquire ordered = enquire_for(database, request, ranking, attempt.built.query);
        ordered.set_sort_by_value_then_relevance(schema::kDateSlot, newest_first(request));
        const DateOrder order(database, newest_first(request), request.from, request.to);
        attempt.mset = order.page(ordered, attempt.built.query, depth - per_page, per_page,
                                  attempt.counts.get_matches_estimated());
        return attempt;
    }
    // Recency re-ranks a window of the best BM25 matches, so it fetches from the top.
    if (blends_recency(request, attempt.built))
        attempt.mset = enquire.get_mset(0, std::max<Xapian::doccount>(kRecencyWindow, depth),
                                        ranking.count_limit);
    else
        attempt.mset = enquire.get_mset(depth - per_page, per_page, ranking.count_limit);
    attempt.counts = attempt.mset;
    return attempt;
}

bool matched_nothing(const Attempt& attempt) {
    return attempt.counts.get_matches_upper_bound() == 0;
}

// Any-word matching, when it differs from the all-words query and finds something.
std::optional<Attempt> relaxed_attempt(const Xapian::Database& database, QueryBuilder& builder,
                                       const SearchRequest& request, const RankingOptions& ranking,
                                       const Attempt& strict) {
    auto relaxed = builder.build(request, QueryBuilder::Matching::kAnyWord);
    if (!relaxed || relaxed->query.get_description() == strict.built.query.get_description())
        return std::nullopt;
    Attempt attempt = run_attempt(database, request, ranking, std::move(*relaxed));
    if (matched_nothing(attempt)) return std::nullopt;
    return attempt;
}

std::vector<ScoredDocument> page_of(const SearchRequest& request, const Attempt& attempt) {
    const Timestamp now = request.now.value_or(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (blends_recency(request, attempt.built)) {
        std::vector<ScoredDocument> ranked =
            rerank_by_recency(attempt.mset, now, *request.recency_half_life);
        const std::size_t first = std::min(ranked.size(), (request.page - 1) * request.per_page);
        const std::size_t last = std::min(ranked.size(), first + request.per_page);
        return {std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(first)),
                std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(last))};
    }
    std::vector<ScoredDocument> page;
    for (auto it = attempt.mset.begin(); it != attempt.mset.end(); ++it)
        page.push_back({it.get_document(), it.get_weight()});
    return page;
}

std::vector<Hit> shape_hits(const Xapian::Database& database, TextAnalyzer& analyzer,
                            const SearchRequest& request, const Attempt& attempt) {
    HitBuilder builder(analyzer, TermMatcher(attempt.built.text, attempt.built.wildcard_prefixes),
                       request.snippet_words);
    StoryLookup stories(database);
    std::vector<Hit> hits;
    for (const ScoredDocument& scored : page_of(request, attempt)) {
        Hit hit = builder.build(scored.document, scored.score);
        hit.story = stories.summary(scored.document, hit.article);
        // A story's hit reads as its best-matching copy and links to the original.
        if (collapses(request) && hit.story->canonical_url)
            hit.article["url"] = *hit.story->canonical_url;
        hits.push_back(std::move(hit));
    }
    return hits;
}

std::optional<std::string> suggestion(const std::string& corrected, const std::string& q) {
    if (corrected.empty() || corrected == normalize_query(q)) return std::nullopt;
    return corrected;
}

}  // namespace

Result<SearchResult, ApiError> run_search(const Xapian::Database& database, TextAnalyzer& analyzer,
                                          const SearchRequest& request,
                                          const RankingOptions& ranking) {
    QueryBuilder builder(database, analyzer, ranking);
    auto built = builder.build(request);
    if (!built) return Unexpected(std::move(built).error());
    SearchResult result;
    result.suggestion = suggestion(built->corrected, request.q);
    Attempt attempt = run_attempt(database, request, ranking, std::move(*built));
    if (attempt.built.can_relax && matched_nothing(attempt)) {
        if (auto relaxed = relaxed_attempt(database, builder, request, ranking, attempt)) {
            attempt = std::move(*relaxed);
            result.relaxed = true;
        }
    }
    const MatchTotal total = match_total(attempt.counts, *attempt.examined, ranking.count_limit);
    result.total = total.count;
    result.total_is_exact = total.exact;
    result.hits = shape_hits(database, analyzer, request, attempt);
    result.facets = attempt.facets.results();
    return result;
}

}  // namespace dateline::server
