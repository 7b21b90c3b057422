// A second writer thread for fresh builds, merged into the index by the final compaction.
#include "shard_writer.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace dateline::indexer {

Result<std::unique_ptr<ShardWriter>, std::string> ShardWriter::start(const std::string& path,
                                                                     std::size_t commit_every) {
    auto writer = IndexWriter::open(path);
    if (!writer) return Unexpected(writer.error());
    return std::unique_ptr<ShardWriter>(
        new ShardWriter(path, std::move(*writer), std::max<std::size_t>(commit_every, 1)));
}

ShardWriter::ShardWriter(std::string path, IndexWriter writer, std::size_t commit_every)
    : path_(std::move(path)), writer_(std::move(writer)), commit_every_(commit_every) {
    thread_ = std::thread([this] { run(); });
}

ShardWriter::~ShardWriter() {
    {
        std::lock_guard lock(mutex_);
        closed_ = abandoned_ = true;
        queue_.clear();
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ShardWriter::write(std::vector<ShardArticle> articles, SpellingTally spelling) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back({std::move(articles), std::move(spelling)});
    lock.unlock();
    changed_.notify_all();
}

ShardCounts ShardWriter::finish() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
    return counts_;
}

void ShardWriter::run() {
    try {
        for (;;) {
            Batch batch;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
                if (queue_.empty() || abandoned_) break;
                batch = std::move(queue_.front());
                queue_.pop_front();
            }
            changed_.notify_all();
            write_batch(batch);
        }
        {
            std::lock_guard lock(mutex_);
            if (abandoned_) return;
        }
        writer_.commit();
        writer_.close();
    } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        queue_.clear();
    }
    changed_.notify_all();
}

void ShardWriter::write_batch(Batch& batch) {
    writer_.add_spelling(batch.spelling);
    for (ShardArticle& article : batch.articles) {
        const UpsertOutcome outcome = writer_.upsert(article.id, article.document);
        ++(outcome == UpsertOutcome::kAdded ? counts_.added : counts_.replaced);
        if (++uncommitted_ >= commit_every_) {
            writer_.commit_batch();
            uncommitted_ = 0;
        }
    }
}

std::size_t shard_of(const std::string& id, std::size_t shards) {
    return std::hash<std::string>{}(id) % shards;
}

}  // namespace dateline::indexer
