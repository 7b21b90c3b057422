// Finding an HTML page's article text and leaving out its chrome: the <article> with the most
// text, else <main>, else the element holding the most paragraph text; within it, navigation,
// headers and footers, asides, forms, scripts, and elements whose class or id says share,
// social, subscribe, newsletter, comment, related, promo, advert, cookie (and kin) are dropped.
// Pure functions over a parsed gumbo tree; thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include <gumbo.h>

namespace dateline::indexer {

struct ArticleBody {
    // Minimal HTML: block elements and escaped text only, so html_to_text gives paragraphs.
    std::string html;
    std::size_t text_bytes = 0;  // of visible text, without white space
};

ArticleBody extract_article_body(const GumboNode* document);

// True for an element that is page chrome rather than article text (exposed for tests).
bool is_boilerplate(const GumboElement& element);

}  // namespace dateline::indexer
