// Term analysis: one pass over the text by script class. Words of space-separated scripts are
// read as compounds (parts joined by hyphens, periods, commas), which decide the terms: parts,
// acronyms, numbers, the joined form; dictionary scripts go to ICU; Hangul becomes bigrams.
#include "dateline/term_analysis.hpp"
#include "dateline/utf8.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include <xapian.h>

#include "dateline/accent_folding.hpp"
#include "dateline/text_analyzer.hpp"
#include "dictionary_segmenter.hpp"
#include "script_class.hpp"

namespace dateline {
namespace {

using detail::classify;
using detail::CodePoint;
using detail::decode_at;
using detail::ScriptClass;

// Xapian's TermGenerator skips longer words too (its default max_word_length): such
// "words" are URLs, hashes and base64, and their terms would only bloat the index.
constexpr std::size_t kMaxWordBytes = 64;

// Apostrophe prefixes that elide a vowel (French, Italian, Catalan): "l'économie" is also
// indexed as "economie".
constexpr std::array<std::string_view, 24> kElisions = {
    "l",    "d",     "j",      "m",      "n",      "s",     "t",    "c",
    "qu",   "jusqu", "lorsqu", "puisqu", "quoiqu", "dell",  "all",  "nell",
    "dall", "sull",  "coll",   "un",     "quell",  "quest", "tutt", "anch"};

struct Segment {
    std::size_t begin = 0, end = 0;
    char joiner = 0;  // what joins it to the previous segment: '-', '.', ',' (0 for the first)
    bool has_letter = false, all_digits = true, single_letter = false;
};

// A compound's part that gets one position: a word, an acronym or a number.
struct Unit {
    std::size_t begin = 0, end = 0;
    std::string text;  // raw text, or the assembled acronym/number
};

// QueryParser lower-cases every term; case folding leaves a few letters upper case (Cherokee
// folds to its capitals), so the index must hold what QueryParser will make of them.
void append_lower(std::string& out, char32_t c) {
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(static_cast<unsigned>(c)));
}

// ' and ’ and ʼ read alike; characters NFKC may introduce that are not word characters go.
std::string clean_normalized(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const CodePoint c = decode_at(text, pos);
        const ScriptClass type = classify(c.value);
        if (detail::is_apostrophe(c.value))
            out += '\'';
        else if (c.value == '.')
            out += '.';  // only stands in numbers: "5.93"
        else if (type != ScriptClass::kSeparator && type != ScriptClass::kConnector)
            append_lower(out, c.value);
        pos += c.length;
    }
    return out;
}

// Folding can take away what stood between apostrophes ("a'ـ'b" -> "a''b"): an apostrophe
// stays only where QueryParser keeps it inside a word, between two characters that are not
// both digits.
// QueryParser's rule for an apostrophe between two word characters: it joins them unless both
// are digits ("80's" and "don't" are words, "2'0" is two).
bool apostrophe_joins(char32_t before, char32_t after) {
    return !(detail::is_digit(before) && detail::is_digit(after));
}

std::string tidy_apostrophes(std::string term) {
    if (term.find('\'') == std::string::npos) return term;
    std::string out;
    char32_t previous = 0;
    for (std::size_t pos = 0; pos < term.size();) {
        const CodePoint c = decode_at(term, pos);
        const std::size_t next = pos + c.length;
        if (c.value == '\'') {
            const char32_t following = next < term.size() ? decode_at(term, next).value : 0;
            const bool keep = previous != 0 && previous != '\'' && following != 0 &&
                              following != '\'' && apostrophe_joins(previous, following);
            if (!keep) {
                pos = next;
                continue;
            }
        }
        out.append(term, pos, c.length);
        previous = c.value;
        pos = next;
    }
    return out;
}

void normalize_word(std::string_view raw, std::string& out) {
    if (is_ascii(raw)) {
        out.assign(raw);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return;
    }
    out = tidy_apostrophes(clean_normalized(TextAnalyzer::normalize(raw)));
}

TermKind kind_of(std::string_view term) {
    if (term.empty()) return TermKind::kWord;
    return detail::is_digit(decode_at(term, 0).value) ? TermKind::kNumber : TermKind::kWord;
}

class Analysis {
public:
    Analysis(std::string_view text, TermSink& sink) : text_(text), sink_(sink) {}

