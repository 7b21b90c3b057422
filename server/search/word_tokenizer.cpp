// A small Unicode-aware word splitter; Xapian's Unicode tables decide what is a word character.
#include "search/word_tokenizer.hpp"

#include <xapian.h>

namespace dateline::server {
namespace {

struct CodePoint {
    unsigned value = 0;
    std::size_t length = 1;
};

// Decodes one UTF-8 sequence; a malformed byte is U+FFFD of length 1 (never a word character).
CodePoint decode(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || pos + length > text.size()) return {0xFFFD, 1};
    unsigned value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {0xFFFD, 1};
        value = (value << 6) | (byte(i) & 0x3F);
    }
    return {value, length};
}

bool is_word_char(unsigned c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return Xapian::Unicode::is_wordchar(c);
}

// The ideographic and syllabic scripts the indexer splits into n-grams (Xapian's CJK ranges,
// without the fullwidth forms: NFKC turns those into ASCII words).
bool is_cjk(unsigned c) {
    return (c >= 0x2E80 && c <= 0x2FFF) || (c >= 0x3040 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_apostrophe(unsigned c) {
    return c == '\'' || c == 0x2019;
}

}  // namespace

std::vector<WordSpan> split_words(std::string_view text) {
    std::vector<WordSpan> words;
    std::size_t pos = 0;
    std::size_t start = std::string_view::npos;  // start of the word being read
    while (pos < text.size()) {
        const CodePoint c = decode(text, pos);
        const bool word_char = is_word_char(c.value);
        if (word_char && is_cjk(c.value)) {
            if (start != std::string_view::npos) words.push_back({start, pos});
            words.push_back({pos, pos + c.length});
            start = std::string_view::npos;
        } else if (word_char) {
            if (start == std::string_view::npos) start = pos;
        } else if (start != std::string_view::npos) {
            const bool inner = is_apostrophe(c.value) && pos + c.length < text.size() &&
                               is_word_char(decode(text, pos + c.length).value);
            if (!inner) {
                words.push_back({start, pos});
                start = std::string_view::npos;
            }
        }
        pos += c.length;
    }
    if (start != std::string_view::npos) words.push_back({start, text.size()});
    return words;
}

}  // namespace dateline::server
