// What every fuzz target checks besides "no crash, no sanitizer report": each record a reader
// returns is either an error or a JSON object that serialises (nlohmann throws on invalid UTF-8,
// and --rejects serialises the fields of a rejected page), and it passes through the one
// validation, article_from_json, without throwing. Header-only; used by the fuzz targets.
#pragma once

#include <cstdlib>
#include <vector>

#include "dateline/article_json.hpp"
#include "source_record.hpp"

namespace dateline::fuzz {

inline void check_records(const std::vector<indexer::SourceRecord>& records) {
    for (const indexer::SourceRecord& record : records) {
        if (!record.fields) {
            if (record.fields.error().field.empty()) std::abort();  // every error names a field
            continue;
        }
        if (!record.fields->is_object()) std::abort();
        (void)record.fields->dump();  // throws (and so aborts the fuzzer) on invalid UTF-8
        (void)article_from_json(*record.fields);
    }
}

}  // namespace dateline::fuzz
