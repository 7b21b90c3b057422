// Planning a sync: stored state + files found -> what to read, keep and delete.
#include "sync_plan.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

namespace dateline::indexer {

SyncPlan plan_sync(const TreeState& stored, const std::vector<FoundFile>& found) {
    SyncPlan plan;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const FoundFile& file = found[i];
        seen.insert(file.path);
        const auto before = stored.find(file.path);
        if (!file.fingerprint)
            plan.unreadable.push_back(i);
        else if (before == stored.end())
            plan.added.push_back(i);
        else if (before->second.fingerprint != *file.fingerprint)
            plan.changed.push_back(i);
        else
            plan.unchanged.push_back(i);
    }
    for (const auto& [path, state] : stored)
        if (!seen.count(path)) plan.removed.push_back(path);
    return plan;
}

std::vector<std::string> dropped_ids(const std::vector<std::string>& before,
                                     const std::vector<std::string>& now) {
    std::vector<std::string> dropped;
    std::set_difference(before.begin(), before.end(), now.begin(), now.end(),
                        std::back_inserter(dropped));
    return dropped;
}

std::vector<std::string> ids_to_delete(const std::set<std::string>& candidates,
                                       const std::set<std::string>& still_produced) {
    std::vector<std::string> doomed;
    std::set_difference(candidates.begin(), candidates.end(), still_produced.begin(),
                        still_produced.end(), std::back_inserter(doomed));
    return doomed;
}

std::vector<std::string> normalized_ids(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace dateline::indexer
