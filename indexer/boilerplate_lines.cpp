// Splitting bodies into lines, joining them back, and normalising lines for comparison (ICU).
#include "boilerplate_lines.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include "dateline/utf8.hpp"

namespace dateline::indexer {

std::vector<BodyLine> split_body_lines(std::string_view text, BodyUnit unit) {
    std::vector<BodyLine> lines;
    bool blank_before = false;
    bool open_paragraph = false;  // kParagraph: the last unit takes the next non-blank line
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        const std::string_view content = trim_ascii_spaces(line);
        if (content.empty()) {
            blank_before = true;
            open_paragraph = false;
        } else if (open_paragraph) {
            // Extend the paragraph's views to the end of this line.
            BodyLine& paragraph = lines.back();
            const auto* content_end = content.data() + content.size();
            paragraph.text = {paragraph.text.data(),
                              static_cast<std::size_t>(content_end - paragraph.text.data())};
            paragraph.raw = {paragraph.raw.data(),
                             static_cast<std::size_t>(content_end - paragraph.raw.data())};
        } else {
            // A paragraph of plain text keeps its indentation; lines from HTML have none.
            const std::string_view raw =
                unit == BodyUnit::kLine ? content
                                        : line.substr(0, line.find_last_not_of(" \t\r\f\v") + 1);
            lines.push_back({content, raw, blank_before && !lines.empty(), false, false});
            blank_before = false;
            open_paragraph = unit == BodyUnit::kParagraph;
        }
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string join_body_lines(const std::vector<BodyLine>& lines) {
    std::string out;
    bool paragraph_pending = false;
    for (const BodyLine& line : lines) {
        paragraph_pending = paragraph_pending || line.new_paragraph;
        if (line.dropped) continue;
        if (!out.empty()) out += paragraph_pending ? "\n\n" : "\n";
        out += line.raw;
        paragraph_pending = false;
    }
    return out;
}

std::string flat_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space_pending = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            space_pending = !out.empty();
            continue;
        }
        if (space_pending) out += ' ';
        space_pending = false;
        out += c;
    }
    return out;
}

std::string normalised_line(std::string_view line) {
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(
        icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
    folded.foldCase();
    icu::UnicodeString kept;
    bool space_pending = false;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 c = folded.char32At(i);
        if (!u_isalnum(c)) {
            space_pending = !kept.isEmpty();
            continue;
        }
        if (space_pending) kept.append(UChar32{' '});
        space_pending = false;
        kept.append(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

}  // namespace dateline::indexer
