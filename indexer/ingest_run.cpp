// The ingest pipeline: reader thread -> analysis workers (OrderedPool) -> writer (this thread).
#include "ingest_run.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <variant>

#include "dateline/article_json.hpp"
#include "document_builder.hpp"
#include "index_maintenance.hpp"
#include "index_writer.hpp"
#include "ordered_pool.hpp"
#include "progress_meter.hpp"
#include "record_reader.hpp"
#include "reject_log.hpp"
#include "stop_signal.hpp"

namespace dateline::indexer {
namespace {

constexpr std::size_t kRecordsPerBatch = 64;

struct RecordBatch {
    std::size_t input = 0;
    std::vector<RawRecord> records;
    std::uint64_t bytes_consumed = 0;  // across all inputs, when this batch was cut
};

struct BuiltArticle {
    std::string id;
    Xapian::Document document;
};

struct AnalyzedRecord {
    std::size_t line = 0;
    std::variant<BuiltArticle, RecordError> outcome;
    std::string rejected_text;  // kept only for rejects
    std::vector<std::string> unknown_fields;
};

struct AnalyzedBatch {
    std::size_t input = 0;
    std::vector<AnalyzedRecord> records;
    std::uint64_t bytes_consumed = 0;
};

AnalyzedRecord analyze(DocumentBuilder& builder, RawRecord& raw) {
    AnalyzedRecord result{raw.line, RecordError{}, {}, {}};
    if (raw.oversized) {
        result.outcome = record_too_large(raw.bytes);
        result.rejected_text = std::move(raw.text);
        return result;
    }
    auto parsed = parse_article(raw.text);
    if (parsed) {
        try {
            result.unknown_fields = std::move(parsed->unknown_fields);
            result.outcome = BuiltArticle{parsed->article.id, builder.build(parsed->article)};
            return result;
        } catch (const Xapian::Error& error) {
            parsed =
                Unexpected(RecordError{"record", "cannot be indexed: " + error.get_description()});
        }
    }
    result.outcome = parsed.error();
    result.rejected_text = std::move(raw.text);
    return result;
}

class Ingest {
public:
    Ingest(const IngestOptions& options, IndexWriter writer, std::vector<RecordReader> readers,
           RejectLog rejects)
        : options_(options),
          writer_(std::move(writer)),
          readers_(std::move(readers)),
          rejects_(std::move(rejects)),
          fresh_build_(writer_.article_count() == 0) {}

    IngestSummary run();

private:
    void read_all(OrderedPool<RecordBatch, AnalyzedBatch>& pool);
    // False when the run must stop (strict mode met a bad record).
    bool write(AnalyzedBatch& batch);
    std::optional<std::uint64_t> total_bytes() const;
    void finish(bool completed);

