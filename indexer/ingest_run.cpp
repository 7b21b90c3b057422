// The ingest pipeline: reader thread -> analysis workers (OrderedPool) -> writer (this thread).
#include "ingest_run.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <variant>

#include <filesystem>
#include <memory>

#include "default_language.hpp"
#include "document_context.hpp"
#include "index_directory.hpp"
#include "index_maintenance.hpp"
#include "index_writer.hpp"
#include "input_files.hpp"
#include "ordered_pool.hpp"
#include "progress_meter.hpp"
#include "record_analyzer.hpp"
#include "record_batch.hpp"
#include "record_reader.hpp"
#include "reject_log.hpp"
#include "shard_writer.hpp"
#include "stop_signal.hpp"
#include "story_assigner.hpp"
#include "title_weight.hpp"
#include "word_positions.hpp"

namespace dateline::indexer {
namespace {

struct AnalyzedBatch {
    std::size_t input = 0;
    std::vector<AnalyzedRecord> records;
    std::uint64_t bytes_consumed = 0;
    SpellingTally spelling;  // of the records built
};

class Ingest {
public:
    // opened: a reader for each input named on the command line (opened up front, so a
    // missing file fails the run before it starts); nullopt for files found in directories.
    // observer: told about each finished input (sync), or null.
    Ingest(const IngestOptions& options, IndexWriter& writer, std::vector<InputFile> inputs,
           std::vector<std::optional<RecordReader>> opened, RejectLog rejects, bool positions,
           IngestObserver* observer = nullptr)
        : options_(options),
          writer_(writer),
          inputs_(std::move(inputs)),
          opened_(std::move(opened)),
          read_errors_(inputs_.size()),
          rejects_(std::move(rejects)),
          observer_(observer),
          fresh_build_(writer_.article_count() == 0),
          positions_(positions),
          stories_(fresh_build_ ? nullptr : &writer_.database()) {}

    IngestSummary run();

private:
    void read_all(OrderedPool<RecordBatch, AnalyzedBatch>& pool);
    // False when the pool stopped taking batches.
    bool read_input(std::size_t input, RecordReader& reader, std::uint64_t finished_bytes,
                    OrderedPool<RecordBatch, AnalyzedBatch>& pool);
    DocumentContext context_of(std::size_t input) const;
    // False when the run must stop (strict mode met a bad record).
    bool write(AnalyzedBatch& batch);
    std::optional<std::uint64_t> total_bytes() const;
    // Tells the observer that every input before `input` is written.
    void report_inputs_before(std::size_t input);
    void finish(bool completed);
    // A fresh, lenient build from files, compacted at the end, writes half its articles
    // through a second writer (ShardWriter), merged in by that compaction.
    bool wants_shard() const;
    void start_shard();
    void write_article(BuiltArticle& built, std::vector<ShardArticle>& to_shard);
    void compact_fresh_build();
    void abandon_shard();

