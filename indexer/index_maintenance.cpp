// `dateline-index delete` and `dateline-index compact`.
#include "index_maintenance.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <xapian.h>

#include "index_stats.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {

Result<DeleteSummary, std::string> delete_articles(const std::string& database,
                                                   const std::vector<std::string>& ids) {
    if (!std::filesystem::is_directory(database)) return Unexpected("no index at " + database);
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
    namespace fs = std::filesystem;
    if (!fs::is_directory(database)) return Unexpected("no index at " + database);
    // Holding the writer keeps other writers out until the swap is done.
    auto writer = IndexWriter::open(database);
    if (!writer) return Unexpected(writer.error());
    const fs::path target = fs::absolute(database).lexically_normal();
    const fs::path staging = target.string() + ".compacting-" + std::to_string(::getpid());
    CompactSummary summary{directory_bytes(target.string()), 0};
    try {
        fs::remove_all(staging);
        Xapian::Database(target.string()).compact(staging.string());
    } catch (const Xapian::Error& error) {
        fs::remove_all(staging);
        return Unexpected("compacting " + database + " failed: " + error.get_description());
    }
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        const std::string reason = std::strerror(errno);
        fs::remove_all(staging);
        return Unexpected("cannot swap in the compacted index at " + database + ": " + reason);
    }
    // The staging path now holds the old database, which the writer still has open.
    writer->close();
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    summary.bytes_after = directory_bytes(target.string());
    return summary;
}

}  // namespace dateline::indexer