    const IngestOptions& options_;
    IndexWriter writer_;
    std::vector<RecordReader> readers_;
    RejectLog rejects_;
    IngestSummary summary_;
    std::size_t uncommitted_ = 0;
    const bool fresh_build_;  // the index was empty when this run started
};

std::optional<std::uint64_t> Ingest::total_bytes() const {
    std::uint64_t total = 0;
    for (const auto& reader : readers_) {
        if (!reader.total_bytes()) return std::nullopt;
        total += *reader.total_bytes();
    }
    return total;
}

void Ingest::read_all(OrderedPool<RecordBatch, AnalyzedBatch>& pool) {
    std::uint64_t finished_bytes = 0;
    for (std::size_t input = 0; input < readers_.size(); ++input) {
        RecordReader& reader = readers_[input];
        RecordBatch batch{input, {}, 0};
        const auto flush = [&] {
            batch.bytes_consumed = finished_bytes + reader.bytes_consumed();
            const bool accepted = pool.submit(std::move(batch));
            batch = RecordBatch{input, {}, 0};
            return accepted;
        };
        while (!StopSignal::requested()) {
            // Hand over what is read before waiting on a slow pipe, so it is indexed now.
            if (!batch.records.empty() && reader.needs_input() && !flush()) return;
            auto record = reader.next();
            if (!record) break;
            batch.records.push_back(std::move(*record));
            if (batch.records.size() == kRecordsPerBatch && !flush()) return;
        }
        if (!batch.records.empty() && !flush()) return;
        finished_bytes += reader.bytes_consumed();
        if (StopSignal::requested()) break;
    }
    pool.close();
}

bool Ingest::write(AnalyzedBatch& batch) {
    const std::string& file = readers_[batch.input].name();
    for (AnalyzedRecord& record : batch.records) {
        ++summary_.read;
        for (const std::string& field : record.unknown_fields)
            rejects_.unknown_field(file, record.line, field);
        if (auto* error = std::get_if<RecordError>(&record.outcome)) {
            ++summary_.rejected;
            rejects_.reject(file, record.line, *error, record.rejected_text);
            if (options_.strict) return false;
            continue;
        }
        auto& built = std::get<BuiltArticle>(record.outcome);
        const UpsertOutcome outcome = writer_.upsert(built.id, built.document);
        ++(outcome == UpsertOutcome::kAdded ? summary_.added : summary_.replaced);
        if (!options_.strict && ++uncommitted_ >= options_.commit_every) {
            writer_.commit();
            uncommitted_ = 0;
        }
    }
    summary_.bytes = batch.bytes_consumed;
    return true;
}

IngestSummary Ingest::run() {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t spare_cores = std::max(2u, std::thread::hardware_concurrency()) - 1;
    const std::size_t workers = options_.threads ? options_.threads : spare_cores;
    std::vector<DocumentBuilder> builders(workers);
    ProgressMeter progress(options_.show_progress, total_bytes());

    if (options_.strict) writer_.begin_transaction();
    // Stop signals go to the reader thread alone, so they interrupt a read blocked on a pipe.
    StopSignal::block_in_this_thread();
    bool completed = true;
    {
        OrderedPool<RecordBatch, AnalyzedBatch> pool(
            workers, workers * 4, [&](std::size_t worker, RecordBatch& batch) {
                AnalyzedBatch analyzed{batch.input, {}, batch.bytes_consumed};
                analyzed.records.reserve(batch.records.size());
                for (RawRecord& raw : batch.records)
                    analyzed.records.push_back(analyze(builders[worker], raw));
                return analyzed;
            });
        std::thread reader([&] {
            StopSignal::deliver_to_this_thread();
            read_all(pool);
        });
        try {
            while (auto batch = pool.next()) {
                if (!write(*batch)) {
                    completed = false;
                    pool.cancel();
                    break;
                }
                progress.update(summary_.read, summary_.bytes);
            }
        } catch (...) {
            // A write failed (disk full, database error): stop the reader before unwinding.
            pool.cancel();
            reader.join();
            throw;
        }
        reader.join();
    }
    StopSignal::deliver_to_this_thread();
    progress.finish();
    rejects_.finish();

    finish(completed);
    summary_.stopped_by_strict = options_.strict && !completed;
    for (const auto& reader : readers_)
        if (reader.read_error() && !summary_.input_error)
            summary_.input_error = *reader.read_error();
    summary_.interrupted = StopSignal::requested();
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary_;
}

void Ingest::finish(bool completed) {
    if (options_.strict && !completed) {
        writer_.cancel_transaction();
        summary_.added = summary_.replaced = 0;
    } else if (options_.strict) {
        writer_.commit_transaction();
    } else {
        writer_.commit();
    }
    summary_.articles = writer_.article_count();
    // A fresh build is compacted: half the size on disk and faster to search, for about a
    // tenth of the build time. Incremental adds skip it (compacting a big index is not cheap).
    if (fresh_build_ && options_.compact_fresh_build && summary_.articles > 0 &&
        !StopSignal::requested()) {
        auto compacted = compact_locked(writer_, options_.database);
        if (!compacted) throw std::runtime_error(compacted.error());
    }
}

}  // namespace

Result<IngestSummary, std::string> run_ingest(const IngestOptions& options) {
    std::vector<RecordReader> readers;
    for (const std::string& input : options.inputs) {
        auto reader = RecordReader::open(input);
        if (!reader) return Unexpected(reader.error());
        readers.push_back(std::move(*reader));
    }
    auto rejects = RejectLog::open(options.rejects_path, options.quiet);
    if (!rejects) return Unexpected(rejects.error());
    auto writer = IndexWriter::open(options.database);
    if (!writer) return Unexpected(writer.error());
    Ingest ingest(options, std::move(*writer), std::move(readers), std::move(*rejects));
    return ingest.run();
}

}  // namespace dateline::indexer
