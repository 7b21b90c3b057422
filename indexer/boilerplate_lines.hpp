// BodyLines: an article body as a list of units — lines, or paragraphs — that boilerplate
// cleaning can mark dropped and put back together with the paragraph breaks; and the
// normalised form under which two units count as "the same line" (the title repeated in the
// body, a footer repeated across a site's articles).
// Text from HTML is cut into lines: a line break there is a <br>, a list item or a table row,
// made on purpose. Plain text is cut into paragraphs (blank-line separated): its line breaks
// are often hard wraps inside a sentence ("... will\nsubscribe to ordinary shares."), which a
// rule must never see as a line of its own.
// Plain value types and pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline::indexer {

enum class BodyUnit { kLine, kParagraph };

struct BodyLine {
    std::string_view text;       // trimmed, never empty; points into the body text
    std::string_view raw;        // as written (indentation kept), for putting the body back
    bool new_paragraph = false;  // a blank line came before it
    bool dropped = false;
    bool kept = false;  // a keep rule matched: no later pass may drop it
};

// The units of `text` ("\r\n" and "\n" both end a line). The views point into text.
std::vector<BodyLine> split_body_lines(std::string_view text, BodyUnit unit = BodyUnit::kParagraph);

// The kept units: a blank line between paragraphs (also where dropped units held one), one
// line break within a paragraph.
std::string join_body_lines(const std::vector<BodyLine>& lines);

// The unit's text on one line: every run of white space (line breaks too) made one space.
std::string flat_text(std::string_view text);

// Case-folded letters and digits, every run of anything else (spaces, punctuation, symbols,
// quotes of any style) made one space, trimmed: "Share the post!" and "SHARE  the post" meet.
// Invalid UTF-8 is read as U+FFFD, which counts as a symbol.
std::string normalised_line(std::string_view line);

}  // namespace dateline::indexer
