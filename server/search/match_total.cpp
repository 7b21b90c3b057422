// Totals from Xapian's bounds, made exact when every match was examined.
#include "search/match_total.hpp"

namespace dateline::server {

MatchTotal match_total(const Xapian::MSet& counts, const MatchCounter& counter,
                       Xapian::doccount count_limit) {
    const Xapian::doccount lower = counts.get_matches_lower_bound();
    // Fewer examined than asked for: the match ran to the end, and the lower bound (collapse
    // keys seen, or matches seen) is the count.
    if (counter.examined() < count_limit || lower == counts.get_matches_upper_bound())
        return {lower, true};
    return {counts.get_matches_estimated(), false};
}

}  // namespace dateline::server
