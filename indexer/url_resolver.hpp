// Resolving a relative link (a feed item's link, a page's canonical URL) against a base URL,
// as RFC 3986 section 5 says. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline::indexer {

// True for "scheme:..." references (RFC 3986 3.1).
bool has_scheme(std::string_view reference);

// `reference` resolved against `base`: absolute references come back unchanged (with dot
// segments removed), "" and relative ones are merged with the base. An empty or relative base
// leaves the reference as given: there is nothing to resolve against.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace dateline::indexer
