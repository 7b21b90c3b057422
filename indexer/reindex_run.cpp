// The reindex command: stored articles -> documents as this release builds them, in a staging
// copy beside the index that is then swapped in. Pipeline: reader thread (the old index) ->
// analysis workers (OrderedPool) -> the new index's writer (this thread).
#include "reindex_run.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "article_language.hpp"
#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "default_language.hpp"
#include "document_builder.hpp"
#include "index_directory.hpp"
#include "index_maintenance.hpp"
#include "index_writer.hpp"
#include "ordered_pool.hpp"
#include "stop_signal.hpp"
#include "story_assigner.hpp"
#include "title_weight.hpp"
#include "word_positions.hpp"

namespace dateline::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kArticlesPerBatch = 64;

struct StoredArticle {
    Xapian::docid docid = 0;
    std::string data;  // the article's stored JSON
};
using StoredBatch = std::vector<StoredArticle>;

struct RebuiltArticle {
    std::string id;
    Xapian::Document document;
};

struct RebuiltBatch {
    std::vector<RebuiltArticle> articles;  // those before the first failure
    std::optional<std::string> error;      // why a document could not be rebuilt
    SpellingTally spelling;                // of `articles`
};

// One analysis thread's work: stored articles back into documents, built as `add` builds them.
class ArticleRebuilder {
public:
    ArticleRebuilder(std::string default_language, Xapian::termcount title_weight, bool positions)
        : builder_(title_weight, positions), default_language_(std::move(default_language)) {}

    // Never throws: the worker thread has no one to throw to.
    RebuiltBatch rebuild(const StoredBatch& batch) {
        RebuiltBatch out;
        for (const StoredArticle& stored : batch) {
            auto rebuilt = rebuild_guarded(stored.data);
            if (!rebuilt) {
                out.error = "document " + std::to_string(stored.docid) + ": " + rebuilt.error();
                break;
            }
            out.spelling.add(rebuilt->document);
            out.articles.push_back(std::move(*rebuilt));
        }
        return out;
    }

private:
    Result<RebuiltArticle, std::string> rebuild_guarded(const std::string& data) {
        try {
            return rebuild_one(data);
        } catch (const Xapian::Error& error) {
            return Unexpected("cannot be indexed: " + error.get_description());
        } catch (const std::exception& error) {
            return Unexpected(std::string("cannot be indexed: ") + error.what());
        }
    }

    Result<RebuiltArticle, std::string> rebuild_one(const std::string& data) {
        const auto stored = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
        if (stored.is_discarded()) return Unexpected(std::string("the stored article is no JSON"));
        auto article = article_from_stored_json(stored);
        if (!article)
            return Unexpected("the stored article cannot be read: " + article.error().field + ": " +
                              article.error().reason);
        resolve_article_language(*article, default_language_);
        return RebuiltArticle{article->id, builder_.build(*article)};
    }

    DocumentBuilder builder_;
    std::string default_language_;
};

using RebuildPool = OrderedPool<StoredBatch, RebuiltBatch>;

// Every document, oldest article first. Why: the rebuilt index finds its stories again in
// this order, so a story is named by its earliest article whatever order the old index had
// (a fresh build's two writers append one's articles after the other's).
std::vector<Xapian::docid> by_date(const Xapian::Database& old) {
    std::vector<std::pair<std::string, Xapian::docid>> dated;
    dated.reserve(old.get_doccount());
    for (auto it = old.valuestream_begin(schema::kDateSlot);
         it != old.valuestream_end(schema::kDateSlot); ++it)
        dated.emplace_back(*it, it.get_docid());
    std::vector<Xapian::docid> order;
    order.reserve(old.get_doccount());
    if (dated.size() == old.get_doccount()) {
        std::sort(dated.begin(), dated.end());
        for (const auto& [date, docid] : dated) order.push_back(docid);
    } else {  // some without a date (no release wrote such): document order
        for (auto it = old.postlist_begin(""); it != old.postlist_end(""); ++it)
            order.push_back(*it);
    }
    return order;
}

// Feeds the pool every stored article, oldest first, until done or asked to stop.
void read_stored(const Xapian::Database& old, RebuildPool& pool,
                 std::optional<std::string>& error) {
    try {
        StoredBatch batch;
        const std::vector<Xapian::docid> order = by_date(old);
        for (auto it = order.begin(); it != order.end() && !StopSignal::requested(); ++it) {
            batch.push_back({*it, old.get_document(*it, Xapian::DOC_ASSUME_VALID).get_data()});
            if (batch.size() == kArticlesPerBatch && !pool.submit(std::exchange(batch, {})))
                return;  // cancelled
        }
        if (!batch.empty()) pool.submit(std::move(batch));
    } catch (const Xapian::Error& failure) {
        error = "cannot read the index: " + failure.get_description();
    }
    pool.close();
}

