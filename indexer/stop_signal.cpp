// Signal handling for graceful interruption.
#include "stop_signal.hpp"

#include <atomic>
#include <csignal>

#include <pthread.h>

namespace dateline::indexer {
namespace {
std::atomic<int> g_stop_signal{0};  // async-signal-safe: lock-free atomic int

extern "C" void on_stop_signal(int number) {
    g_stop_signal.store(number);
}
}  // namespace

void StopSignal::install() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);  // the terminal went away: finish cleanly too
}

namespace {
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}
}  // namespace

void StopSignal::block_in_this_thread() {
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void StopSignal::deliver_to_this_thread() {
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

bool StopSignal::requested() {
    return g_stop_signal.load() != 0;
}
int StopSignal::signal_number() {
    return g_stop_signal.load();
}

}  // namespace dateline::indexer
