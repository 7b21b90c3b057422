// Exit statuses of dateline-index, as documented in README.md ("Exit status").
#pragma once

namespace dateline::indexer {

enum ExitStatus : int {
    kExitOk = 0,           // everything read was indexed
    kExitFatal = 1,        // nothing or not everything could be done: unreadable input,
                           // locked or corrupt database, write failure
    kExitUsage = 2,        // bad command line
    kExitRejected = 3,     // finished, but some records were rejected (and reported)
    kExitSignalBase = 128  // interrupted by signal N: 128 + N, work so far committed
};

}  // namespace dateline::indexer
