// Atomic directory exchange (Linux renameat2).
#include "directory_swap.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>

namespace dateline::indexer {

Result<void, std::string> exchange_directories(const std::string& staging,
                                               const std::string& target) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
        return Unexpected("cannot swap " + staging + " in for " + target + ": " +
                          std::strerror(errno));
    return {};
}

}  // namespace dateline::indexer
