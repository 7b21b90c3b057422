// IndexWriter: the sole writer of a Dateline index. Opens (or creates) the database, upserts
// and deletes articles by id, and commits. Xapian errors surface as exceptions (broken
// infrastructure); opening failures are values with a message naming the database.
// Not thread-safe: one thread owns the writer.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "spelling_tally.hpp"

namespace dateline::indexer {

enum class UpsertOutcome { kAdded, kReplaced };

class IndexWriter {
public:
    // Fails with "index at DIR is locked by another writer" when another process writes it,
    // and for an index of another schema version (one written by an older release names the
    // way to upgrade it: `dateline-index reindex --db DIR`).
    static Result<IndexWriter, std::string> open(const std::string& path);
    // Opens an existing index whatever its schema version, and stamps none: for `reindex`,
    // which holds the old index's write lock while it builds the new one beside it.
    static Result<IndexWriter, std::string> open_any_version(const std::string& path);

    UpsertOutcome upsert(const std::string& id, const Xapian::Document& document);
    // Spelling words of upserted articles (summed by the caller, see SpellingTally); they reach
    // Xapian's spelling table with commit(), or with a commit_batch() once many are waiting.
    void add_spelling(const SpellingTally& words);
    // False when no article has that id.
    bool remove(const std::string& id);
    // Commits the articles and every spelling word waiting.
    void commit();
    // Commits the articles of one batch of a longer run; spelling words wait for the end of
    // the run, or until kMaxWaitingSpellingWords wait. Why: Xapian rewrites a spelling entry
    // per distinct word per commit, and a batch of 2,000 news articles holds ~30,000 distinct
    // words, mostly the same from batch to batch; writing them per batch was a fifth of a
    // build. Spelling is a did-you-mean aid: the articles are what each commit must hold.
    void commit_batch();
    static constexpr std::size_t kMaxWaitingSpellingWords = 300'000;
    // Strict runs keep everything in one transaction: all of the run lands, or none of it.
    void begin_transaction();
    void commit_transaction();
    void cancel_transaction();
    Xapian::doccount article_count() const;
    // For reads on the writing thread (StoryAssigner), which see this writer's changes.
    const Xapian::Database& database() const { return database_; }
    // Metadata entries (the `sync` state), committed with the articles. An empty value deletes.
    void set_metadata(const std::string& key, const std::string& value);
    // "" when there is no such entry.
    std::string metadata(const std::string& key) const;
    // Every entry whose key starts with `prefix`, in key order.
    std::vector<std::pair<std::string, std::string>> metadata_with_prefix(
        const std::string& prefix) const;
    // Releases the write lock; the writer must not be used afterwards.
    void close();

private:
    explicit IndexWriter(Xapian::WritableDatabase database);
    void flush_spelling();

    Xapian::WritableDatabase database_;
    SpellingTally pending_spelling_;
};

}  // namespace dateline::indexer
