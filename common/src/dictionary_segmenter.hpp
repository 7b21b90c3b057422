// Word segmentation of scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
// Myanmar) with ICU's dictionary-based word BreakIterator. Internal to dateline_common.
// Thread-safe: each thread segments with its own BreakIterator.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::detail {

// Byte spans of the words of `run` (text of those scripts only), in order; punctuation skipped.
void segment_words(std::string_view run, std::vector<std::pair<std::size_t, std::size_t>>& words);

}  // namespace dateline::detail
