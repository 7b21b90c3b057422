// Swapping a freshly written database directory in for another, atomically.
// Thread-safe: a free function over the file system.
#pragma once

#include <string>

#include "dateline/result.hpp"

namespace dateline::indexer {

// Exchanges the two directories with one rename(2) (RENAME_EXCHANGE): every reader sees one
// complete database or the other. Afterwards `staging` holds what `target` held.
Result<void, std::string> exchange_directories(const std::string& staging,
                                               const std::string& target);

}  // namespace dateline::indexer