    std::uint32_t run() {
        std::size_t pos = 0;
        while (pos < text_.size()) {
            const CodePoint c = decode_at(text_, pos);
            switch (classify(c.value)) {
                case ScriptClass::kWord: pos = compound(pos); break;
                case ScriptClass::kDictionary: pos = dictionary_run(pos); break;
                case ScriptClass::kHangul: pos = hangul_run(pos); break;
                default: pos += c.length;
            }
        }
        return position_;
    }

private:
    ScriptClass class_at(std::size_t pos) const {
        return pos < text_.size() ? classify(decode_at(text_, pos).value) : ScriptClass::kSeparator;
    }

    // An apostrophe inside a word: a word character follows, and QueryParser joins the two.
    bool inner_apostrophe(char32_t previous, std::size_t next) const {
        if (class_at(next) != ScriptClass::kWord) return false;
        return apostrophe_joins(previous, decode_at(text_, next).value);
    }

    // Letters, digits, marks and apostrophes between them, from `pos`.
    Segment read_segment(std::size_t pos) const {
        Segment segment{pos, pos};
        std::size_t letters = 0;
        char32_t previous = 0;
        while (pos < text_.size()) {
            // Plain ASCII letters and digits, the bulk of most text, without the general path.
            const auto byte = static_cast<unsigned char>(text_[pos]);
            if (detail::is_ascii_word_char(byte)) {
                const bool letter = (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
                segment.has_letter = segment.has_letter || letter;
                letters += letter ? 1 : 0;
                if (byte < '0' || byte > '9') segment.all_digits = false;
                previous = byte;
                ++pos;
                continue;
            }
            const CodePoint c = decode_at(text_, pos);
            const ScriptClass type = classify(c.value);
            if (type == ScriptClass::kConnector && detail::is_apostrophe(c.value) &&
                inner_apostrophe(previous, pos + c.length)) {
                segment.all_digits = false;
                previous = c.value;
                pos += c.length;
                continue;
            }
            if (type != ScriptClass::kWord) break;
            previous = c.value;
            if (detail::is_letter(c.value)) {
                segment.has_letter = true;
                ++letters;
            }
            if (!detail::is_digit(c.value)) segment.all_digits = false;
            pos += c.length;
        }
        segment.end = pos;
        segment.single_letter =
            letters == 1 && segment.end - segment.begin <= 4 &&
            decode_at(text_, segment.begin).length == segment.end - segment.begin;
        return segment;
    }

    std::size_t compound(std::size_t pos) {
        std::vector<Segment>& segments = segments_;
        segments.clear();
        segments.push_back(read_segment(pos));
        pos = segments.back().end;
        while (pos < text_.size()) {
            const CodePoint c = decode_at(text_, pos);
            const bool joins = c.value == '.' || c.value == ',' || detail::is_hyphen(c.value);
            if (!joins || class_at(pos + c.length) != ScriptClass::kWord) break;
            Segment next = read_segment(pos + c.length);
            next.joiner = detail::is_hyphen(c.value) ? '-' : static_cast<char>(c.value);
            segments.push_back(next);
            pos = next.end;
        }
        emit_compound(segments);
        return pos;
    }

    // Period/comma chains become numbers ("1,000" -> "1000"), acronyms ("u.s" -> "us") or
    // separate words ("example.com"); hyphens separate units.
    void units_of(const std::vector<Segment>& segments, std::vector<std::vector<Unit>>& parts) {
        parts.clear();
        for (std::size_t i = 0; i < segments.size();) {
            std::size_t j = i + 1;
            while (j < segments.size() && segments[j].joiner != '-') ++j;
            parts.emplace_back();
            chain_units(segments, i, j, parts.back());
            i = j;
        }
    }

    void chain_units(const std::vector<Segment>& segments, std::size_t from, std::size_t to,
                     std::vector<Unit>& units) const {
        const auto all = [&](auto predicate) {
            return std::all_of(segments.begin() + static_cast<std::ptrdiff_t>(from),
                               segments.begin() + static_cast<std::ptrdiff_t>(to), predicate);
        };
        const auto raw = [&](const Segment& s) { return text_.substr(s.begin, s.end - s.begin); };
        const bool several = to - from > 1;
        const bool number = several && all([](const Segment& s) { return s.all_digits; });
        const bool acronym = several && all([](const Segment& s) {
                                 return s.single_letter && (s.joiner == 0 || s.joiner == '.');
                             });
        if (number || acronym) {
            Unit unit{segments[from].begin, segments[to - 1].end, {}};
            for (std::size_t i = from; i < to; ++i) {
                const Segment& s = segments[i];
                // A comma before three digits groups thousands; any other is a decimal point.
                if (number && i > from && !(s.joiner == ',' && s.end - s.begin == 3))
                    unit.text += '.';
                unit.text += raw(s);
            }
            units.push_back(std::move(unit));
            return;
        }
        for (std::size_t i = from; i < to; ++i)
            units.push_back({segments[i].begin, segments[i].end, std::string(raw(segments[i]))});
    }

    void emit_compound(const std::vector<Segment>& segments) {
        if (segments.size() == 1) {  // most words: no units to assemble
            const Segment& s = segments.front();
            normalize_word(text_.substr(s.begin, s.end - s.begin), scratch_);
            const std::uint32_t position = position_++;
            if (emit(scratch_, s.begin, s.end, position, TermRole::kPrimary))
                emit_variants(s.begin, s.end, position);
            ++group_;
            return;
        }
        units_of(segments, parts_);
        const std::uint32_t first_position = position_;
        std::string joined;
        std::size_t units = 0;
        bool has_letter = false;
        for (const auto& part : parts_) {
            for (const Unit& unit : part) {
                normalize_word(unit.text, scratch_);
                if (emit(scratch_, unit.begin, unit.end, position_++, TermRole::kPrimary))
                    joined += term_.term;
                ++units;
            }
        }
        for (const Segment& s : segments) has_letter = has_letter || s.has_letter;
        const std::size_t begin = segments.front().begin, end = segments.back().end;
        if (parts_.size() > 1 && has_letter) {
            // At the first and the last part's positions, so phrases match on either side:
            // "kim jong-un" -> kim jongun, "jong-un said" -> jongun said.
            emit(joined, begin, end, first_position, TermRole::kJoined);
            emit(joined, begin, end, position_ - 1, TermRole::kJoined);
        }
        if (units == 1 && !joined.empty()) emit_variants(begin, end, first_position);
        ++group_;
    }

    // "washington's" -> "washington"; "l'économie" -> "economie".
    // Reads the term just emitted.
    void emit_variants(std::size_t begin, std::size_t end, std::uint32_t position) {
        if (term_.term.find('\'') == std::string::npos) return;
        const std::string word = term_.exact.empty() ? term_.term : term_.exact;
        const std::size_t apostrophe = word.find('\'');
        if (word.size() > 2 && word.ends_with("'s") && word.find('\'') == word.size() - 2) {
            normalize_word(std::string_view(word).substr(0, word.size() - 2), scratch_);
            emit(scratch_, begin, end, position, TermRole::kVariant);
        }
        const std::string_view head = std::string_view(word).substr(0, apostrophe);
        if (std::find(kElisions.begin(), kElisions.end(), head) != kElisions.end() &&
            apostrophe + 1 < word.size()) {
            normalize_word(std::string_view(word).substr(apostrophe + 1), scratch_);
            emit(scratch_, begin, end, position, TermRole::kVariant);
        }
    }

    bool emit(std::string_view normalized, std::size_t begin, std::size_t end,
              std::uint32_t position, TermRole role) {
        if (normalized.empty() || normalized.size() > kMaxWordBytes) return false;
        term_.exact.clear();
        if (is_ascii(normalized)) {
            term_.term.assign(normalized);  // keeps the buffer: no allocation per word
        } else {
            term_.term = tidy_apostrophes(fold_accents(normalized));
            if (term_.term.empty()) return false;  // only marks that fold away
            if (term_.term != normalized) term_.exact.assign(normalized);
        }
        term_.begin = begin;
        term_.end = end;
        term_.position = position;
        term_.group = group_;
        term_.kind = kind_of(term_.term);
        term_.role = role;
        sink_.add(term_);
        return true;
    }

    void emit_plain(std::string term, std::size_t begin, std::size_t end, TermKind kind) {
        if (term.empty() || term.size() > kMaxWordBytes) {
            ++position_;
            return;
        }
        term_.term = std::move(term);
        term_.exact.clear();
        term_.begin = begin;
        term_.end = end;
        term_.position = position_++;
        term_.group = group_;
        term_.kind = kind;
        term_.role = TermRole::kPrimary;
        sink_.add(term_);
    }

    std::size_t run_end(std::size_t pos, ScriptClass type) const {
        while (pos < text_.size()) {
            const CodePoint c = decode_at(text_, pos);
            if (classify(c.value) != type) break;
            pos += c.length;
        }
        return pos;
    }

    std::size_t dictionary_run(std::size_t pos) {
        const std::size_t end = run_end(pos, ScriptClass::kDictionary);
        const std::string_view run = text_.substr(pos, end - pos);
        detail::segment_words(run, words_);
        for (const auto& [begin, finish] : words_) {
            const std::string_view word = run.substr(begin, finish - begin);
            // A long Chinese or Japanese word is its bigrams, so part of it is findable:
            // "センター" in "データセンター", "近平" in "习近平". Thai words stay whole.
            if (detail::is_cjk_ideograph_or_kana(decode_at(word, 0).value) &&
                count_characters(word) >= 3)
                emit_bigrams(pos + begin, pos + finish, true);
            else
                emit_plain(TextAnalyzer::normalize(word), pos + begin, pos + finish,
                           TermKind::kSegmented);
        }
        ++group_;
        return end;
    }

    std::size_t hangul_run(std::size_t pos) {
        const std::size_t end = run_end(pos, ScriptClass::kHangul);
        emit_bigrams(pos, end, false);
        ++group_;
        return end;
    }

    static std::size_t count_characters(std::string_view text) {
        std::size_t count = 0;
        for (std::size_t at = 0; at < text.size(); at += decode_at(text, at).length) ++count;
        return count;
    }

    // Overlapping character pairs of text_[begin, end): one term for a single character.
    void emit_bigrams(std::size_t begin, std::size_t end, bool normalize) {
        characters_.clear();
        for (std::size_t at = begin; at < end; at += decode_at(text_, at).length)
            characters_.push_back(at);
        characters_.push_back(end);
        const std::size_t count = characters_.size() - 1;
        for (std::size_t i = 0; i + 1 < count || (count == 1 && i == 0); ++i) {
            const std::size_t stop = characters_[std::min(i + 2, count)];
            const std::string_view pair = text_.substr(characters_[i], stop - characters_[i]);
            emit_plain(normalize ? TextAnalyzer::normalize(pair) : std::string(pair),
                       characters_[i], stop, TermKind::kBigram);
        }
    }

    std::string_view text_;
    TermSink& sink_;
    std::uint32_t position_ = 0, group_ = 0;
    AnalyzedTerm term_;
    std::string scratch_;
    std::vector<Segment> segments_;
    std::vector<std::vector<Unit>> parts_;
    std::vector<std::pair<std::size_t, std::size_t>> words_;
    std::vector<std::size_t> characters_;
};

}  // namespace