    const IngestOptions& options_;
    IndexWriter& writer_;
    std::vector<InputFile> inputs_;
    std::vector<std::optional<RecordReader>> opened_;
    std::vector<std::optional<std::string>> read_errors_;  // by input; the reader thread's
    RejectLog rejects_;
    IngestSummary summary_;
    std::vector<std::string> skipped_;  // the reader thread's until it is joined
    std::size_t uncommitted_ = 0;
    IngestObserver* observer_;
    std::size_t reported_ = 0;                 // inputs before this one were reported
    std::vector<std::string> ids_of_current_;  // upserted from input reported_
    const bool fresh_build_;                   // the index was empty when this run started
    const bool positions_;                     // whether the index keeps word positions
    std::unique_ptr<ShardWriter> shard_;
    // In input order, before an article goes to either writer: a copy finds its story
    // whichever writer took the story's first article.
    StoryAssigner stories_;
};

std::optional<std::uint64_t> Ingest::total_bytes() const {
    std::uint64_t total = 0;
    for (std::size_t input = 0; input < inputs_.size(); ++input) {
        if (opened_[input]) {
            if (!opened_[input]->total_bytes()) return std::nullopt;
            total += *opened_[input]->total_bytes();
            continue;
        }
        std::error_code error;
        const auto size = std::filesystem::file_size(inputs_[input].path, error);
        if (!error) total += size;
    }
    return total;
}

DocumentContext Ingest::context_of(std::size_t input) const {
    return {inputs_[input].name, inputs_[input].relative_path, options_.defaults};
}

bool Ingest::read_input(std::size_t input, RecordReader& reader, std::uint64_t finished_bytes,
                        OrderedPool<RecordBatch, AnalyzedBatch>& pool) {
    RecordBatch batch{input, {}, 0};
    const auto flush = [&] {
        batch.bytes_consumed = finished_bytes + reader.bytes_consumed();
        const bool accepted = pool.submit(std::move(batch));
        batch = RecordBatch{input, {}, 0};
        return accepted;
    };
    while (!StopSignal::requested()) {
        // Hand over what is read before waiting on a slow pipe, so it is indexed now.
        if (!batch.records.empty() && reader.needs_input() && !flush()) return false;
        auto record = reader.next();
        if (!record) break;
        batch.records.push_back(std::move(*record));
        if (batch.records.size() == kRecordsPerBatch && !flush()) return false;
    }
    if (!batch.records.empty() && !flush()) return false;
    read_errors_[input] = reader.read_error();
    return true;
}

void Ingest::read_all(OrderedPool<RecordBatch, AnalyzedBatch>& pool) {
    std::uint64_t finished_bytes = 0;
    for (std::size_t input = 0; input < inputs_.size() && !StopSignal::requested(); ++input) {
        std::optional<RecordReader> walked;
        if (!opened_[input]) {
            auto opened = RecordReader::open(inputs_[input].path, options_.format);
            if (!opened) {
                read_errors_[input] = opened.error();
                continue;
            }
            walked.emplace(std::move(*opened));
        }
        RecordReader& reader = walked ? *walked : *opened_[input];
        // In a directory, files that are no archive (images, stylesheets, notes) are expected.
        if (inputs_[input].from_walk && reader.format() == InputFormat::kAuto) {
            skipped_.push_back(inputs_[input].name);
            continue;
        }
        if (!read_input(input, reader, finished_bytes, pool)) return;
        finished_bytes += reader.bytes_consumed();
    }
    pool.close();
}

void Ingest::report_inputs_before(std::size_t input) {
    if (!observer_) return;
    // Batches arrive in input order, so every earlier input is complete. The reader thread set
    // read_errors_ before it submitted this batch (the pool's lock orders the two).
    for (; reported_ < input; ++reported_) {
        observer_->input_written(reported_,
                                 InputOutcome{std::move(ids_of_current_), read_errors_[reported_]});
        ids_of_current_.clear();
    }
}

bool Ingest::write(AnalyzedBatch& batch) {
    report_inputs_before(batch.input);
    const std::string& file = inputs_[batch.input].name;
    std::vector<ShardArticle> to_shard;
    if (!shard_) writer_.add_spelling(batch.spelling);
    for (AnalyzedRecord& record : batch.records) {
        ++summary_.read;
        for (const std::string& field : record.unknown_fields)
            rejects_.unknown_field(file, record.location.line, field);
        if (auto* error = std::get_if<RecordError>(&record.outcome)) {
            ++summary_.rejected;
            rejects_.reject(file, record.location, *error, record.rejected_text);
            if (options_.strict) return false;
            continue;
        }
        write_article(std::get<BuiltArticle>(record.outcome), to_shard);
    }
    // All spelling words go to one of the two writers: split, each writer's spelling table
    // would hold most words again (Xapian compresses every entry it rewrites, at a fixed cost
    // of a zlib reset each), and the merge would add them up. The shard's writer takes them:
    // the index's writer also compacts at the end.
    if (shard_) shard_->write(std::move(to_shard), std::move(batch.spelling));
    summary_.bytes = batch.bytes_consumed;
    return true;
}

void Ingest::write_article(BuiltArticle& built, std::vector<ShardArticle>& to_shard) {
    if (observer_) ids_of_current_.push_back(built.id);
    if (stories_.assign(built.id, built.document) != built.id) ++summary_.copies;
    if (shard_ && shard_of(built.id, 2) == 1) {
        to_shard.push_back({std::move(built.id), std::move(built.document)});
        return;  // counted when the shard finishes
    }
    const UpsertOutcome outcome = writer_.upsert(built.id, built.document);
    ++(outcome == UpsertOutcome::kAdded ? summary_.added : summary_.replaced);
    if (!options_.strict && ++uncommitted_ >= options_.commit_every) {
        writer_.commit_batch();
        uncommitted_ = 0;
    }
}

bool Ingest::wants_shard() const {
    // Not for a pipe (its size unknown): what arrives there is committed as it comes, and a
    // shard's articles are only seen once merged.
    return fresh_build_ && options_.compact_fresh_build && !options_.strict && !observer_ &&
           std::thread::hardware_concurrency() > 1 && total_bytes().has_value();
}

void Ingest::start_shard() {
    const auto target = index_path(options_.database);
    remove_stale_staging(target, "shard");  // left by a killed run
    if (!wants_shard()) return;
    const auto path = staging_path(target, "shard");
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
    // Without a shard the build is slower, not wrong.
    if (auto shard = ShardWriter::start(path.string(), options_.commit_every))
        shard_ = std::move(*shard);
}

IngestSummary Ingest::run() {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t spare_cores = std::max(2u, std::thread::hardware_concurrency()) - 1;
    const std::size_t workers = options_.threads ? options_.threads : spare_cores;
    const std::string default_language =
        settle_default_language(writer_, options_.default_language).language;
    const Xapian::termcount title_weight = settle_title_weight(writer_);
    std::vector<std::unique_ptr<RecordAnalyzer>> analyzers;
    for (std::size_t i = 0; i < workers; ++i)
        analyzers.push_back(std::make_unique<RecordAnalyzer>(options_.steps, default_language,
                                                             title_weight, positions_));
    ProgressMeter progress(options_.show_progress, total_bytes());

    if (options_.strict) writer_.begin_transaction();
    start_shard();
    // Stop signals go to the reader thread alone, so they interrupt a read blocked on a pipe.
    StopSignal::block_in_this_thread();
    bool completed = true;
    {
        OrderedPool<RecordBatch, AnalyzedBatch> pool(
            workers, workers * 4, [&](std::size_t worker, RecordBatch& batch) {
                AnalyzedBatch analyzed{batch.input, {}, batch.bytes_consumed, {}};
                analyzed.records.reserve(batch.records.size());
                const DocumentContext context = context_of(batch.input);
                for (RawRecord& raw : batch.records)
                    analyzers[worker]->analyze(raw, context, analyzed.records);
                for (const AnalyzedRecord& record : analyzed.records)
                    if (const auto* built = std::get_if<BuiltArticle>(&record.outcome))
                        analyzed.spelling.add(built->document);
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
            abandon_shard();
            throw;
        }
        reader.join();
    }
    StopSignal::deliver_to_this_thread();
    // An interrupted run may have left its last inputs half read: those are not reported.
    if (completed && !StopSignal::requested()) report_inputs_before(inputs_.size());
    progress.finish();
    rejects_.finish();

    finish(completed);
    summary_.stopped_by_strict = options_.strict && !completed;
    for (const auto& error : read_errors_)
        if (error && !summary_.input_error) summary_.input_error = *error;
    summary_.skipped_files = std::move(skipped_);
    summary_.interrupted = StopSignal::requested();
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary_;
}

void Ingest::finish(bool completed) {
    if (options_.strict && !completed) {
        writer_.cancel_transaction();
        summary_.added = summary_.replaced = 0;
    } else {
        if (observer_) observer_->before_final_commit(writer_);
        if (options_.strict)
            writer_.commit_transaction();
        else
            writer_.commit();
    }
    if (shard_) {
        try {
            const ShardCounts counts = shard_->finish();
            summary_.added += counts.added;
            summary_.replaced += counts.replaced;
        } catch (...) {
            abandon_shard();
            throw;
        }
    }
    summary_.articles = writer_.article_count();
    // A fresh build is compacted: half the size on disk and faster to search, for about a
    // tenth of the build time. Incremental adds skip it (compacting a big index is not cheap).
    // A shard is merged in even when the run was interrupted: its articles were read.
    if (shard_ || (fresh_build_ && options_.compact_fresh_build && summary_.articles > 0 &&
                   !StopSignal::requested()))
        compact_fresh_build();
}

void Ingest::compact_fresh_build() {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::string> shards;
    if (shard_) shards.push_back(shard_->path());
    auto compacted = compact_locked(writer_, options_.database, shards);
    shard_.reset();
    if (!compacted) throw std::runtime_error(compacted.error());
    summary_.compaction = CompactionFigures{
        compacted->bytes_before, compacted->bytes_after,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
    if (!shards.empty())
        summary_.articles = Xapian::Database(index_path(options_.database).string()).get_doccount();
}

void Ingest::abandon_shard() {
    if (!shard_) return;
    const std::string path = shard_->path();
    shard_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

}  // namespace

Result<IngestSummary, std::string> run_ingest(const IngestOptions& options) {
    auto inputs = list_inputs(options.inputs);
    if (!inputs) return Unexpected(inputs.error());
    std::vector<std::optional<RecordReader>> opened;
    for (const InputFile& input : *inputs) {
        opened.emplace_back();
        if (input.from_walk) continue;
        auto reader = RecordReader::open(input.path, options.format);
        if (!reader) return Unexpected(reader.error());
        opened.back().emplace(std::move(*reader));
    }
    auto rejects = RejectLog::open(options.rejects_path, options.quiet);
    if (!rejects) return Unexpected(rejects.error());
    auto writer = IndexWriter::open(options.database);
    if (!writer) return Unexpected(writer.error());
    auto positions = settle_positions(*writer, options.positions, options.database);
    if (!positions) return Unexpected(positions.error());
    Ingest ingest(options, *writer, std::move(*inputs), std::move(opened), std::move(*rejects),
                  *positions);
    return ingest.run();
}

Result<IngestSummary, std::string> run_ingest_into(const IngestOptions& options,
                                                   IndexWriter& writer,
                                                   std::vector<InputFile> inputs,
                                                   IngestObserver& observer) {
    auto rejects = RejectLog::open(options.rejects_path, options.quiet);
    if (!rejects) return Unexpected(rejects.error());
    std::vector<std::optional<RecordReader>> opened(inputs.size());  // each in its turn
    auto positions = settle_positions(writer, options.positions, options.database);
    if (!positions) return Unexpected(positions.error());
    Ingest ingest(options, writer, std::move(inputs), std::move(opened), std::move(*rejects),
                  *positions, &observer);
    return ingest.run();
}

}  // namespace dateline::indexer
