// StoryFingerprint: a MinHash signature of an article's text, to find its near-copies
// (docs/stories.md). The text is cut into overlapping runs of kShingleWords words (shingles);
// for each of kHashes hash functions the signature keeps the smallest hash of any shingle.
// Two texts agree on a share of those minimums that estimates the Jaccard similarity of their
// shingle sets, so a copy with a new headline, some boilerplate added or the last paragraph cut
// still agrees on most of them, while another article on the same news shares few shingles.
// The kHashes minimums are cut into kBands bands of kRows: two articles that agree on a whole
// band are candidates (locality-sensitive hashing), found through band terms in the index.
// Plain value type; thread-safe to copy and read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::indexer {

class StoryFingerprint {
public:
    static constexpr std::size_t kHashes = 48;
    static constexpr std::size_t kBands = 16;
    static constexpr std::size_t kRows = kHashes / kBands;
    static constexpr std::size_t kShingleWords = 4;
    // Fewer words than this: no fingerprint (a few words match by coincidence, not by copying).
    static constexpr std::size_t kMinWords = 8;
    // A body shorter than this is fingerprinted with its title: short reports from a template
    // ("Qtly div 10 cts vs 10 cts prior") differ only there.
    static constexpr std::size_t kShortBodyWords = 40;

    static std::optional<StoryFingerprint> of(std::string_view title, std::string_view body);
    // kHashes * 2 bytes, as stored in schema::kFingerprintSlot; nullopt when not that shape.
    static std::optional<StoryFingerprint> parse(std::string_view stored);
    std::string serialise() const;

    // Estimated Jaccard similarity of the two shingle sets, 0 to 1.
    double similarity(const StoryFingerprint& other) const;
    // Band `band`'s key (the band number is part of it), and its term in the index.
    std::uint32_t band_key(std::size_t band) const;
    std::string band_term(std::size_t band) const;

private:
    explicit StoryFingerprint(const std::array<std::uint16_t, kHashes>& minimums)
        : minimums_(minimums) {}

    std::array<std::uint16_t, kHashes> minimums_;
};

}  // namespace dateline::indexer
