// Reading a whole-file input — a feed or an HTML page — into SourceRecords: decode the bytes to
// UTF-8 (charset_decoder), settle the format (the one asked for, else sniffed), and hand over to
// the feed or page reader. Problems with the file as a whole (unknown charset, not a feed or a
// page, broken XML) come back as one failed record with the field "file".
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "document_context.hpp"
#include "input_format.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

// format: kFeed, kHtml, or kAuto to sniff.
std::vector<SourceRecord> read_document(std::string_view bytes, InputFormat format,
                                        const DocumentContext& context);

}  // namespace dateline::indexer
