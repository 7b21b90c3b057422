// OrderedPool<In, Out>: runs a function over a stream of inputs on N worker threads and hands
// the results back in submission order, with a bound on the work in flight (so a huge input
// never piles up in memory). The indexer uses it to parse and analyse articles on spare cores
// while one thread writes. Thread-safe: one producer calls submit()/close(), one consumer
// calls next(); the workers are internal.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dateline::indexer {

template <class In, class Out>
class OrderedPool {
public:
    // work(worker_index, input): worker_index lets callers keep per-thread state.
    using Work = std::function<Out(std::size_t, In&)>;

    OrderedPool(std::size_t workers, std::size_t max_in_flight, Work work)
        : max_in_flight_(max_in_flight), work_(std::move(work)) {
        for (std::size_t i = 0; i < workers; ++i)
            threads_.emplace_back([this, i] { run_worker(i); });
    }
    ~OrderedPool() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
            cancelled_ = true;
        }
        changed_.notify_all();
        for (auto& thread : threads_) thread.join();
    }
    OrderedPool(const OrderedPool&) = delete;
    OrderedPool& operator=(const OrderedPool&) = delete;

    // Blocks while max_in_flight results are pending. False once cancelled.
    bool submit(In input) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return slots_.size() < max_in_flight_ || cancelled_; });
        if (cancelled_) return false;
        slots_.push_back(std::make_shared<Slot>(Slot{std::move(input), std::nullopt, false}));
        changed_.notify_all();
        return true;
    }

    // No more inputs: next() returns nullopt once the pending results are taken.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }

    // Stops accepting inputs (the producer's submit() returns false) and drops pending work.
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        closed_ = true;
        changed_.notify_all();
    }

    // The next result in submission order; nullopt when closed and drained, or cancelled.
    std::optional<Out> next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
            return cancelled_ || (!slots_.empty() && slots_.front()->output) ||
                   (closed_ && slots_.empty());
        });
        if (cancelled_ || slots_.empty()) return std::nullopt;
        Out result = std::move(*slots_.front()->output);
        slots_.pop_front();
        changed_.notify_all();
        return result;
    }

private:
    struct Slot {
        In input;
        std::optional<Out> output;
        bool started;
    };

    void run_worker(std::size_t index) {
        std::unique_lock lock(mutex_);
        while (true) {
            std::shared_ptr<Slot> slot;
            changed_.wait(lock, [&] {
                if (cancelled_) return true;
                for (auto& candidate : slots_)
                    if (!candidate->started) return (slot = candidate), true;
                return closed_;
            });
            if (!slot) {
                if (cancelled_ || closed_) return;
                continue;
            }
            slot->started = true;
            lock.unlock();
            Out output = work_(index, slot->input);
            lock.lock();
            slot->output = std::move(output);
            changed_.notify_all();
        }
    }

    const std::size_t max_in_flight_;
    Work work_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::shared_ptr<Slot>> slots_;
    bool closed_ = false;
    bool cancelled_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace dateline::indexer
