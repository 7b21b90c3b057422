// Markup to plain text with gumbo (an HTML5 parser), so malformed real-world HTML is read the
// way browsers read it.
#include "dateline/html_text.hpp"

#include <array>
#include <cctype>

#include <gumbo.h>

namespace dateline {
namespace {

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view word) {
    if (pos + word.size() > text.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[pos + i])) != word[i]) return false;
    return true;
}

bool is_tag_end(std::string_view text, std::size_t pos) {
    return pos < text.size() && (text[pos] == '>' || text[pos] == '/' ||
                                 std::isspace(static_cast<unsigned char>(text[pos])));
}

// Opening tags that signal HTML on their own, in lower case only: wire copy marks tickers in
// capitals ("<BP>", "<I>", "<P>" for Phillips). Others need a closing tag to count.
constexpr std::array<std::string_view, 9> kSignalTags = {"p",  "br", "div", "img",  "hr",
                                                         "ul", "ol", "li",  "table"};

bool has_markup_at(std::string_view text, std::size_t lt) {
    const std::size_t next = lt + 1;
    if (next >= text.size()) return false;
    if (text[next] == '/' && next + 1 < text.size() &&
        std::isalpha(static_cast<unsigned char>(text[next + 1])))
        return true;
    if (text.compare(next, 3, "!--") == 0 || starts_with_ci(text, next, "!doctype")) return true;
    for (std::string_view tag : kSignalTags)
        if (text.compare(next, tag.size(), tag) == 0 && is_tag_end(text, next + tag.size()))
            return true;
    return false;
}

bool has_character_reference_at(std::string_view text, std::size_t amp) {
    std::size_t pos = amp + 1;
    if (pos < text.size() && text[pos] == '#') {
        ++pos;
        if (pos < text.size() && (text[pos] == 'x' || text[pos] == 'X')) ++pos;
    }
    const std::size_t start = pos;
    while (pos < text.size() && pos - start < 32 &&
           std::isalnum(static_cast<unsigned char>(text[pos])))
        ++pos;
    return pos > start && pos < text.size() && text[pos] == ';';
}

// Elements that start a new line (list items, table rows, line breaks).
bool is_line(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_BR:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_FIGCAPTION: return true;
        default: return false;
    }
}

// Elements that stand as paragraphs, with a blank line around them.
bool is_paragraph(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_HR: return true;
        default: return false;
    }
}

bool is_invisible(GumboTag tag) {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
           tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD;
}

void collect_text(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
        // Line breaks inside HTML text are just white space; structure makes the lines.
        for (const char* c = node->v.text.text; *c; ++c)
            out += (*c == '\n' || *c == '\r') ? ' ' : *c;
        return;
    }
    const bool is_element = node->type == GUMBO_NODE_ELEMENT;
    if (!is_element && node->type != GUMBO_NODE_DOCUMENT) return;
    if (is_element && is_invisible(node->v.element.tag)) return;
    const GumboVector& children = is_element ? node->v.element.children : node->v.document.children;
    const bool paragraph = is_element && is_paragraph(node->v.element.tag);
    if (paragraph)
        out += "\n\n";
    else if (is_element && is_line(node->v.element.tag))
        out += '\n';
    for (unsigned i = 0; i < children.length; ++i)
        collect_text(static_cast<const GumboNode*>(children.data[i]), out);
    if (paragraph) out += "\n\n";
}

// Collapses runs of spaces within lines and keeps at most one blank line between paragraphs.
std::string tidy_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    int pending_newlines = 0;
    bool pending_space = false;
    for (const char c : text) {
        if (c == '\n') {
            ++pending_newlines;
            pending_space = false;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            pending_space = true;
        } else {
            if (!out.empty()) {
                if (pending_newlines > 0)
                    out.append(pending_newlines > 1 ? "\n\n" : "\n");
                else if (pending_space)
                    out += ' ';
            }
            pending_newlines = 0;
            pending_space = false;
            out += c;
        }
    }
    return out;
}

}  // namespace

bool looks_like_html(std::string_view text) {
    for (std::size_t pos = text.find_first_of("<&"); pos != std::string_view::npos;
         pos = text.find_first_of("<&", pos + 1)) {
        if (text[pos] == '<' ? has_markup_at(text, pos) : has_character_reference_at(text, pos))
            return true;
    }
    return false;
}

std::string html_to_text(std::string_view text) {
    if (!looks_like_html(text)) return std::string(text);
    std::string source(text);
    bool has_tags = false;
    for (std::size_t pos = text.find('<'); pos != std::string_view::npos;
         pos = text.find('<', pos + 1))
        has_tags = has_tags || has_markup_at(text, pos);
    if (!has_tags) {
        // Only character references: keep every '<' as text while gumbo decodes the rest.
        source.clear();
        for (const char c : text)
            source += c == '<' ? std::string_view("&lt;") : std::string_view(&c, 1);
    }
    GumboOptions options = kGumboDefaultOptions;
    // Errors are not used, and gumbo copies the open-element stack into each one it keeps:
    // deeply nested unclosed markup would cost memory quadratic in its depth.
    options.max_errors = 0;
    GumboOutput* output = gumbo_parse_with_options(&options, source.data(), source.size());
    std::string raw;
    collect_text(output->document, raw);
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    return tidy_whitespace(raw);
}

}  // namespace dateline