std::uint32_t analyze_terms(std::string_view text, TermSink& sink) {
    return Analysis(text, sink).run();
}

std::vector<AnalyzedTerm> analyzed_terms(std::string_view text) {
    struct List : TermSink {
        std::vector<AnalyzedTerm> terms;
        void add(const AnalyzedTerm& term) override { terms.push_back(term); }
    } list;
    analyze_terms(text, list);
    return std::move(list.terms);
}

bool is_stemmable(const AnalyzedTerm& term) {
    if (term.kind != TermKind::kWord || term.term.empty()) return false;
    const char32_t first = decode_at(term.term, 0).value;
    if (first < 0x80) return (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    return detail::is_letter(first) &&
           Xapian::Unicode::get_category(static_cast<unsigned>(first)) !=
               Xapian::Unicode::UPPERCASE_LETTER;
}

std::string query_form(std::span<const AnalyzedTerm> group, bool in_phrase) {
    std::vector<const AnalyzedTerm*> primaries;
    const AnalyzedTerm* joined = nullptr;
    for (const AnalyzedTerm& term : group) {
        if (term.role == TermRole::kPrimary) primaries.push_back(&term);
        if (term.role == TermRole::kJoined && joined == nullptr) joined = &term;
    }
    if (primaries.empty()) return joined != nullptr ? joined->term : std::string();
    const bool segmented = primaries.front()->kind == TermKind::kSegmented ||
                           primaries.front()->kind == TermKind::kBigram;
    if (!segmented && primaries.size() == 1) return primaries.front()->term;
    if (!segmented && joined != nullptr) return joined->term;
    std::string words;
    for (const AnalyzedTerm* term : primaries) {
        if (!words.empty()) words += ' ';
        words += term->term;
    }
    // Quoted even alone: QueryParser then neither stems nor splits it.
    return in_phrase ? words : '"' + words + '"';
}

}  // namespace dateline
