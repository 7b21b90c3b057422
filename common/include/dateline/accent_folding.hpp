// Accent folding: the form a word is searched under, so that "café" and "cafe", "Zürich" and
// "Zurich", "ёлка" and "елка" meet. Input is already NFKC + case-folded (TextAnalyzer).
// Folds only what readers of the script treat as optional: Latin, Greek and Cyrillic
// diacritics (but not the breve of Cyrillic й, a letter of its own), Arabic harakat, tatweel
// and hamza-carrying alefs; never Japanese voicing marks, Indic or Thai vowel signs.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// The folded form of a normalised word; the word itself when nothing folds (ASCII fast path).
std::string fold_accents(std::string_view normalized);

}  // namespace dateline
