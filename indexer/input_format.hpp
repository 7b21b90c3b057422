// InputFormat: what an input holds — JSON Lines, a JSON array, a feed (RSS or Atom) or an HTML
// page — named on the command line (--format) or sniffed from the first bytes, never from the
// file name alone. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline::indexer {

enum class InputFormat { kAuto, kJsonLines, kJsonArray, kFeed, kHtml };

// "auto", "jsonl", "json", "rss", "atom", "feed", "html"; nullopt for anything else.
std::optional<InputFormat> format_from_name(std::string_view name);

// For markup (text starting with '<'): a feed when the first element is <rss>, <rdf:RDF> or
// <feed>; HTML when there is an HTML doctype or the first element is an HTML element; nullopt
// otherwise (an SVG image, a sitemap, something that is not markup).
std::optional<InputFormat> sniff_markup(std::string_view head);

}  // namespace dateline::indexer
