// Formatting record locations for messages.
#include "source_record.hpp"

namespace dateline::indexer {

std::string describe_location(const std::string& file, const RecordLocation& location) {
    std::string out = file;
    if (location.line > 0) out += ":" + std::to_string(location.line);
    if (location.item > 0) {
        out += ": item " + std::to_string(location.item);
        if (!location.item_id.empty()) out += " (" + location.item_id + ")";
    }
    return out;
}

}  // namespace dateline::indexer
