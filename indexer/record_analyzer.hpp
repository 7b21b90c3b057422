// RecordAnalyzer: the work of one analysis thread — a raw input record (a JSON record, or a
// whole feed or page) becomes SourceRecords, passes the SourceSteps, is validated against the
// contract, has its language settled (article_language.hpp) and is built into a
// Xapian::Document; or becomes a rejection naming where it was.
// Not thread-safe: one analyzer per worker thread.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <xapian.h>

#include "document_builder.hpp"
#include "document_context.hpp"
#include "record_reader.hpp"
#include "source_record.hpp"
#include "source_step.hpp"

namespace dateline::indexer {

struct BuiltArticle {
    std::string id;
    Xapian::Document document;
};

struct AnalyzedRecord {
    RecordLocation location;
    std::variant<BuiltArticle, RecordError> outcome;
    std::string rejected_text;  // kept only for rejects
    std::vector<std::string> unknown_fields;
};

class RecordAnalyzer {
public:
    // default_language: for articles that give no language and whose language is not detected;
    // title_weight: the index's (see title_weight.hpp).
    RecordAnalyzer(const std::vector<SourceStepFactory>& steps, std::string default_language,
                   Xapian::termcount title_weight, bool positions = true);

    // Appends what `raw` holds: one record for JSON, one per item for a feed. Takes raw's text.
    // Never throws for a bad record, even on a bug: an exception while reading or building a
    // record rejects that record ("internal error while reading this record: ..."). Only
    // std::bad_alloc propagates.
    void analyze(RawRecord& raw, const DocumentContext& context, std::vector<AnalyzedRecord>& out);

private:
    // Steps, validation, building. Takes source.raw_text only when it returns.
    AnalyzedRecord finish(SourceRecord& source);

    DocumentBuilder builder_;
    std::vector<std::unique_ptr<SourceStep>> steps_;
    std::string default_language_;
};

// The rejection for a feed or page over RecordReader::kMaxDocumentBytes.
RecordError document_too_large(std::uint64_t bytes);

}  // namespace dateline::indexer
