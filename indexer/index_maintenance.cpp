// `dateline-index delete` and `dateline-index compact`.
#include "index_maintenance.hpp"

#include <filesystem>

#include <xapian.h>

#include "index_directory.hpp"
#include "index_stats.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {

Result<DeleteSummary, std::string> delete_articles(const std::string& database,
                                                   const std::vector<std::string>& ids) {
    if (auto found = require_index(database); !found) return Unexpected(found.error());
    auto writer = IndexWriter::open(database);
    if (!writer) return Unexpected(writer.error());
    DeleteSummary summary;
    for (const std::string& id : ids) {
        if (writer->remove(id))
            ++summary.deleted;
        else
            summary.not_found.push_back(id);
    }
    writer->commit();
    return summary;
}

Result<CompactSummary, std::string> compact_index(const std::string& database) {
    if (auto found = require_index(database); !found) return Unexpected(found.error());
    // Holding the writer keeps other writers out until the swap is done.
    auto writer = IndexWriter::open(database);
    if (!writer) return Unexpected(writer.error());
    return compact_locked(*writer, database);
}

Result<CompactSummary, std::string> compact_locked(IndexWriter& writer, const std::string& database,
                                                   const std::vector<std::string>& shards) {
    namespace fs = std::filesystem;
    const fs::path target = index_path(database);
    const fs::path staging = staging_path(target, "compacting");
    remove_stale_staging(target, "compacting");
    // Xapian writes by path: commit now, so the writer has nothing to write after the swap.
    writer.commit();
    CompactSummary summary{directory_bytes(target.string()), 0};
    for (const std::string& shard : shards) summary.bytes_before += directory_bytes(shard);
    std::error_code ignored;
    try {
        fs::remove_all(staging, ignored);
        Xapian::Database sources(target.string());
        for (const std::string& shard : shards) sources.add_database(Xapian::Database(shard));
        sources.compact(staging.string());
    } catch (const Xapian::Error& error) {
        fs::remove_all(staging, ignored);
        return Unexpected("compacting " + database + " failed: " + error.get_description());
    }
    if (auto swapped = exchange_directories(staging.string(), target.string()); !swapped) {
        fs::remove_all(staging, ignored);
        return Unexpected(swapped.error());
    }
    // The staging path now holds the old database, which the writer still has open.
    writer.close();
    fs::remove_all(staging, ignored);
    for (const std::string& shard : shards) fs::remove_all(shard, ignored);
    summary.bytes_after = directory_bytes(target.string());
    return summary;
}

}  // namespace dateline::indexer
