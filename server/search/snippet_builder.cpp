// Snippets: match every word once, slide a window over the matches, render escaped text.
#include "search/snippet_builder.hpp"

#include <algorithm>

#include "dateline/utf8.hpp"
#include "search/html_escape.hpp"

namespace dateline::server {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Text between two words, escaped, each whitespace run shown as one space.
void append_gap(std::string& out, std::string_view gap) {
    bool in_space = false;
    for (const char c : gap) {
        if (is_space(c)) {
            if (!in_space) out += ' ';
            in_space = true;
            continue;
        }
        in_space = false;
        append_html_escaped(out, std::string_view(&c, 1));
    }
}

std::string_view trim_spaces(std::string_view text, bool front, bool back) {
    while (front && !text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (back && !text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

struct Score {
    std::size_t distinct = 0, total = 0;
    bool operator>(const Score& other) const {
        return distinct != other.distinct ? distinct > other.distinct : total > other.total;
    }
};

}  // namespace

SnippetBuilder::SnippetBuilder(TextAnalyzer& analyzer, TermMatcher matcher)
    : analyzer_(analyzer), matcher_(std::move(matcher)) {}

std::string SnippetBuilder::snippet(std::string_view text, const std::optional<std::string>& lang,
                                    std::size_t max_words) {
    const std::string_view scanned = truncate_utf8(text, kMaxScannedBytes);
    const std::vector<WordSpan> words = split_words(scanned);
    const std::vector<int> matches = match_words(scanned, words, lang);
    const Window window = densest_window(matches, std::max<std::size_t>(max_words, 1));
    return render(scanned, words, matches, window, scanned.size() < text.size());
}

std::string SnippetBuilder::highlight(std::string_view text,
                                      const std::optional<std::string>& lang) {
    const std::vector<WordSpan> words = split_words(text);
    const std::vector<int> matches = match_words(text, words, lang);
    return render(text, words, matches, Window{0, words.size()}, false);
}

std::vector<int> SnippetBuilder::match_words(std::string_view text,
                                             const std::vector<WordSpan>& words,
                                             const std::optional<std::string>& lang) {
    std::vector<int> matches(words.size(), TermMatcher::kNoMatch);
    if (matcher_.empty()) return matches;
    matcher_.set_language(analyzer_.stemmer_for(lang),
                          lang ? TextAnalyzer::primary_language(*lang) : std::string("en"));
    for (std::size_t i = 0; i < words.size(); ++i)
        matches[i] = matcher_.match(text.substr(words[i].begin, words[i].end - words[i].begin));
    return matches;
}

SnippetBuilder::Window SnippetBuilder::densest_window(const std::vector<int>& matches,
                                                      std::size_t max_words) const {
    const std::size_t total_words = matches.size();
    if (total_words <= max_words) return {0, total_words};
    std::vector<std::size_t> hits;  // word indexes of matches
    for (std::size_t i = 0; i < total_words; ++i)
        if (matches[i] != TermMatcher::kNoMatch) hits.push_back(i);
    if (hits.empty()) return {0, max_words};
    const auto [first_word, last_word] = best_passage(matches, hits, max_words);
    // Open at the start of the text when the passage fits there; otherwise centre it.
    if (last_word < max_words) return {0, max_words};
    const std::size_t slack = max_words - (last_word - first_word + 1);
    std::size_t begin = first_word - std::min(slack / 2, first_word);
    begin = std::min(begin, total_words - max_words);
    return {begin, begin + max_words};
}

std::pair<std::size_t, std::size_t> SnippetBuilder::best_passage(
    const std::vector<int>& matches, const std::vector<std::size_t>& hits,
    std::size_t max_words) const {
    // Two pointers over the matches: windows that start at a match, with per-concept counts.
    // Only a strictly better window replaces the best, so ties go to the earliest.
    const auto concept_of = [&](std::size_t hit) { return static_cast<std::size_t>(matches[hit]); };
    std::vector<std::size_t> counts(matcher_.concept_count(), 0);
    Score current, best;
    std::size_t best_first = 0, best_last = 0, next = 0;
    for (std::size_t first = 0; first < hits.size(); ++first) {
        for (; next < hits.size() && hits[next] < hits[first] + max_words; ++next) {
            if (counts[concept_of(hits[next])]++ == 0) ++current.distinct;
            ++current.total;
        }
        if (current > best) {
            best = current;
            best_first = hits[first];
            best_last = hits[next - 1];
        }
        if (--counts[concept_of(hits[first])] == 0) --current.distinct;
        --current.total;
    }
    return {best_first, best_last};
}

std::string SnippetBuilder::render(std::string_view text, const std::vector<WordSpan>& words,
                                   const std::vector<int>& matches, Window window,
                                   bool more_after) const {
    std::string out;
    if (window.begin == window.end) return html_escaped(trim_spaces(text, true, true));
    out.reserve(text.size() / 4 + 64);
    if (window.begin > 0)
        out += kEllipsis;
    else
        append_gap(out, trim_spaces(text.substr(0, words[0].begin), true, false));
    bool open = false;  // a <mark> is open: adjacent matches (CJK) share one
    for (std::size_t i = window.begin; i < window.end; ++i) {
        const bool matched = matches[i] != TermMatcher::kNoMatch;
        const bool joined = i > window.begin && words[i - 1].end == words[i].begin;
        if (open && !(matched && joined)) {
            out += "</mark>";
            open = false;
        }
        if (i > window.begin)
            append_gap(out, text.substr(words[i - 1].end, words[i].begin - words[i - 1].end));
        if (matched && !open) {
            out += "<mark>";
            open = true;
        }
        append_html_escaped(out, text.substr(words[i].begin, words[i].end - words[i].begin));
    }
    if (open) out += "</mark>";
    if (window.end < words.size() || more_after)
        out += kEllipsis;
    else
        append_gap(out, trim_spaces(text.substr(words.back().end), false, true));
    return out;
}

}  // namespace dateline::server
