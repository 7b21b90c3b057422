// IndexStats: what an operator wants to know about an index at a glance (article count, date
// span, top sources and tags, size on disk, revision). Reads without taking the write lock.
// Thread-safe: a free function over its own read-only Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "dateline/date.hpp"
#include "dateline/result.hpp"

namespace dateline::indexer {

struct IndexStats {
    std::uint64_t articles = 0;
    std::optional<Timestamp> first_date;
    std::optional<Timestamp> last_date;
    std::vector<std::pair<std::string, std::uint64_t>> top_sources;  // as articles spell them
    std::vector<std::pair<std::string, std::uint64_t>> top_tags;
    std::uint64_t size_bytes = 0;
    std::uint64_t revision = 0;
    std::string schema_version;
};

Result<IndexStats, std::string> read_index_stats(const std::string& path, std::size_t top_n = 10);
nlohmann::json stats_to_json(const IndexStats& stats);
std::string stats_to_text(const IndexStats& stats);

// Bytes of all files under a directory (0 if it does not exist).
std::uint64_t directory_bytes(const std::string& path);

}  // namespace dateline::indexer
