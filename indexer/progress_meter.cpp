// Terminal progress line.
#include "progress_meter.hpp"

#include <cmath>
#include <cstdio>

namespace dateline::indexer {

ProgressMeter::ProgressMeter(bool enabled, std::optional<std::uint64_t> total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes) {}

void ProgressMeter::update(std::size_t articles, std::uint64_t bytes_read) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
    last_draw_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(articles) / seconds : 0;
    std::fprintf(stderr, "\r\033[K%zu articles  %.0f/s  %.1f MB", articles, rate,
                 static_cast<double>(bytes_read) / 1e6);
    if (total_bytes_ && bytes_read > 0 && *total_bytes_ >= bytes_read && seconds > 1) {
        const double remaining = seconds * static_cast<double>(*total_bytes_ - bytes_read) /
                                 static_cast<double>(bytes_read);
        const long eta = std::lround(remaining);
        std::fprintf(stderr, "  %.0f%%  ETA %ld:%02ld",
                     100.0 * static_cast<double>(bytes_read) / static_cast<double>(*total_bytes_),
                     eta / 60, eta % 60);
    }
    std::fflush(stderr);
}

void ProgressMeter::finish() {
    if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
}

}  // namespace dateline::indexer
