// Reading one HTML article page with gumbo: metadata from JSON-LD, OpenGraph and article:*
// meta tags, <link rel=canonical>, <time datetime> and <html lang>; text from the page's
// article element without its chrome (article_body). A page without a title or date (and no
// default for it) is a rejected record that says what was looked for.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "document_context.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

// `html` is UTF-8 (see charset_decoder).
SourceRecord read_html_page(std::string_view html, const DocumentContext& context);

}  // namespace dateline::indexer
