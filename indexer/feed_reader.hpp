// Reading RSS 2.0 (and RSS 1.0) and Atom feeds with pugixml: each item or entry becomes a
// SourceRecord; the channel or feed supplies the source, language and base URL. An item that
// cannot be read is a rejected record that names the item; the other items still count.
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "document_context.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

// `xml` is UTF-8 (see charset_decoder). Broken XML yields one failed record for the file.
std::vector<SourceRecord> read_feed(std::string_view xml, const DocumentContext& context);

}  // namespace dateline::indexer
