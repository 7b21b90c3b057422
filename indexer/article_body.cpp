// Article text extraction over gumbo's DOM: choose the content root, then serialise it to a
// small, safe HTML subset without its boilerplate.
#include "article_body.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline::indexer {
namespace {

// Deeper markup is not article text (it is broken or hostile); the bound keeps recursion safe.
constexpr std::size_t kMaxDepth = 400;

// Class and id words that mark widgets around an article (matched as whole words, so
// "commentary" or "shareholders" are not caught).
constexpr std::array<std::string_view, 38> kChromeWords = {
    "share",         "sharing",    "social",      "subscribe", "subscription", "newsletter",
    "comment",       "comments",   "related",     "promo",     "promotion",    "advert",
    "advertisement", "ad",         "ads",         "cookie",    "cookies",      "consent",
    "sidebar",       "breadcrumb", "breadcrumbs", "nav",       "navbar",       "navigation",
    "menu",          "footer",     "header",      "masthead",  "signup",       "paywall",
    "popup",         "modal",      "banner",      "sponsored", "outbrain",     "taboola",
    "recommended",   "disqus"};

constexpr std::array<std::string_view, 7> kChromeRoles = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"};

bool is_chrome_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_INPUT:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_MENU:
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
        case GUMBO_TAG_H1: return true;  // the headline: the title field carries it
        default: return false;
    }
}

// Elements html_to_text lays out as lines or paragraphs: kept as tags, the rest as text.
bool is_layout_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION: return true;
        default: return false;
    }
}

const char* attribute(const GumboElement& element, const char* name) {
    const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
    return found ? found->value : nullptr;
}

bool has_chrome_word(const char* value) {
    if (!value) return false;
    std::string word;
    const auto is_chrome = [&] {
        return std::find(kChromeWords.begin(), kChromeWords.end(), word) != kChromeWords.end();
    };
    for (const char* c = value;; ++c) {
        if (*c && std::isalnum(static_cast<unsigned char>(*c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
            continue;
        }
        if (is_chrome()) return true;
        word.clear();
        if (!*c) return false;
    }
}

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    return nullptr;
}

template <class Visit>
void for_each_child(const GumboNode* node, Visit&& visit) {
    if (const GumboVector* children = children_of(node))
        for (unsigned i = 0; i < children->length; ++i)
            visit(static_cast<const GumboNode*>(children->data[i]));
}

bool is_text(const GumboNode* node) {
    return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA;
}

std::size_t visible_bytes(const char* text) {
    std::size_t count = 0;
    for (const char* c = text; *c; ++c)
        if (!std::isspace(static_cast<unsigned char>(*c))) ++count;
    return count;
}

// Visible text below node, leaving out boilerplate below it (not node itself).
std::size_t text_bytes_below(const GumboNode* node, std::size_t depth = 0) {
    if (is_text(node)) return visible_bytes(node->v.text.text);
    std::size_t total = 0;
    if (depth > kMaxDepth) return total;
    for_each_child(node, [&](const GumboNode* child) {
        if (child->type == GUMBO_NODE_ELEMENT && is_boilerplate(child->v.element)) return;
        total += text_bytes_below(child, depth + 1);
    });
    return total;
}

struct Candidates {
    std::vector<const GumboNode*> articles;
    const GumboNode* main = nullptr;
    const GumboNode* body = nullptr;
    std::unordered_map<const GumboNode*, std::size_t> paragraph_bytes;  // by parent element
};

// Collects content roots outside boilerplate, and the paragraph text each element holds.
void collect(const GumboNode* node, Candidates& found, std::size_t depth = 0) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    if (depth > kMaxDepth) return;
    if (node->type == GUMBO_NODE_ELEMENT) {
        const GumboElement& element = node->v.element;
        if (is_boilerplate(element)) return;
        const char* role = attribute(element, "role");
        if (element.tag == GUMBO_TAG_ARTICLE) found.articles.push_back(node);
        if (!found.main &&
            (element.tag == GUMBO_TAG_MAIN || (role && std::string_view(role) == "main")))
            found.main = node;
        if (element.tag == GUMBO_TAG_BODY) found.body = node;
        if (element.tag == GUMBO_TAG_P && node->parent)
            found.paragraph_bytes[node->parent] += text_bytes_below(node);
    }
    for_each_child(node, [&](const GumboNode* child) { collect(child, found, depth + 1); });
}

const GumboNode* content_root(const GumboNode* document) {
    Candidates found;
    collect(document, found);
    const GumboNode* best_article = nullptr;
    std::size_t best_bytes = 0;
    for (const GumboNode* article : found.articles) {
        const std::size_t bytes = text_bytes_below(article);
        if (bytes > best_bytes) best_article = article, best_bytes = bytes;
    }
    if (best_article) return best_article;
    if (found.main) return found.main;
    const auto densest =
        std::max_element(found.paragraph_bytes.begin(), found.paragraph_bytes.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (densest != found.paragraph_bytes.end()) return densest->first;
    return found.body ? found.body : document;
}

void append_escaped(const char* text, std::string& out) {
    for (const char* c = text; *c; ++c) {
        switch (*c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += *c;
        }
    }
}

void serialise(const GumboNode* node, ArticleBody& body, std::size_t depth = 0) {
    if (is_text(node) || node->type == GUMBO_NODE_WHITESPACE) {
        append_escaped(node->v.text.text, body.html);
        if (is_text(node)) body.text_bytes += visible_bytes(node->v.text.text);
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR) {
        body.html += tag == GUMBO_TAG_BR ? "<br>" : "<hr>";
        return;
    }
    const bool layout = is_layout_tag(tag);
    const char* name = gumbo_normalized_tagname(tag);
    if (layout) body.html.append("<").append(name).append(">");
    for_each_child(node, [&](const GumboNode* child) {
        if (child->type == GUMBO_NODE_ELEMENT && is_boilerplate(child->v.element)) return;
        serialise(child, body, depth + 1);
    });
    if (layout) body.html.append("</").append(name).append(">");
    // Table cells and similar inline boxes would otherwise run their words together.
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) body.html += ' ';
}

}  // namespace

bool is_boilerplate(const GumboElement& element) {
    if (is_chrome_tag(element.tag)) return true;
    if (attribute(element, "hidden")) return true;
    if (const char* hidden = attribute(element, "aria-hidden");
        hidden && std::string_view(hidden) == "true")
        return true;
    if (const char* role = attribute(element, "role"))
        if (std::find(kChromeRoles.begin(), kChromeRoles.end(), std::string_view(role)) !=
            kChromeRoles.end())
            return true;
    // The page's outer elements often carry words like "has-cookie-banner": not chrome.
    if (element.tag == GUMBO_TAG_HTML || element.tag == GUMBO_TAG_BODY) return false;
    return has_chrome_word(attribute(element, "class")) ||
           has_chrome_word(attribute(element, "id"));
}

ArticleBody extract_article_body(const GumboNode* document) {
    ArticleBody body;
    serialise(content_root(document), body);
    return body;
}

}  // namespace dateline::indexer
