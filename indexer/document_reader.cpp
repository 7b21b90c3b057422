// Whole-file inputs: charset, format, then the feed or page reader.
#include "document_reader.hpp"

#include "charset_decoder.hpp"
#include "feed_reader.hpp"
#include "html_page_reader.hpp"

namespace dateline::indexer {
namespace {

constexpr std::size_t kSniffBytes = 4096;

std::vector<SourceRecord> failed(SourceKind kind, std::string reason) {
    SourceRecord record;
    record.kind = kind;
    record.fields = Unexpected(RecordError{"file", std::move(reason)});
    return {std::move(record)};
}

}  // namespace

std::vector<SourceRecord> read_document(std::string_view bytes, InputFormat format,
                                        const DocumentContext& context) {
    if (format == InputFormat::kAuto)
        format = sniff_markup(bytes.substr(0, kSniffBytes)).value_or(InputFormat::kAuto);
    const MarkupKind markup = format == InputFormat::kFeed ? MarkupKind::kXml : MarkupKind::kHtml;
    const SourceKind kind =
        format == InputFormat::kFeed ? SourceKind::kFeedItem : SourceKind::kHtmlPage;
    auto decoded = decode_to_utf8(bytes, markup);
    if (!decoded) return failed(kind, decoded.error());
    // A UTF-16 document can only be sniffed once decoded.
    if (format == InputFormat::kAuto)
        format = sniff_markup(std::string_view(decoded->utf8).substr(0, kSniffBytes))
                     .value_or(InputFormat::kAuto);
    if (format == InputFormat::kFeed) return read_feed(decoded->utf8, context);
    if (format == InputFormat::kHtml) return {read_html_page(decoded->utf8, context)};
    return failed(kind,
                  "neither a feed (<rss>, <rdf:RDF>, <feed>) nor an HTML page; use --format to "
                  "say which it is");
}

}  // namespace dateline::indexer
