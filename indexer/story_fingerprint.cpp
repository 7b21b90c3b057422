// MinHash over word shingles.
#include "story_fingerprint.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

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

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool joins_digits(char c) {
    return c == '.' || c == ',' || c == '/' || c == '-' || c == ':';
}

// "6-1/4", "1,500.25": digits, and the marks between digits, as one number.
std::vector<std::uint16_t> number_hashes(std::string_view text) {
    std::vector<std::uint16_t> numbers;
    std::size_t i = 0;
    while (i < text.size() && numbers.size() < StoryFingerprint::kMaxNumbers) {
        if (!is_digit(text[i]) ||
            (i > 0 && is_word_byte(static_cast<unsigned char>(text[i - 1])))) {
            ++i;
            continue;
        }
        std::uint64_t hash = 0xcbf29ce484222325ULL;
        while (i < text.size() &&
               (is_digit(text[i]) ||
                (joins_digits(text[i]) && i + 1 < text.size() && is_digit(text[i + 1])))) {
            hash = (hash ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ULL;
            ++i;
        }
        const auto kept = static_cast<std::uint16_t>(mix(hash));
        if (std::find(numbers.begin(), numbers.end(), kept) == numbers.end())
            numbers.push_back(kept);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

template <class Hash>
std::vector<Hash> sorted_set(std::vector<Hash> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
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
    return sorted_set(std::move(out));  // a shingle repeated in the text is one element
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

using HashSet = std::vector<std::uint16_t>;

std::size_t shared_count(const HashSet& a, const HashSet& b) {
    HashSet shared;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    return shared.size();
}

// 16 bits of each minimum: two different minimums agree by chance once in 65,536, and the
// stored fingerprint is half the size.
std::array<std::uint16_t, StoryFingerprint::kHashes> minimums_of(
    const std::vector<std::uint64_t>& shingle_hashes) {
    const HashFamily& family = hash_family();
    std::array<std::uint32_t, StoryFingerprint::kHashes> minimums;
    minimums.fill(std::numeric_limits<std::uint32_t>::max());
    for (const std::uint64_t shingle : shingle_hashes)
        for (std::size_t i = 0; i < minimums.size(); ++i)
            minimums[i] =
                std::min(minimums[i],
                         static_cast<std::uint32_t>((family.a[i] * shingle + family.b[i]) >> 32));
    std::array<std::uint16_t, StoryFingerprint::kHashes> kept;
    for (std::size_t i = 0; i < kept.size(); ++i) kept[i] = static_cast<std::uint16_t>(minimums[i]);
    return kept;
}

}  // namespace

std::optional<StoryFingerprint> StoryFingerprint::of(std::string_view title,
                                                     std::string_view body) {
    std::vector<std::uint64_t> words;
    add_word_hashes(body, words);
    HashSet title_words;
    if (words.size() < kShortBodyWords) {
        std::vector<std::uint64_t> with_title;
        add_word_hashes(title, with_title);
        for (std::size_t i = 0; i < with_title.size() && i < kMaxTitleWords; ++i)
            title_words.push_back(static_cast<std::uint16_t>(mix(with_title[i])));
        with_title.insert(with_title.end(), words.begin(), words.end());
        words = std::move(with_title);
    }
    if (words.size() < kMinWords) return std::nullopt;
    return StoryFingerprint(minimums_of(shingles(words)), number_hashes(body),
                            sorted_set(std::move(title_words)));
}

std::optional<StoryFingerprint> StoryFingerprint::parse(std::string_view stored) {
    constexpr std::size_t kNumbersAt = kHashes * 2 + 1;
    if (stored.size() < kNumbersAt) return std::nullopt;
    const std::size_t numbers = static_cast<unsigned char>(stored[kNumbersAt - 1]);
    const std::size_t rest = stored.size() - kNumbersAt;
    if (numbers > kMaxNumbers || rest % 2 != 0 || rest / 2 < numbers ||
        rest / 2 - numbers > kMaxTitleWords)
        return std::nullopt;
    const auto at = [&](std::size_t offset) {
        return static_cast<std::uint16_t>((static_cast<unsigned char>(stored[offset]) << 8) |
                                          static_cast<unsigned char>(stored[offset + 1]));
    };
    std::array<std::uint16_t, kHashes> minimums;
    for (std::size_t i = 0; i < kHashes; ++i) minimums[i] = at(2 * i);
    HashSet number_set, title_words;
    for (std::size_t i = 0; i < rest / 2; ++i)
        (i < numbers ? number_set : title_words).push_back(at(kNumbersAt + 2 * i));
    return StoryFingerprint(minimums, std::move(number_set), std::move(title_words));
}

std::string StoryFingerprint::serialise() const {
    std::string out;
    out.reserve(kHashes * 2 + 1 + (numbers_.size() + title_words_.size()) * 2);
    const auto put = [&](std::uint16_t value) {
        out += static_cast<char>(value >> 8);
        out += static_cast<char>(value & 0xff);
    };
    for (const std::uint16_t minimum : minimums_) put(minimum);
    out += static_cast<char>(numbers_.size());
    for (const std::uint16_t number : numbers_) put(number);
    for (const std::uint16_t word : title_words_) put(word);
    return out;
}

double StoryFingerprint::similarity(const StoryFingerprint& other) const {
    std::size_t agree = 0;
    for (std::size_t i = 0; i < kHashes; ++i) agree += minimums_[i] == other.minimums_[i];
    return static_cast<double>(agree) / kHashes;
}

bool StoryFingerprint::numbers_agree(const StoryFingerprint& other) const {
    const std::size_t fewer = std::min(numbers_.size(), other.numbers_.size());
    return fewer - shared_count(numbers_, other.numbers_) <= fewer / 4;
}

bool StoryFingerprint::titles_agree(const StoryFingerprint& other) const {
    if (title_words_.empty() || other.title_words_.empty()) return true;
    const std::size_t shared = shared_count(title_words_, other.title_words_);
    return 2 * shared >= title_words_.size() + other.title_words_.size() - shared;
}

std::uint32_t StoryFingerprint::band_key(std::size_t band) const {
    std::uint64_t hash = mix(band + 1);
    for (std::size_t row = 0; row < kRows; ++row) hash = mix(hash ^ minimums_[band * kRows + row]);
    return static_cast<std::uint32_t>(hash >> 32);
}

}  // namespace dateline::indexer
