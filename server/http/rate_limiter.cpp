// Token buckets per client.
#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace dateline::server {

RateLimiter::RateLimiter(double rate, double burst) : rate_(rate), burst_(std::max(1.0, burst)) {}

double RateLimiter::refilled(const Bucket& bucket, Clock::time_point now) const {
    const std::chrono::duration<double> elapsed = now - bucket.updated;
    return std::min(burst_, bucket.tokens + std::max(0.0, elapsed.count()) * rate_);
}

void RateLimiter::forget_refilled(Clock::time_point now) {
    std::erase_if(buckets_,
                  [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
    // Still too many: clients beyond count are mostly one-off addresses; forget them all
    // rather than grow without bound.
    if (buckets_.size() >= kMaxClients) buckets_.clear();
}

RateLimiter::Decision RateLimiter::admit(std::string_view client, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    auto found = buckets_.find(std::string(client));
    if (found == buckets_.end()) {
        if (buckets_.size() >= kMaxClients) forget_refilled(now);
        found = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
    }
    Bucket& bucket = found->second;
    bucket.tokens = refilled(bucket, now);
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double wait = (1.0 - bucket.tokens) / rate_;
    return {false, std::chrono::seconds(std::max<long long>(1, std::llround(std::ceil(wait))))};
}

std::size_t RateLimiter::tracked_clients() const {
    const std::lock_guard lock(mutex_);
    return buckets_.size();
}

bool is_rate_limited_path(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    for (const std::string_view exempt : {"/healthz", "/readyz", "/metrics"})
        if (path == exempt) return false;
    return true;
}

}  // namespace dateline::server
