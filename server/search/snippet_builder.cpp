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

// Units from the analysis' terms: each primary term a unit (a Hangul bigram contributes its
// syllables, which overlap the next bigram's); a matched term marks the units it covers, so
// "서울" in "서울에서" marks exactly two syllables and "email" marks both halves of "e-mail".
std::size_t first_character_bytes(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text.empty() ? 0 : text[0]);
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

class UnitCollector : public TermSink {
public:
    UnitCollector(std::string_view text, TermMatcher* matcher, std::vector<TextUnit>& units)
        : text_(text), matcher_(matcher), units_(units) {}

    void add(const AnalyzedTerm& term) override {
        if (term.role == TermRole::kPrimary) add_units(term);
        if (matcher_ == nullptr) return;
        const int id = matcher_->match(term);
        if (id != TermMatcher::kNoMatch) mark(term.begin, term.end, id);
    }

private:
    void add_units(const AnalyzedTerm& term) {
        if (term.kind != TermKind::kBigram) {
            push(term.begin, term.end);
            return;
        }
        // A bigram's characters, each a unit: the next bigram overlaps this one by one.
        const std::size_t first = term.begin + first_character_bytes(text_.substr(term.begin));
        push(term.begin, std::min(first, term.end));
        if (first < term.end) push(first, term.end);
    }

    void push(std::size_t begin, std::size_t end) {
        if (units_.empty() || begin >= units_.back().end) units_.push_back({begin, end});
    }

    void mark(std::size_t begin, std::size_t end, int id) {
        for (std::size_t i = units_.size(); i-- > 0 && units_[i].end > begin;)
            if (units_[i].begin >= begin && units_[i].end <= end &&
                units_[i].concept_id == TermMatcher::kNoMatch)
                units_[i].concept_id = id;
    }

    std::string_view text_;
    TermMatcher* matcher_;
    std::vector<TextUnit>& units_;
};

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
    const std::vector<TextUnit> units = match_units(scanned, lang);
    const Window window = densest_window(units, std::max<std::size_t>(max_words, 1));
    return render(scanned, units, window, scanned.size() < text.size());
}

std::string SnippetBuilder::highlight(std::string_view text,
                                      const std::optional<std::string>& lang) {
    const std::vector<TextUnit> units = match_units(text, lang);
    return render(text, units, Window{0, units.size()}, false);
}

std::vector<TextUnit> SnippetBuilder::match_units(std::string_view text,
                                                  const std::optional<std::string>& lang) {
    std::vector<TextUnit> units;
    if (!matcher_.empty())
        matcher_.set_language(analyzer_.stemmer_for(lang),
                              lang ? TextAnalyzer::primary_language(*lang) : std::string("en"));
    UnitCollector collector(text, matcher_.empty() ? nullptr : &matcher_, units);
    analyze_terms(text, collector);
    return units;
}

SnippetBuilder::Window SnippetBuilder::densest_window(const std::vector<TextUnit>& units,
                                                      std::size_t max_words) const {
    const std::size_t total_words = units.size();
    if (total_words <= max_words) return {0, total_words};
    std::vector<std::size_t> hits;  // unit indexes of matches
    for (std::size_t i = 0; i < total_words; ++i)
        if (units[i].concept_id != TermMatcher::kNoMatch) hits.push_back(i);
    if (hits.empty()) return {0, max_words};
    const auto [first_word, last_word] = best_passage(units, hits, max_words);
    // Open at the start of the text when the passage fits there; otherwise centre it.
    if (last_word < max_words) return {0, max_words};
    const std::size_t slack = max_words - (last_word - first_word + 1);
    std::size_t begin = first_word - std::min(slack / 2, first_word);
    begin = std::min(begin, total_words - max_words);
    return {begin, begin + max_words};
}

std::pair<std::size_t, std::size_t> SnippetBuilder::best_passage(
    const std::vector<TextUnit>& units, const std::vector<std::size_t>& hits,
    std::size_t max_words) const {
    // Two pointers over the matches: windows that start at a match, with per-concept counts.
    // Only a strictly better window replaces the best, so ties go to the earliest.
    const auto concept_of = [&](std::size_t hit) {
        return static_cast<std::size_t>(units[hit].concept_id);
    };
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

std::string SnippetBuilder::render(std::string_view text, const std::vector<TextUnit>& words,
                                   Window window, bool more_after) const {
    std::string out;
    if (window.begin == window.end) return html_escaped(trim_spaces(text, true, true));
    out.reserve(text.size() / 4 + 64);
    if (window.begin > 0)
        out += kEllipsis;
    else
        append_gap(out, trim_spaces(text.substr(0, words[0].begin), true, false));
    bool open = false;  // a <mark> is open: adjacent matches (CJK) share one
    for (std::size_t i = window.begin; i < window.end; ++i) {
        const bool matched = words[i].concept_id != TermMatcher::kNoMatch;
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
