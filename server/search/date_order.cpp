// Date-ordered pages from growing windows of months.
#include "search/date_order.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"

namespace dateline::server {

DateOrder::DateOrder(const Xapian::Database& database, bool newest_first) {
    const std::string prefix(schema::kMonthPrefix);
    for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term)
        months_.push_back(*term);  // "M" + YYYYMM: term order is date order
    if (newest_first) std::reverse(months_.begin(), months_.end());
}

Xapian::MSet DateOrder::page(Xapian::Enquire& enquire, const Xapian::Query& query,
                             Xapian::doccount first, Xapian::doccount count) const {
    const Xapian::doccount needed = first + count;
    for (std::size_t window = 1; window < months_.size(); window *= 2) {
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
