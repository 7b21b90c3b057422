// DocumentContext: what a reader of a whole-file input (a feed, an HTML page) needs to know
// besides its bytes: its name for messages, its path for page ids, and the run's defaults.
// Plain value type; thread-safe to copy.
#pragma once

#include <string>

#include "source_record.hpp"

namespace dateline::indexer {

struct DocumentContext {
    std::string name;           // as messages show it: "archive/blog/feed.xml"
    std::string relative_path;  // below the walked directory ("blog/feed.xml"): a page's id
    ArchiveDefaults defaults;
};

}  // namespace dateline::indexer
