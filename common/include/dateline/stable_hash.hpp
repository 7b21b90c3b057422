// A 64-bit hash that stays the same across processes, builds and platforms (unlike std::hash),
// for anything stored or sent: hashed id terms, ETags, index versions. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace dateline {

inline constexpr std::uint64_t kFnv1aOffsetBasis = 0xcbf29ce484222325ULL;

// FNV-1a, 64-bit; another seed gives an independent-enough second hash.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t seed = kFnv1aOffsetBasis) {
    std::uint64_t hash = seed;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace dateline
