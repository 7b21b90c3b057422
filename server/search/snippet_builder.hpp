// SnippetBuilder: the densest passage of an article's text around the words a query matched,
// cropped at word boundaries with "…", HTML-escaped, matches wrapped in <mark>. Our own
// passage picker rather than Xapian's MSet::snippet, which costs four fifths of a query.
// Not thread-safe (the matcher caches, the analyzer caches stemmers): one per search.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/text_analyzer.hpp"
#include "search/term_matcher.hpp"

namespace dateline::server {

// A piece of text highlighting treats as one: a word, a dictionary segment, a Hangul syllable.
struct TextUnit {
    std::size_t begin = 0, end = 0;  // bytes
    int concept_id = TermMatcher::kNoMatch;
};

class SnippetBuilder {
public:
    // Text past this many bytes is not scanned: bounded work per hit on very long articles.
    static constexpr std::size_t kMaxScannedBytes = 100'000;

    SnippetBuilder(TextAnalyzer& analyzer, TermMatcher matcher);

    // At most `max_words` words of `text`: the window with the most distinct matched terms
    // (ties: most matches, then earliest); the opening words when nothing matched.
    std::string snippet(std::string_view text, const std::optional<std::string>& lang,
                        std::size_t max_words);

    // All of `text`, escaped, with matches marked (for titles).
    std::string highlight(std::string_view text, const std::optional<std::string>& lang);

private:
    struct Window {
        std::size_t begin = 0, end = 0;  // word indexes, end exclusive
    };

    // The text's units, each with the concept it matched (the analysis the indexer ran).
    std::vector<TextUnit> match_units(std::string_view text,
                                      const std::optional<std::string>& lang);
    Window densest_window(const std::vector<TextUnit>& units, std::size_t max_words) const;
    // The first and last unit of the best run of matches within max_words.
    std::pair<std::size_t, std::size_t> best_passage(const std::vector<TextUnit>& units,
                                                     const std::vector<std::size_t>& hits,
                                                     std::size_t max_words) const;
    std::string render(std::string_view text, const std::vector<TextUnit>& units, Window window,
                       bool more_after) const;

    TextAnalyzer& analyzer_;
    TermMatcher matcher_;
};

}  // namespace dateline::server
