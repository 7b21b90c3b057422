// Date-ordered pages from growing windows of months.
#include "search/date_order.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"

namespace dateline::server {

DateOrder::DateOrder(const Xapian::Database& database, bool newest_first,
                     std::optional<Timestamp> from, std::optional<Timestamp> to) {
    const std::string prefix(schema::kMonthPrefix);
    const std::string lowest = from ? prefix + calendar_keys(*from).month : prefix;
    const std::string highest = to ? prefix + calendar_keys(*to).month : std::string();
    // "M" + YYYYMM: term order is date order.
    for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix);
         ++term) {
        if (*term < lowest) continue;
        if (!highest.empty() && *term > highest) break;
        months_.push_back(*term);
    }
    if (newest_first) std::reverse(months_.begin(), months_.end());
}

// Twice the months that would hold `needed` matches if they were spread evenly.
std::size_t DateOrder::first_window(Xapian::doccount needed,
                                    Xapian::doccount estimated_matches) const {
    if (estimated_matches == 0) return 1;
    const double months = 2.0 * needed * static_cast<double>(months_.size()) / estimated_matches;
    return std::clamp<std::size_t>(static_cast<std::size_t>(months) + 1, 1, months_.size());
}

Xapian::MSet DateOrder::page(Xapian::Enquire& enquire, const Xapian::Query& query,
                             Xapian::doccount first, Xapian::doccount count,
                             Xapian::doccount estimated_matches) const {
    const Xapian::doccount needed = first + count;
    // Few matches sort faster than windows of many months are filtered.
    if (estimated_matches > 0 && estimated_matches < kSortEveryMatchBelow) {
        enquire.set_query(query);
        return enquire.get_mset(first, count);
    }
    for (std::size_t window = first_window(needed, estimated_matches); window < months_.size();
         window *= 2) {
        const Xapian::Query months(Xapian::Query::OP_OR, months_.begin(),
                                   months_.begin() + static_cast<std::ptrdiff_t>(window));
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, months));
        Xapian::MSet mset = enquire.get_mset(first, count);
        if (mset.get_matches_lower_bound() >= needed) return mset;
    }
    enquire.set_query(query);  // the window would be every month: no filter needed
    return enquire.get_mset(first, count);
}

}  // namespace dateline::server
