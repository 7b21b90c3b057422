// HTML escaping for the *_highlighted and snippet fields: every byte of article text goes
// through here, so the only live markup in them is the <mark> the snippet builder adds.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline::server {

// Appends text with & < > " ' replaced by entities (safe in element content and attributes).
void append_html_escaped(std::string& out, std::string_view text);

std::string html_escaped(std::string_view text);

}  // namespace dateline::server
