// Turning the bytes of a feed or page into UTF-8: a byte order mark wins, then the charset the
// document declares (XML prolog; for HTML also <meta charset> and http-equiv), then UTF-8 when
// the bytes are valid UTF-8, then ICU's detector for multi-byte East Asian charsets, and
// Windows-1252 for everything else. ICU does the conversion.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dateline/result.hpp"

namespace dateline::indexer {

enum class MarkupKind { kXml, kHtml };

struct DecodedDocument {
    std::string utf8;
    std::string charset;    // what was decoded, as ICU names it ("UTF-8", "windows-1252")
    bool fallback = false;  // undeclared and not UTF-8: the Windows-1252 fallback was used
};

// The charset a document declares in its first bytes, or nullopt.
std::optional<std::string> declared_charset(std::string_view bytes, MarkupKind kind);

// Fails only for a declared charset ICU does not know; bytes that do not fit the charset
// become U+FFFD rather than losing the document.
Result<DecodedDocument, std::string> decode_to_utf8(std::string_view bytes, MarkupKind kind);

}  // namespace dateline::indexer
