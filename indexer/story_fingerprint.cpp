// MinHash over word shingles.
#include "story_fingerprint.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "dateline/index_schema.hpp"

namespace dateline::indexer {
namespace {

// splitmix64's finaliser: spreads every input bit over the whole word.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

bool is_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// FNV-1a over the word, ASCII letters lower-cased (copies rarely change the case of a word,
// but headlines and boilerplate do).
void add_word_hashes(std::string_view text, std::vector<std::uint64_t>& words) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i == text.size()) break;
        std::uint64_t hash = 0xcbf29ce484222325ULL;
        for (; i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])); ++i) {
            auto c = static_cast<unsigned char>(text[i]);
            if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
            hash = (hash ^ c) * 0x100000001b3ULL;
        }
        words.push_back(hash);
    }
}

std::vector<std::uint64_t> shingles(const std::vector<std::uint64_t>& words) {
    constexpr std::size_t n = StoryFingerprint::kShingleWords;
    std::vector<std::uint64_t> out;
    if (words.size() < n) return out;
    out.reserve(words.size() - n + 1);
    for (std::size_t first = 0; first + n <= words.size(); ++first) {
        std::uint64_t hash = 0;
        for (std::size_t k = 0; k < n; ++k) hash = mix(hash ^ words[first + k]);
        out.push_back(hash);
    }
    // A shingle repeated in the text is one element of the set.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The kHashes hash functions: h_i(x) = high 32 bits of (a_i * x + b_i), a_i odd — one
// multiply per function and shingle, over a shingle hash that is already well mixed.
struct HashFamily {
    std::array<std::uint64_t, StoryFingerprint::kHashes> a{}, b{};
    HashFamily() {
        for (std::size_t i = 0; i < a.size(); ++i) {
            a[i] = mix(0x5851f42d4c957f2dULL + 2 * i) | 1;
            b[i] = mix(0x14057b7ef767814fULL + 2 * i + 1);
        }
    }
};

const HashFamily& hash_family() {
    static const HashFamily family;
    return family;
}

}  // namespace

std::optional<StoryFingerprint> StoryFingerprint::of(std::string_view title,
                                                     std::string_view body) {
    std::vector<std::uint64_t> words;
    add_word_hashes(body, words);
    if (words.size() < kShortBodyWords) {
        std::vector<std::uint64_t> with_title;
        add_word_hashes(title, with_title);
        with_title.insert(with_title.end(), words.begin(), words.end());
        words = std::move(with_title);
    }
    if (words.size() < kMinWords) return std::nullopt;
    const HashFamily& family = hash_family();
    std::array<std::uint32_t, kHashes> minimums;
    minimums.fill(std::numeric_limits<std::uint32_t>::max());
    for (const std::uint64_t shingle : shingles(words))
        for (std::size_t i = 0; i < kHashes; ++i)
            minimums[i] =
                std::min(minimums[i],
                         static_cast<std::uint32_t>((family.a[i] * shingle + family.b[i]) >> 32));
    // 16 bits of each minimum: two different minimums agree by chance once in 65,536, and
    // the stored fingerprint is half the size.
    std::array<std::uint16_t, kHashes> kept;
    for (std::size_t i = 0; i < kHashes; ++i) kept[i] = static_cast<std::uint16_t>(minimums[i]);
    return StoryFingerprint(kept);
}

std::optional<StoryFingerprint> StoryFingerprint::parse(std::string_view stored) {
    if (stored.size() != kHashes * 2) return std::nullopt;
    std::array<std::uint16_t, kHashes> minimums;
    for (std::size_t i = 0; i < kHashes; ++i)
        minimums[i] = static_cast<std::uint16_t>((static_cast<unsigned char>(stored[2 * i]) << 8) |
                                                 static_cast<unsigned char>(stored[2 * i + 1]));
    return StoryFingerprint(minimums);
}

std::string StoryFingerprint::serialise() const {
    std::string out(kHashes * 2, '\0');
    for (std::size_t i = 0; i < kHashes; ++i) {
        out[2 * i] = static_cast<char>(minimums_[i] >> 8);
        out[2 * i + 1] = static_cast<char>(minimums_[i] & 0xff);
    }
    return out;
}

double StoryFingerprint::similarity(const StoryFingerprint& other) const {
    std::size_t agree = 0;
    for (std::size_t i = 0; i < kHashes; ++i) agree += minimums_[i] == other.minimums_[i];
    return static_cast<double>(agree) / kHashes;
}

std::uint32_t StoryFingerprint::band_key(std::size_t band) const {
    std::uint64_t hash = mix(band + 1);
    for (std::size_t row = 0; row < kRows; ++row) hash = mix(hash ^ minimums_[band * kRows + row]);
    return static_cast<std::uint32_t>(hash >> 32);
}

std::string StoryFingerprint::band_term(std::size_t band) const {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(band_key(band)));
    return std::string(schema::kStoryBandPrefix) + hex;
}

}  // namespace dateline::indexer
