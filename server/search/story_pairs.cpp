// The story of each match, and distinct (story, value) pairs.
#include "search/story_pairs.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"
#include "dateline/stable_hash.hpp"

namespace dateline::server {

void StoryOfMatch::operator()(const Xapian::Document& document, double) {
    current_ = fnv1a64(document.get_value(schema::kStorySlot));
}

std::vector<StoryPairs::Pair> StoryPairs::distinct() const {
    std::vector<Pair> pairs = pairs_;
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

}  // namespace dateline::server
