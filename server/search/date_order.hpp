// DateOrder: newest- or oldest-first results without sorting every match.
// Why: Xapian sorts by a value only after it has seen every match, so `sort=newest` over a
// frequent word (or an empty q, which lists the whole archive) read and sorted the whole
// posting list, however few results a page shows. The index holds a boolean term per month
// (M202403); DateOrder runs the query within the newest month first, then the newest 2, 4,
// 8... months, and stops at the first window holding enough matches for the page asked: every
// match outside a window is older than every match inside it, so the page is the same as a
// full sort's. Term postings are intersected by skipping, so a window costs what its matches
// cost. The count and the facets come from a separate pass bounded like relevance searches.
// Not thread-safe: it reads the caller's Database.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace dateline::server {

class DateOrder {
public:
    DateOrder(const Xapian::Database& database, bool newest_first);

    // The page [first, first + count) of `query`'s matches in date order; `enquire` already
    // sorts by date.
    Xapian::MSet page(Xapian::Enquire& enquire, const Xapian::Query& query, Xapian::doccount first,
                      Xapian::doccount count) const;

private:
    std::vector<std::string> months_;  // month terms, the first window's first
};

}  // namespace dateline::server
