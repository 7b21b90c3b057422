// StoryBandTable: the fingerprint bands of the articles a StoryAssigner knows (this run's, and
// the index's near their dates), so an article finds its candidate copies in memory, even
// before they are committed (a fresh build writes through two writers, neither of which sees
// the other's articles). Open addressing
// over (band key, member) pairs: 8 bytes a pair, half full at most — about 256 bytes an
// article with 16 bands. A key can hold several members; keys that collide are told apart
// by comparing fingerprints, as every candidate is.
// Not thread-safe: the ingest's writing thread owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::indexer {

class StoryBandTable {
public:
    void insert(std::uint32_t key, std::uint32_t member);
    // Up to `limit` members filed under `key`, appended to `out`.
    void find(std::uint32_t key, std::size_t limit, std::vector<std::uint32_t>& out) const;
    std::size_t size() const { return used_; }

private:
    struct Slot {
        std::uint32_t key = 0;
        std::uint32_t member = kEmpty;
    };
    static constexpr std::uint32_t kEmpty = 0xffffffffu;

    void grow();
    std::size_t home(std::uint32_t key) const;

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace dateline::indexer
