// ProgressMeter: a single self-updating line on a terminal (articles, articles/s, MB read,
// ETA when the input size is known). Disabled when stderr is not a terminal.
// Not thread-safe: the writing thread owns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace dateline::indexer {

class ProgressMeter {
public:
    ProgressMeter(bool enabled, std::optional<std::uint64_t> total_bytes);
    // Redraws at most a few times a second.
    void update(std::size_t articles, std::uint64_t bytes_read);
    // Clears the line so the summary starts clean.
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    bool enabled_;
    std::optional<std::uint64_t> total_bytes_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_draw_{};
    bool drawn_ = false;
};

}  // namespace dateline::indexer
