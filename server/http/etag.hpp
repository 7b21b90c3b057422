// Entity tags tied to the index version: a response to the same target at the same revision
// is the same resource state, so a client's If-None-Match can be answered 304 without a search
// being redone, and any commit to the index changes every tag. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dateline::server {

// W/"<index version>-<FNV-1a 64 of the target, hex>": weak, because took_ms may differ. The
// index version changes with every commit and with every compaction.
std::string make_etag(std::uint64_t index_version, std::string_view target);

// "\"<FNV-1a 64 of the bytes, hex>\"": strong, for fixed content such as a static asset; each
// representation (identity, gzip) has its own bytes and so its own tag, as RFC 9110 requires.
std::string make_content_etag(std::string_view content);

// True when an If-None-Match value ("*" or a list of tags) matches the tag under the weak
// comparison RFC 9110 prescribes for If-None-Match.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace dateline::server
