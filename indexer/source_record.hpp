// SourceRecord: one article as an input gave it, before validation — the contract's JSON shape
// (fields as found; "body" may be HTML) and where it came from. Readers of every format
// (JSON Lines, feeds, HTML pages) produce these; SourceSteps may rewrite them; then
// article_from_json validates them for the DocumentBuilder.
// Plain value types; thread-safe to copy.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/result.hpp"

namespace dateline::indexer {

// Where a record is in its input, for messages: "blog.xml:41: item 3 (guid ...)".
struct RecordLocation {
    std::size_t line = 0;  // 1-based line where the record starts; 0 when not known
    std::size_t item = 0;  // 1-based item or entry number in a feed; 0 for other inputs
    std::string item_id;   // the item's guid, id or link, when it has one
};

// "FILE:LINE", "FILE:LINE: item N (ID)", or "FILE" for a whole page or file.
std::string describe_location(const std::string& file, const RecordLocation& location);

enum class SourceKind { kJsonRecord, kFeedItem, kHtmlPage };

struct SourceRecord {
    SourceKind kind = SourceKind::kJsonRecord;
    RecordLocation location;
    // The contract-shaped fields, or why the record could not be read at all.
    Result<nlohmann::json, RecordError> fields = nlohmann::json::object();
    std::string raw_text;  // what --rejects keeps: the JSON line, the item's XML; may be empty
};

// Defaults for fields an archive may not carry (--source, --default-date): feeds and pages
// only, since a JSON record states the contract's fields itself.
struct ArchiveDefaults {
    std::optional<std::string> source;
    std::optional<std::string> date;  // RFC 3339, already validated
};

}  // namespace dateline::indexer
