// A cheap bound on how deeply HTML nests, checked before gumbo parses it: gumbo's tree
// building costs time quadratic in nesting depth (a 100,000-deep page takes minutes), while
// real articles nest a few dozen levels. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace dateline::indexer {

// Far beyond any real page; gumbo builds a tree this deep in well under a second.
inline constexpr std::size_t kMaxMarkupDepth = 5000;

// True when open tags outnumber close tags by more than max_depth at some point. Void
// elements, self-closing tags and elements whose end tag may be omitted (p, li, td, ...) are
// not counted, so sloppy HTML does not look deep; comments and declarations are skipped.
bool markup_nests_deeper_than(std::string_view html, std::size_t max_depth = kMaxMarkupDepth);

}  // namespace dateline::indexer
