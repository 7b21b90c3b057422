// Splitting article text into words with byte offsets, for snippets and highlighting: runs of
// letters and digits (any script, with inner apostrophes as in "don't"), and each CJK
// character as a word of its own, as the indexer's CJK n-grams see them.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace dateline::server {

struct WordSpan {
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
};

std::vector<WordSpan> split_words(std::string_view text);

}  // namespace dateline::server
