// StoryFingerprint: a MinHash signature of an article's text, to find its near-copies
// (docs/stories.md). The text is cut into overlapping runs of kShingleWords words (shingles);
// for each of kHashes hash functions the signature keeps the smallest hash of any shingle.
// Two texts agree on a share of those minimums that estimates the Jaccard similarity of their
// shingle sets, so a copy with a new headline, some boilerplate added or the last paragraph cut
// still agrees on most of them, while another article on the same news shares few shingles.
// The kHashes minimums are cut into kBands bands of kRows: two articles that agree on a whole
// band are candidates (locality-sensitive hashing).
// Numbers are kept apart too: a daily report written from a template ("The Fed arranged 1.5
// billion dlrs of repurchases ... funds at 6-1/4 pct") shares nearly every shingle with the
// day before's but not its figures, while a copy keeps the figures of the text it copies.
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
    // A body shorter than this is fingerprinted with its title, and its title's words are
    // kept: short reports from a template ("Qtly div 10 cts vs 10 cts prior") differ only there.
    static constexpr std::size_t kShortBodyWords = 40;
    static constexpr std::size_t kMaxTitleWords = 24;
    // The body's first distinct numbers ("6-1/4", "1.5", "1987") kept, as 16-bit hashes.
    static constexpr std::size_t kMaxNumbers = 24;

    static std::optional<StoryFingerprint> of(std::string_view title, std::string_view body);
    // As stored in schema::kFingerprintSlot: kHashes * 2 bytes, a byte counting the numbers,
    // 2 bytes per number, 2 per title word; nullopt when not that shape.
    static std::optional<StoryFingerprint> parse(std::string_view stored);
    std::string serialise() const;

    // Estimated Jaccard similarity of the two shingle sets, 0 to 1.
    double similarity(const StoryFingerprint& other) const;
    // Whether the numbers of the text with fewer are those of the other, but for one in four
    // (a correction changes a figure; a trimmed copy lacks some): templated reports fail it.
    bool numbers_agree(const StoryFingerprint& other) const;
    // Whether, when both bodies are short, their titles share at least half their words.
    bool titles_agree(const StoryFingerprint& other) const;
    // Band `band`'s key (the band number is part of it).
    std::uint32_t band_key(std::size_t band) const;

private:
    using HashSet = std::vector<std::uint16_t>;  // sorted, distinct

    StoryFingerprint(const std::array<std::uint16_t, kHashes>& minimums, HashSet numbers,
                     HashSet title_words)
        : minimums_(minimums), numbers_(std::move(numbers)), title_words_(std::move(title_words)) {}

    std::array<std::uint16_t, kHashes> minimums_;
    HashSet numbers_;
    HashSet title_words_;  // only for a short body
};

}  // namespace dateline::indexer
