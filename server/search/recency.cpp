// Freshness blending for sort=relevance with recency=<half-life>.
#include "search/recency.hpp"

#include <algorithm>
#include <cmath>

#include "dateline/index_schema.hpp"

namespace dateline::server {

double freshness(Timestamp date, Timestamp now, std::chrono::seconds half_life) {
    const double age_s = std::max<double>(0, static_cast<double>((now - date).count()));
    const double half_life_s = std::max<double>(1, static_cast<double>(half_life.count()));
    return 0.5 + 0.5 * std::exp2(-age_s / half_life_s);
}

std::vector<ScoredDocument> rerank_by_recency(const Xapian::MSet& mset, Timestamp now,
                                              std::chrono::seconds half_life) {
    std::vector<ScoredDocument> ranked;
    ranked.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document document = it.get_document();
        const std::string date = document.get_value(schema::kDateSlot);
        const double factor =
            date.empty() ? 0.5 : freshness(schema::date_from_value(date), now, half_life);
        ranked.push_back({std::move(document), it.get_weight() * factor});
    }
    std::stable_sort(
        ranked.begin(), ranked.end(),
        [](const ScoredDocument& a, const ScoredDocument& b) { return a.score > b.score; });
    return ranked;
}

}  // namespace dateline::server