// Upserts every stored article, rebuilt, into `writer`; returns how many.
Result<std::size_t, std::string> rebuild_articles(const Xapian::Database& old, IndexWriter& writer,
                                                  const std::string& default_language,
                                                  Xapian::termcount title_weight, bool positions,
                                                  std::size_t threads) {
    const std::size_t spare_cores = std::max(2u, std::thread::hardware_concurrency()) - 1;
    const std::size_t workers = threads ? threads : spare_cores;
    std::vector<std::unique_ptr<ArticleRebuilder>> rebuilders;
    for (std::size_t i = 0; i < workers; ++i)
        rebuilders.push_back(
            std::make_unique<ArticleRebuilder>(default_language, title_weight, positions));
    RebuildPool pool(workers, workers * 4, [&](std::size_t worker, StoredBatch& batch) {
        return rebuilders[worker]->rebuild(batch);
    });
    std::optional<std::string> error;
    std::optional<std::string> read_error;  // the reader thread's until it is joined
    std::thread reader([&] { read_stored(old, pool, read_error); });
    std::size_t written = 0;
    // Stories are found again, in the old index's order: the staging index starts empty.
    StoryAssigner stories;
    try {
        while (auto batch = pool.next()) {
            writer.add_spelling(batch->spelling);
            for (RebuiltArticle& article : batch->articles) {
                stories.assign(article.id, article.document);
                writer.upsert(article.id, article.document);
                ++written;
            }
            if (batch->error) {
                error = std::move(batch->error);
                pool.cancel();
                break;
            }
        }
    } catch (...) {
        pool.cancel();  // a write failed: stop the reader before unwinding
        reader.join();
        throw;
    }
    reader.join();
    if (!error) error = read_error;
    if (error) return Unexpected(*error);
    return written;
}

// What the documents do not hold: each synced file's state, and the default language.
std::string carry_over_metadata(const Xapian::Database& old, IndexWriter& writer,
                                const std::optional<std::string>& chosen) {
    const std::string prefix(schema::kSyncFileMetadataPrefix);
    for (auto key = old.metadata_keys_begin(prefix); key != old.metadata_keys_end(prefix); ++key)
        writer.set_metadata(*key, old.get_metadata(*key));
    const std::string kept = old.get_metadata(std::string(schema::kDefaultLanguageMetadataKey));
    const std::optional<std::string> language = chosen         ? chosen
                                                : kept.empty() ? std::nullopt
                                                               : std::optional(kept);
    return settle_default_language(writer, language).language;
}

// Writes the new index at `staging` from the one at `target`, compacted, its writer closed.
Result<void, std::string> build_staging(const fs::path& target, const fs::path& staging,
                                        const ReindexOptions& options, ReindexSummary& summary) {
    const Xapian::Database old(target.string());
    summary.old_version = old.get_metadata(std::string(schema::kVersionMetadataKey));
    auto writer = IndexWriter::open(staging.string());  // new: stamped with the current version
    if (!writer) return Unexpected(writer.error());
    summary.default_language = carry_over_metadata(old, *writer, options.default_language);
    summary.title_weight = settle_rebuilt_title_weight(old, *writer, options.title_weight);
    summary.positions = settle_rebuilt_positions(old, *writer, options.positions);
    auto written = rebuild_articles(old, *writer, summary.default_language, summary.title_weight,
                                    summary.positions, options.threads);
    if (!written) return Unexpected(written.error());
    summary.articles = *written;
    summary.interrupted = StopSignal::requested();
    if (summary.interrupted) return {};
    writer->commit();
    // Ids are unique, so every document must have come through: never swap in less.
    if (writer->article_count() != old.get_doccount())
        return Unexpected("the rebuilt index holds " + std::to_string(writer->article_count()) +
                          " articles, the old one " + std::to_string(old.get_doccount()));
    if (writer->article_count() == 0) {
        writer->close();
        return {};
    }
    auto compacted = compact_locked(*writer, staging.string());
    if (!compacted) return Unexpected(compacted.error());
    return {};
}

}  // namespace

Result<ReindexSummary, std::string> run_reindex(const ReindexOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    // The old index's write lock keeps other writers out until the new index is in place.
    auto lock = IndexWriter::open_any_version(options.database);
    if (!lock) return Unexpected(lock.error());
    const fs::path target = index_path(options.database);
    remove_stale_staging(target, "reindexing");
    const fs::path staging = staging_path(target, "reindexing");
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    ReindexSummary summary;
    Result<void, std::string> built;
    try {
        built = build_staging(target, staging, options, summary);
    } catch (...) {
        fs::remove_all(staging, ignored);
        throw;
    }
    if (!built || summary.interrupted) {
        fs::remove_all(staging, ignored);
        if (!built)
            return Unexpected("cannot reindex " + options.database +
                              " (left as it was): " + built.error());
        return summary;
    }
    // One rename(2) exchanges the two: readers see the old index or the new one, never neither.
    if (auto swapped = exchange_directories(staging.string(), target.string()); !swapped) {
        fs::remove_all(staging, ignored);
        return Unexpected(swapped.error());
    }
    lock->close();
    fs::remove_all(staging, ignored);  // the old index, since the swap
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace dateline::indexer
