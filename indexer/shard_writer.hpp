// ShardWriter: a second writer for a fresh build, on its own thread, writing a private Xapian
// database (a "shard") that the build merges into the index when it compacts at the end.
// Why: Xapian lets one writer hold a database, and its write path (inverting, encoding
// positions, committing) is most of a build's time; one writer kept one core busy while the
// other waited. Two writers, each holding half the articles (split by id, so an id given twice
// in a run lands in the same shard and the later copy wins), keep both cores busy, and the
// compaction a fresh build already did merges them.
// Thread-safe as used: one thread calls write() and finish(); the shard has its own thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "dateline/result.hpp"
#include "index_writer.hpp"
#include "spelling_tally.hpp"

namespace dateline::indexer {

struct ShardArticle {
    std::string id;
    Xapian::Document document;
};

struct ShardCounts {
    std::size_t added = 0;
    std::size_t replaced = 0;
};

class ShardWriter {
public:
    // Creates the shard at `path` (which must not hold an index) and starts its thread.
    // commit_every: articles between commits, which bound the shard's memory as they bound the
    // index writer's.
    static Result<std::unique_ptr<ShardWriter>, std::string> start(const std::string& path,
                                                                   std::size_t commit_every);
    // Unfinished (the run failed): stops after the batch in hand, commits nothing more.
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    // Queues articles; waits while kMaxQueued batches are waiting. Rethrows what stopped the
    // shard's thread (a Xapian error: disk full, say), so the run stops at once.
    void write(std::vector<ShardArticle> articles, SpellingTally spelling);
    // Writes what is queued, commits and closes the shard; rethrows what stopped its thread.
    ShardCounts finish();

    const std::string& path() const { return path_; }

private:
    struct Batch {
        std::vector<ShardArticle> articles;
        SpellingTally spelling;
    };
    static constexpr std::size_t kMaxQueued = 8;

    ShardWriter(std::string path, IndexWriter writer, std::size_t commit_every);
    void run();
    void write_batch(Batch& batch);

    std::string path_;
    IndexWriter writer_;
    std::size_t commit_every_;
    std::size_t uncommitted_ = 0;
    ShardCounts counts_;  // the shard thread's until finish() joins it

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> queue_;
    bool closed_ = false;
    bool abandoned_ = false;  // destroyed unfinished: the run failed, nothing more is written
    std::exception_ptr failure_;
    std::thread thread_;
};

// Which of `shards` writers an article goes to: the same for every copy of an id.
std::size_t shard_of(const std::string& id, std::size_t shards);

}  // namespace dateline::indexer
