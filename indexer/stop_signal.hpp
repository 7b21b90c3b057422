// StopSignal: turns SIGINT/SIGTERM/SIGHUP into a flag the ingest loop polls, so an interrupted run
// commits what it has done and exits cleanly instead of dying mid-write.
// Thread-safe: the flag is a lock-free atomic.
#pragma once

namespace dateline::indexer {

class StopSignal {
public:
    // Installs the handlers (without SA_RESTART, so a blocking read on stdin returns).
    static void install();
    static bool requested();
    // Threads started after block_in_this_thread() inherit the block; the one thread that
    // should be interrupted (the reader) calls deliver_to_this_thread().
    static void block_in_this_thread();
    static void deliver_to_this_thread();
    // The signal that asked to stop (for the 128+N exit status), 0 if none.
    static int signal_number();
};

}  // namespace dateline::indexer
