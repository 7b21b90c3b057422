// More like this: Xapian's relevance-feedback expansion of one article's terms, run as an
// any-word query that leaves out the article and its copies (its story), with one article per
// story. A function over a caller's Database and
// TextAnalyzer; not thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "dateline/text_analyzer.hpp"
#include "search/api_error.hpp"
#include "search/search_result.hpp"

namespace dateline::server {

// Terms taken from the article to describe it.
inline constexpr Xapian::termcount kRelatedExpandTerms = 20;
// Opening words of each related hit's body shown as its snippet.
inline constexpr std::size_t kRelatedSnippetWords = 30;

// kNotFound for an unknown id.
Result<std::vector<Hit>, ApiError> find_related(const Xapian::Database& database,
                                                TextAnalyzer& analyzer, std::string_view id,
                                                std::size_t limit);

}  // namespace dateline::server
