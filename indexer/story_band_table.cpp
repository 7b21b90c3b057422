// Linear probing; the table doubles when half full.
#include "story_band_table.hpp"

namespace dateline::indexer {

std::size_t StoryBandTable::home(std::uint32_t key) const {
    // Keys are hashes already; the multiply spreads runs of near keys.
    return static_cast<std::size_t>((key * 0x9e3779b1u) & (slots_.size() - 1));
}

void StoryBandTable::insert(std::uint32_t key, std::uint32_t member) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::size_t at = home(key);
    while (slots_[at].member != kEmpty) at = (at + 1) & (slots_.size() - 1);
    slots_[at] = {key, member};
    ++used_;
}

void StoryBandTable::find(std::uint32_t key, std::size_t limit,
                          std::vector<std::uint32_t>& out) const {
    if (slots_.empty()) return;
    std::size_t found = 0;
    for (std::size_t at = home(key); slots_[at].member != kEmpty && found < limit;
         at = (at + 1) & (slots_.size() - 1)) {
        if (slots_[at].key != key) continue;
        out.push_back(slots_[at].member);
        ++found;
    }
}

void StoryBandTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    used_ = 0;
    for (const Slot& slot : old)
        if (slot.member != kEmpty) insert(slot.key, slot.member);
}

}  // namespace dateline::indexer
