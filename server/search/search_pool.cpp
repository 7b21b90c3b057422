// The bounded search pool: a deque of jobs, a condition variable, one Searcher per worker.
#include "search/search_pool.hpp"

#include <algorithm>

namespace dateline::server {

SearchPool::SearchPool(std::function<Searcher()> make_searcher, std::size_t workers,
                       std::size_t max_queued)
    : make_searcher_(std::move(make_searcher)), max_queued_(max_queued) {
    threads_.reserve(workers);
    // At least one worker: with none, queued jobs would never run.
    for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i)
        threads_.emplace_back([this, i] { run(i); });
    wait_for_startup();
}

SearchPool::~SearchPool() {
    stop();
}

void SearchPool::wait_for_startup() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return started_ == threads_.size(); });
    if (!startup_error_) return;
    const std::exception_ptr error = startup_error_;
    lock.unlock();
    stop();
    std::rethrow_exception(error);
}

bool SearchPool::try_submit(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() + running_ >= threads_.size() + max_queued_) return false;
        queue_.push_back(std::move(job));
    }
    changed_.notify_one();
    return true;
}

std::size_t SearchPool::in_flight() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + running_;
}

void SearchPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& thread : threads_)
        if (thread.joinable()) thread.join();
}

void SearchPool::run(std::size_t /*index*/) {
    std::optional<Searcher> searcher;
    try {
        searcher.emplace(make_searcher_());
    } catch (...) {
        std::lock_guard lock(mutex_);
        if (!startup_error_) startup_error_ = std::current_exception();
    }
    {
        std::lock_guard lock(mutex_);
        ++started_;
    }
    changed_.notify_all();
    if (searcher) serve(*searcher);
}

void SearchPool::serve(Searcher& searcher) {
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and every queued job is done
        Job job = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        try {
            job(searcher);
        } catch (...) {
            // Dropped on purpose: see try_submit().
        }
        job = nullptr;  // release what the job captured before taking the lock again
        lock.lock();
        --running_;
    }
}

}  // namespace dateline::server
