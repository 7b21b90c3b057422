// ConnectionTracker: counts open connections (to enforce the connection limit) and requests
// being served (so a shutdown can wait for them), and carries the "shutting down" flag that
// makes sessions stop keeping connections alive. Thread-safe: lock-free atomics.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <utility>

namespace dateline::server {

class ConnectionTracker {
public:
    // Holds one unit of a counter for its lifetime. Move-only.
    class Lease {
    public:
        Lease(Lease&& other) noexcept : counter_(std::exchange(other.counter_, nullptr)) {}
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() {
            if (counter_ != nullptr) counter_->fetch_sub(1);
        }

    private:
        friend class ConnectionTracker;
        explicit Lease(std::atomic<std::size_t>& counter) : counter_(&counter) {}

        std::atomic<std::size_t>* counter_;
    };

    explicit ConnectionTracker(std::size_t max_connections) : max_connections_(max_connections) {}

    // A lease on a connection slot, or nullopt when max_connections are already open.
    std::optional<Lease> try_open();
    // Held from the first byte of a request until its response is written.
    Lease begin_request();

    std::size_t open_connections() const { return open_.load(); }
    std::size_t requests_in_progress() const { return busy_.load(); }

    void begin_shutdown() { shutting_down_ = true; }
    bool shutting_down() const { return shutting_down_.load(); }

private:
    const std::size_t max_connections_;
    std::atomic<std::size_t> open_{0};
    std::atomic<std::size_t> busy_{0};
    std::atomic<bool> shutting_down_{false};
};

}  // namespace dateline::server
