// Counting lines over all inputs: a reader thread, analysis workers, the counter on this thread.
#include "repeated_line_survey.hpp"

#include <algorithm>
#include <exception>
#include <new>
#include <thread>

#include "dateline/article_json.hpp"
#include "dateline/html_text.hpp"
#include "document_context.hpp"
#include "document_reader.hpp"
#include "input_files.hpp"
#include "ordered_pool.hpp"
#include "record_batch.hpp"
#include "record_reader.hpp"
#include "stop_signal.hpp"

namespace dateline::indexer {
namespace {

struct ArticleLines {
    std::string source;
    std::vector<std::uint64_t> fingerprints;
};

// The records a raw record holds, as the indexing pass reads them (record_analyzer).
std::vector<SourceRecord> source_records(RawRecord& raw, const DocumentContext& context) {
    if (raw.oversized) return {};
    if (raw.format == InputFormat::kJsonLines || raw.format == InputFormat::kJsonArray) {
        SourceRecord record;
        record.fields = parse_record_json(raw.text);
        std::vector<SourceRecord> records;
        records.push_back(std::move(record));
        return records;
    }
    return read_document(raw.text, raw.format, context);
}

// As the cleaner will see the body: lines of HTML, paragraphs of plain text.
std::vector<std::uint64_t> chrome_candidates_of(const std::string& source,
                                                const std::string& body) {
    if (looks_like_html(body))
        return chrome_candidates(source, html_to_text(body), BodyUnit::kLine);
    return chrome_candidates(source, body);
}

void count_lines(RawRecord& raw, const DocumentContext& context, std::vector<ArticleLines>& out) {
    for (const SourceRecord& record : source_records(raw, context)) {
        if (!record.fields || !record.fields->is_object()) continue;
        const auto source = record.fields->find("source");
        const auto body = record.fields->find("body");
        if (source == record.fields->end() || !source->is_string() ||
            body == record.fields->end() || !body->is_string())
            continue;
        const std::string& name = source->get_ref<const std::string&>();
        out.push_back({name, chrome_candidates_of(name, body->get_ref<const std::string&>())});
    }
}

// The survey's safety net: a reader bug on one record (an exception) must not end the run
// here, before the indexing pass has rejected that record and indexed its neighbours (see
// RecordAnalyzer::analyze). Out of memory is not survivable, so it propagates.
void count_lines_safely(RawRecord& raw, const DocumentContext& context,
                        std::vector<ArticleLines>& out) {
    try {
        count_lines(raw, context, out);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        // Passed over: the indexing pass meets the same record and rejects it, saying why.
    }
}

class Survey {
public:
    explicit Survey(const SurveyOptions& options)
        : options_(options), counter_(options.thresholds) {}

    LearntLines run();

private:
    void read_all(OrderedPool<RecordBatch, std::vector<ArticleLines>>& pool);
    bool read_input(std::size_t input, RecordReader& reader,
                    OrderedPool<RecordBatch, std::vector<ArticleLines>>& pool);

    const SurveyOptions& options_;
    RepeatedLineCounter counter_;
};

bool Survey::read_input(std::size_t input, RecordReader& reader,
                        OrderedPool<RecordBatch, std::vector<ArticleLines>>& pool) {
    RecordBatch batch{input, {}, 0};
    while (!StopSignal::requested()) {
        auto record = reader.next();
        if (!record) break;
        batch.records.push_back(std::move(*record));
        if (batch.records.size() < kRecordsPerBatch) continue;
        if (!pool.submit(std::move(batch))) return false;
        batch = RecordBatch{input, {}, 0};
    }
    return batch.records.empty() || pool.submit(std::move(batch));
}

void Survey::read_all(OrderedPool<RecordBatch, std::vector<ArticleLines>>& pool) {
    for (std::size_t input = 0; input < options_.inputs.size() && !StopSignal::requested();
         ++input) {
        auto reader = RecordReader::open(options_.inputs[input].path, options_.format);
        if (!reader) continue;
        if (options_.inputs[input].from_walk && reader->format() == InputFormat::kAuto) continue;
        if (!read_input(input, *reader, pool)) return;
    }
    pool.close();
}

LearntLines Survey::run() {
    const std::size_t spare_cores = std::max(2u, std::thread::hardware_concurrency()) - 1;
    const std::size_t workers = options_.threads ? options_.threads : spare_cores;
    OrderedPool<RecordBatch, std::vector<ArticleLines>> pool(
        workers, workers * 4, [&](std::size_t, RecordBatch& batch) {
            const InputFile& file = options_.inputs[batch.input];
            const DocumentContext context{file.name, file.relative_path, options_.defaults};
            std::vector<ArticleLines> lines;
            for (RawRecord& raw : batch.records) count_lines_safely(raw, context, lines);
            return lines;
        });
    std::thread reader([&] { read_all(pool); });
    while (auto lines = pool.next())
        for (const ArticleLines& article : *lines)
            counter_.add_article(article.source, article.fingerprints);
    reader.join();
    return counter_.learnt();
}

}  // namespace

bool inputs_can_be_reread(const std::vector<std::string>& inputs) {
    return std::none_of(inputs.begin(), inputs.end(),
                        [](const std::string& input) { return input == "-"; });
}

LearntLines survey_repeated_lines(const SurveyOptions& options) {
    Survey survey(options);
    return survey.run();
}

}  // namespace dateline::indexer
