// Raw records to documents, on an analysis thread.
#include "record_analyzer.hpp"

#include <exception>
#include <new>

#include "article_language.hpp"
#include "dateline/article_json.hpp"
#include "document_reader.hpp"

namespace dateline::indexer {
namespace {

// The analysis threads' safety net, around the work on each record. Expected failures are
// values (RecordError); an exception is a bug in a reader or step (std::out_of_range from a
// string function, say) or an unexpected library error. Escaping the worker thread it would
// abort the whole run and lose every good record around it; caught here, it rejects this
// record alone (reject log, exit status 3) and the run goes on. Out of memory is not a
// record's fault, and the run cannot go on sanely: it propagates.
template <class Work>
void reject_on_exception(SourceRecord& source, std::vector<AnalyzedRecord>& out, Work&& work) {
    try {
        work();
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& error) {
        out.push_back({source.location,
                       RecordError{"record", std::string("internal error while reading this "
                                                         "record: ") +
                                                 error.what()},
                       std::move(source.raw_text),
                       {}});
    }
}

}  // namespace

RecordError document_too_large(std::uint64_t bytes) {
    return {"file", "larger than the " +
                        std::to_string(RecordReader::kMaxDocumentBytes / (1024 * 1024)) +
                        " MiB limit for a feed or page (" + std::to_string(bytes) +
                        " bytes); not read further"};
}

RecordAnalyzer::RecordAnalyzer(const std::vector<SourceStepFactory>& steps,
                               std::string default_language, Xapian::termcount title_weight,
                               bool positions)
    : builder_(title_weight, positions), default_language_(std::move(default_language)) {
    for (const SourceStepFactory& make : steps) steps_.push_back(make());
}

void RecordAnalyzer::analyze(RawRecord& raw, const DocumentContext& context,
                             std::vector<AnalyzedRecord>& out) {
    const bool json =
        raw.format == InputFormat::kJsonLines || raw.format == InputFormat::kJsonArray;
    if (json) {
        SourceRecord source;
        source.location.line = raw.line;
        source.raw_text = std::move(raw.text);
        reject_on_exception(source, out, [&] {
            source.fields = raw.oversized ? Unexpected(record_too_large(raw.bytes))
                                          : parse_record_json(source.raw_text);
            out.push_back(finish(source));
        });
        return;
    }
    SourceRecord whole;  // the feed or page, while it is read (location: the file)
    whole.kind = SourceKind::kHtmlPage;
    if (raw.oversized) {
        whole.fields = Unexpected(document_too_large(raw.bytes));
        reject_on_exception(whole, out, [&] { out.push_back(finish(whole)); });
        return;
    }
    std::vector<SourceRecord> sources;
    reject_on_exception(whole, out,
                        [&] { sources = read_document(raw.text, raw.format, context); });
    for (SourceRecord& source : sources)
        reject_on_exception(source, out, [&] { out.push_back(finish(source)); });
}

AnalyzedRecord RecordAnalyzer::finish(SourceRecord& source) {
    AnalyzedRecord result{source.location, RecordError{}, {}, {}};
    for (auto& step : steps_)
        if (source.fields) step->apply(source);
    if (!source.fields) {
        result.outcome = source.fields.error();
        result.rejected_text = std::move(source.raw_text);
        return result;
    }
    auto parsed = article_from_json(*source.fields);
    if (parsed) {
        try {
            result.unknown_fields = std::move(parsed->unknown_fields);
            resolve_article_language(parsed->article, default_language_);
            result.outcome = BuiltArticle{parsed->article.id, builder_.build(parsed->article)};
            return result;
        } catch (const Xapian::Error& error) {
            parsed =
                Unexpected(RecordError{"record", "cannot be indexed: " + error.get_description()});
        }
    }
    result.outcome = parsed.error();
    // A feed item or page has no record text of its own: keep the fields as they were read.
    result.rejected_text =
        source.raw_text.empty()
            ? source.fields->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            : std::move(source.raw_text);
    return result;
}

}  // namespace dateline::indexer
