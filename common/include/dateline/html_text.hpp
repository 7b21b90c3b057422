// Markup to plain text for article fields that may carry HTML (body, summary, title).
// Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// True when the text holds real HTML markup (a known element, a closing tag, a comment)
// or character references. Wire-service text such as "said <Acme Corp>" is not HTML.
bool looks_like_html(std::string_view text);

// Plain text with tags stripped (script/style content dropped), entities decoded, block
// elements separated by line breaks. Text that does not look like HTML comes back unchanged.
std::string html_to_text(std::string_view text);

}  // namespace dateline
