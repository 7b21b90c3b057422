// RateLimiter: per-client token buckets (--rate-limit RPS, --rate-limit-burst N). Each client
// (an IP address) may send `burst` requests at once and `rate` a second after that; a request
// beyond gets 429 with how long to wait. Memory is bounded: buckets that have refilled are
// forgotten, and past kMaxClients live buckets the table starts afresh (the global search queue
// limit, 503, still bounds the work then).
// Thread-safe (one mutex; a decision is a hash lookup and a little arithmetic).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dateline::server {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t kMaxClients = 100'000;

    // rate: requests a second, > 0; burst: >= 1.
    RateLimiter(double rate, double burst);

    struct Decision {
        bool allowed = true;
        std::chrono::seconds retry_after{0};  // when refused: whole seconds until a token
    };
    Decision admit(std::string_view client, Clock::time_point now = Clock::now());

    std::size_t tracked_clients() const;

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    double refilled(const Bucket& bucket, Clock::time_point now) const;
    void forget_refilled(Clock::time_point now);

    const double rate_;
    const double burst_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

// Whether a request path counts against the limit: everything but the health and metrics
// endpoints, which monitoring polls from one address.
bool is_rate_limited_path(std::string_view target);

}  // namespace dateline::server
