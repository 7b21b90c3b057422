// RecordReader: streams raw article records out of one input (a path or "-" for stdin):
// JSON Lines or a JSON array, or one whole document (a feed or an HTML page), any of them
// possibly gzip-compressed, told apart by content (or as --format says).
// Oversized records keep only their first bytes (for the rejects file); an oversized document
// is not read past the limit.
// Not thread-safe: one reader per input, used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dateline/result.hpp"
#include "input_format.hpp"

namespace dateline::indexer {

struct RawRecord {
    std::string text;        // the record's bytes; only the first 4 KiB when oversized
    std::size_t line = 0;    // 1-based line where the record starts
    std::size_t bytes = 0;   // full size, even when the text was not kept
    bool oversized = false;  // over the limit: the rest is skipped
    // kJsonLines or kJsonArray for a JSON record; kFeed or kHtml for a whole document, or
    // kAuto for markup that is neither (the document reader says so).
    InputFormat format = InputFormat::kJsonLines;
};

class ByteStream;

class RecordReader {
public:
    // A feed or page is read whole, up to this size.
    static constexpr std::size_t kMaxDocumentBytes = std::size_t{32} * 1024 * 1024;

    // Opens a file (or "-" for standard input). The error names the input and the cause.
    // `format` kAuto sniffs; kJsonLines forces lines; kJsonArray reads JSON either way;
    // kFeed and kHtml read one document.
    static Result<RecordReader, std::string> open(const std::string& path,
                                                  InputFormat format = InputFormat::kAuto);

    RecordReader(RecordReader&&) noexcept;
    RecordReader& operator=(RecordReader&&) noexcept;
    ~RecordReader();

    // The next record, or nullopt at the end of the input (or after a read error).
    // Blank lines are skipped.
    std::optional<RawRecord> next();

    const std::string& name() const { return name_; }
    // True when the next record cannot come from what is already read: next() would wait
    // on the input (for a pipe, on the writer at the other end).
    bool needs_input() const { return pos_ >= buffer_.size(); }
    std::uint64_t bytes_consumed() const;  // of the file as stored (compressed)
    std::optional<std::uint64_t> total_bytes() const { return total_bytes_; }
    const std::optional<std::string>& read_error() const { return read_error_; }
    // What the input holds (reads its first bytes if nothing was read yet): kJsonLines,
    // kJsonArray, kFeed, kHtml, or kAuto when it is none of them recognisably — an empty
    // input, an image, plain text. Such an input is still read as JSON Lines.
    InputFormat format();

private:
    enum class Layout { kUnknown, kLines, kArray, kDocument };

    RecordReader(std::string name, std::unique_ptr<ByteStream> stream,
                 std::optional<std::uint64_t> total_bytes, InputFormat requested);
    bool fill();
    int peek_byte();
    void detect_format();
    std::optional<RawRecord> next_line();
    std::optional<RawRecord> next_array_element();
    std::optional<RawRecord> next_document();
    void append(RawRecord& record, char c) const;

    std::string name_;
    std::unique_ptr<ByteStream> stream_;
    std::optional<std::uint64_t> total_bytes_;
    std::optional<std::string> read_error_;
    InputFormat requested_;
    InputFormat format_ = InputFormat::kAuto;  // as detected
    Layout layout_ = Layout::kUnknown;
    bool document_done_ = false;
    std::string buffer_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    bool array_done_ = false;
};

}  // namespace dateline::indexer
