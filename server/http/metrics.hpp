// Metrics: the server's counters and gauges, rendered in the Prometheus text exposition format
// 0.0.4 for GET /metrics. One object, created in main and passed by reference (no registry).
// Route labels come from the route table plus "unmatched", so their number stays bounded.
// Thread-safe: every member may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace dateline::server {

class Metrics {
public:
    // Upper bounds of the latency buckets in seconds: finer than Prometheus' defaults at the
    // low end, where a search from the page cache lands.
    static constexpr std::array<double, 14> kLatencyBuckets = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    void record_request(std::string_view route, unsigned status,
                        std::chrono::duration<double> latency);
    void record_rejected_connection();
    void set_index_state(std::uint64_t article_count, std::uint64_t revision);
    void set_index_revision(std::uint64_t revision);
    // Sampled when /metrics is scraped.
    void set_searches_in_flight(std::size_t searches);
    void set_open_connections(std::size_t connections);

    std::string render() const;

private:
    struct Histogram {
        std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
        std::uint64_t count = 0;
        double sum_seconds = 0;
    };

    void render_requests(std::string& out) const;
    void render_latency(std::string& out) const;
    void render_gauges(std::string& out) const;

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;  // (route, status)
    std::map<std::string, Histogram, std::less<>> latency_;               // by route
    std::atomic<std::uint64_t> rejected_connections_{0};
    std::atomic<std::uint64_t> article_count_{0};
    std::atomic<std::uint64_t> revision_{0};
    std::atomic<std::size_t> searches_in_flight_{0};
    std::atomic<std::size_t> open_connections_{0};
};

}  // namespace dateline::server
