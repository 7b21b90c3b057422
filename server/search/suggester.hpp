// Type-ahead suggestions for a typed prefix: whole titles whose words match it (the last
// word as a partial), then completions of the last word from the index's vocabulary, most
// frequent first. Functions over a caller's Database and TextAnalyzer; not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dateline/text_analyzer.hpp"

namespace dateline::server {

// Vocabulary scanned per suggestion: a one-letter prefix cannot walk the whole term list.
inline constexpr std::size_t kMaxScannedTerms = 20'000;

// Up to `limit` suggestions, titles first, without duplicates; empty for an empty prefix.
std::vector<std::string> suggest_completions(const Xapian::Database& database,
                                             TextAnalyzer& analyzer, std::string_view prefix,
                                             std::size_t limit);

}  // namespace dateline::server
