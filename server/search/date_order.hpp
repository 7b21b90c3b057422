// DateOrder: newest- or oldest-first results without sorting every match.
// Why: Xapian sorts by a value only after it has seen every match, so `sort=newest` over a
// frequent word (or an empty q, which lists the whole archive) read and sorted the whole
// posting list, however few results a page shows. The index holds a boolean term per month
// (M202403); DateOrder runs the query within the newest months first and widens the window
// (doubling it) until it holds enough matches for the page asked: every match outside a
// window is older than every match inside it, so the page is the one a full sort gives. Term
// postings are intersected by skipping, so a window costs what its matches cost. The first
// window is sized from the matches the count pass estimated, so most searches need one.
// Not thread-safe: it reads the caller's Database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/date.hpp"

namespace dateline::server {

class DateOrder {
public:
    // from/to: the request's date filter, if any (months outside it hold no match).
    DateOrder(const Xapian::Database& database, bool newest_first,
              std::optional<Timestamp> from = std::nullopt,
              std::optional<Timestamp> to = std::nullopt);

    // The page [first, first + count) of `query`'s matches in date order; `enquire` already
    // sorts by date. estimated_matches: of the whole query (0 when not known).
    Xapian::MSet page(Xapian::Enquire& enquire, const Xapian::Query& query, Xapian::doccount first,
                      Xapian::doccount count, Xapian::doccount estimated_matches = 0) const;

    // Below this many matches (the count pass's estimate) every match is sorted: a window
    // filter of many month terms costs more than sorting them.
    static constexpr Xapian::doccount kSortEveryMatchBelow = 4'000;

private:
    std::size_t first_window(Xapian::doccount needed, Xapian::doccount estimated_matches) const;

    std::vector<std::string> months_;  // month terms, the first window's first
};

}  // namespace dateline::server
