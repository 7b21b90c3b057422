// HitBuilder: a matched document -> a Hit: its stored record (without the body, which hits
// replace with a snippet), the highlighted title and the snippet.
// Not thread-safe (owns a SnippetBuilder): one per search.
#pragma once

#include <cstddef>

#include <xapian.h>

#include "dateline/text_analyzer.hpp"
#include "search/search_result.hpp"
#include "search/snippet_builder.hpp"
#include "search/term_matcher.hpp"

namespace dateline::server {

class HitBuilder {
public:
    HitBuilder(TextAnalyzer& analyzer, TermMatcher matcher, std::size_t snippet_words);

    // Throws nlohmann::json::exception when the stored record is not JSON (a broken index).
    Hit build(const Xapian::Document& document, double score);

private:
    SnippetBuilder snippets_;
    std::size_t snippet_words_;
};

}  // namespace dateline::server
