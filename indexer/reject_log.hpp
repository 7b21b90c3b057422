// RejectLog: reports rejected records as "FILE:LINE: field: reason" on stderr — for feed items
// "FILE:LINE: item N (GUID): field: reason", for pages and whole files "FILE: field: reason" —
// (the first ones; the rest are counted) and, with --rejects, writes each rejected record with its
// reason as one JSON line. Also warns once per unknown field name.
// Not thread-safe: used by the writing thread only.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "dateline/article_json.hpp"
#include "dateline/result.hpp"
#include "source_record.hpp"

namespace dateline::indexer {

class RejectLog {
public:
    static constexpr std::size_t kMaxPrinted = 50;

    // rejects_path: where to write the rejects JSONL, if anywhere.
    static Result<RejectLog, std::string> open(const std::optional<std::string>& rejects_path,
                                               bool quiet);

    void reject(const std::string& file, const RecordLocation& location, const RecordError& error,
                const std::string& record_text);
    void unknown_field(const std::string& file, std::size_t line, const std::string& field);
    // Prints "... and N more" if messages were held back; flushes the rejects file.
    void finish();
    std::size_t count() const { return count_; }

private:
    struct FileCloser {
        void operator()(std::FILE* file) const {
            if (file) std::fclose(file);
        }
    };
    RejectLog(std::unique_ptr<std::FILE, FileCloser> file, std::optional<std::string> path,
              bool quiet);

    std::unique_ptr<std::FILE, FileCloser> file_;
    std::optional<std::string> path_;
    bool quiet_;
    std::size_t count_ = 0;
    std::set<std::string> warned_fields_;
};

}  // namespace dateline::indexer
