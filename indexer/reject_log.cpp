// Reporting of rejected records.
#include "reject_log.hpp"

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace dateline::indexer {

Result<RejectLog, std::string> RejectLog::open(const std::optional<std::string>& rejects_path,
                                               bool quiet) {
    std::unique_ptr<std::FILE, FileCloser> file;
    if (rejects_path) {
        file.reset(std::fopen(rejects_path->c_str(), "w"));
        if (!file)
            return Unexpected(*rejects_path +
                              ": cannot write rejects file: " + std::strerror(errno));
    }
    return RejectLog(std::move(file), rejects_path, quiet);
}

RejectLog::RejectLog(std::unique_ptr<std::FILE, FileCloser> file, std::optional<std::string> path,
                     bool quiet)
    : file_(std::move(file)), path_(std::move(path)), quiet_(quiet) {}

void RejectLog::reject(const std::string& file, const RecordLocation& location,
                       const RecordError& error, const std::string& record_text) {
    ++count_;
    if (count_ <= kMaxPrinted)
        std::fprintf(stderr, "%s: %s: %s\n", describe_location(file, location).c_str(),
                     error.field.c_str(), error.reason.c_str());
    if (!file_) return;
    nlohmann::json entry = {{"file", file}};
    if (location.line > 0) entry["line"] = location.line;
    if (location.item > 0) entry["item"] = location.item;
    if (!location.item_id.empty()) entry["item_id"] = location.item_id;
    entry["field"] = error.field;
    entry["reason"] = error.reason;
    entry["record"] = record_text;
    // The record may be invalid UTF-8 (that may be why it was rejected): replace, don't throw.
    const std::string text = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fprintf(file_.get(), "%s\n", text.c_str());
}

void RejectLog::unknown_field(const std::string& file, std::size_t line, const std::string& field) {
    if (!warned_fields_.insert(field).second || quiet_) return;
    std::fprintf(stderr,
                 "%s:%zu: warning: unknown field \"%s\" ignored (reported once per field name)\n",
                 file.c_str(), line, field.c_str());
}

void RejectLog::finish() {
    if (count_ > kMaxPrinted)
        std::fprintf(
            stderr, "... and %zu more rejected records%s\n", count_ - kMaxPrinted,
            path_ ? (" (all in " + *path_ + ")").c_str() : " (use --rejects FILE to keep them)");
    if (file_) std::fflush(file_.get());
}

}  // namespace dateline::indexer
