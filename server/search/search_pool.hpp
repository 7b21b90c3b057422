// SearchPool: a bounded queue of search jobs served by worker threads, each owning one
// Searcher (one Xapian::Database per thread). Past the queue bound it refuses work instead
// of queueing without limit, so an overloaded server answers 503 quickly rather than late.
// Thread-safe: try_submit() may be called from any thread (the HTTP I/O threads).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "search/searcher.hpp"

namespace dateline::server {

class SearchPool {
public:
    using Job = std::function<void(Searcher&)>;

    // One Searcher per worker, made by make_searcher on that worker's thread. The constructor
    // waits until every worker has its Searcher; if make_searcher throws on any of them (the
    // index cannot be opened), the pool stops and the constructor rethrows that exception, so
    // the server fails at startup rather than queueing work no worker can do.
    SearchPool(std::function<Searcher()> make_searcher, std::size_t workers,
               std::size_t max_queued);
    ~SearchPool();  // finishes queued jobs, then joins
    SearchPool(const SearchPool&) = delete;
    SearchPool& operator=(const SearchPool&) = delete;

    // False when the queue is full (or the pool is stopping): the caller answers 503.
    // Room is workers + max_queued jobs in flight: an idle worker takes a job at once even
    // when max_queued is 0. A job should not throw; if one does, the exception is dropped so
    // that one request cannot take a worker down.
    bool try_submit(Job job);
    std::size_t in_flight() const;  // queued + running
    // Refuses new jobs, finishes the queued ones, joins the workers. Idempotent; not to be
    // called from a job (a worker cannot join itself).
    void stop();

private:
    void run(std::size_t index);
    void serve(Searcher& searcher);
    void wait_for_startup();

    std::function<Searcher()> make_searcher_;
    const std::size_t max_queued_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::size_t started_ = 0;           // workers that made (or failed to make) a Searcher
    std::exception_ptr startup_error_;  // the first make_searcher failure
    std::vector<std::thread> threads_;
};

}  // namespace dateline::server
