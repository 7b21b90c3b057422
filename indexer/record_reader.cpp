// Streaming record reader: lines or array elements out of a ByteStream.
#include "record_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "byte_stream.hpp"
#include "charset_decoder.hpp"
#include "dateline/article.hpp"

namespace dateline::indexer {

namespace {
constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::size_t kMaxRecordBytes = ArticleLimits::kMaxRecordBytes;
constexpr std::size_t kOversizedHeadBytes = 4096;
constexpr std::size_t kSniffBytes = 4096;  // even: a UTF-16 head decodes whole

bool is_space(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_blank_bytes(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return is_space(static_cast<unsigned char>(c)); });
}
}  // namespace

Result<RecordReader, std::string> RecordReader::open(const std::string& path, InputFormat format) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Unexpected(path + ": cannot open: " + std::strerror(errno));
    struct stat info {};
    std::optional<std::uint64_t> total;
    if (::fstat(fd, &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            ::close(fd);
            return Unexpected(path + ": is a directory, expected a file");
        }
        if (S_ISREG(info.st_mode)) total = static_cast<std::uint64_t>(info.st_size);
    }
    return RecordReader(is_stdin ? "<stdin>" : path, std::make_unique<ByteStream>(fd), total,
                        format);
}

RecordReader::RecordReader(std::string name, std::unique_ptr<ByteStream> stream,
                           std::optional<std::uint64_t> total_bytes, InputFormat requested)
    : name_(std::move(name)),
      stream_(std::move(stream)),
      total_bytes_(total_bytes),
      requested_(requested) {}
RecordReader::RecordReader(RecordReader&&) noexcept = default;
RecordReader& RecordReader::operator=(RecordReader&&) noexcept = default;
RecordReader::~RecordReader() = default;

std::uint64_t RecordReader::bytes_consumed() const {
    return stream_ ? stream_->offset() : 0;
}

bool RecordReader::fill() {
    if (read_error_) return false;
    buffer_.erase(0, pos_);
    pos_ = 0;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    auto got = stream_->read(buffer_.data() + old_size, kChunkBytes);
    if (!got) {
        read_error_ = name_ + ": read error: " + got.error();
        buffer_.resize(old_size);
        return false;
    }
    buffer_.resize(old_size + *got);
    return *got > 0;
}

int RecordReader::peek_byte() {
    if (pos_ >= buffer_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

void RecordReader::detect_format() {
    if (requested_ == InputFormat::kFeed || requested_ == InputFormat::kHtml) {
        layout_ = Layout::kDocument;
        format_ = requested_;
        return;
    }
    peek_byte();
    // A UTF-16 byte order mark: markup, to be sniffed once its head is decoded.
    if (requested_ == InputFormat::kAuto &&
        (buffer_.compare(pos_, 2, "\xFF\xFE") == 0 || buffer_.compare(pos_, 2, "\xFE\xFF") == 0)) {
        layout_ = Layout::kDocument;
        const auto head =
            decode_to_utf8(std::string_view(buffer_).substr(pos_, kSniffBytes), MarkupKind::kXml);
        format_ = head ? sniff_markup(head->utf8).value_or(InputFormat::kAuto) : InputFormat::kAuto;
        return;
    }
    const std::size_t bom = buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::size_t look = pos_ + bom;
    while (true) {
        if (look >= buffer_.size()) {
            const std::size_t offset = look - pos_;
            if (!fill()) break;
            look = pos_ + offset;
            continue;
        }
        if (!is_space(static_cast<unsigned char>(buffer_[look]))) break;
        ++look;
    }
    const int first = look < buffer_.size() ? static_cast<unsigned char>(buffer_[look]) : -1;
    if (requested_ == InputFormat::kAuto && first == '<') {
        // Markup is read whole, byte order mark included: the decoder honours it.
        layout_ = Layout::kDocument;
        format_ = sniff_markup(std::string_view(buffer_).substr(pos_, kSniffBytes))
                      .value_or(InputFormat::kAuto);
        return;
    }
    pos_ += bom;  // some exporters write a UTF-8 byte order mark before JSON
    const bool array = first == '[' && requested_ != InputFormat::kJsonLines;
    layout_ = array ? Layout::kArray : Layout::kLines;
    format_ = array                                              ? InputFormat::kJsonArray
              : first == '{' || requested_ != InputFormat::kAuto ? InputFormat::kJsonLines
                                                                 : InputFormat::kAuto;
    if (array) {
        // Consume up to and including the opening bracket; elements follow.
        for (; pos_ < look; ++pos_)
            if (buffer_[pos_] == '\n') ++line_;
        ++pos_;
    }
}

InputFormat RecordReader::format() {
    if (layout_ == Layout::kUnknown) detect_format();
    return format_;
}

std::optional<RawRecord> RecordReader::next_document() {
    if (document_done_) return std::nullopt;
    document_done_ = true;
    while (buffer_.size() - pos_ <= kMaxDocumentBytes && fill()) {
    }
    RawRecord record;
    record.line = 1;
    record.format = format_;
    record.bytes = buffer_.size() - pos_;
    if (record.bytes > kMaxDocumentBytes) {
        // Not read further: a runaway file must cost neither memory nor time.
        record.oversized = true;
        record.bytes = std::max<std::uint64_t>(record.bytes, total_bytes_.value_or(0));
        record.text = buffer_.substr(pos_, kOversizedHeadBytes);
    } else {
        record.text = buffer_.substr(pos_);
    }
    if (record.bytes == 0 || is_blank_bytes(record.text)) return std::nullopt;
    buffer_.clear();
    pos_ = 0;
    return record;
}

void RecordReader::append(RawRecord& record, char c) const {
    ++record.bytes;
    if (record.oversized) return;
    if (record.bytes > kMaxRecordBytes) {
        // Keep counting, stop keeping: a runaway record must not exhaust memory. Its head
        // stays, so the rejects file shows which record it was.
        record.oversized = true;
        record.text.resize(kOversizedHeadBytes);
        record.text.shrink_to_fit();
        return;
    }
    record.text += c;
}

std::optional<RawRecord> RecordReader::next() {
    if (layout_ == Layout::kUnknown) detect_format();
    if (layout_ == Layout::kDocument) return next_document();
    return layout_ == Layout::kArray ? next_array_element() : next_line();
}

std::optional<RawRecord> RecordReader::next_line() {
    while (true) {
        if (peek_byte() < 0) return std::nullopt;
        RawRecord record;
        record.line = line_;
        record.format = InputFormat::kJsonLines;
        bool ended = false;
        while (!ended) {
            if (pos_ >= buffer_.size() && !fill()) break;
            const char* start = buffer_.data() + pos_;
            const std::size_t available = buffer_.size() - pos_;
            const void* newline = std::memchr(start, '\n', available);
            const std::size_t take =
                newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - start)
                        : available;
            if (!record.oversized && record.bytes + take <= kMaxRecordBytes) {
                record.text.append(start, take);
                record.bytes += take;
            } else {
                for (std::size_t i = 0; i < take; ++i) append(record, start[i]);
            }
            pos_ += take;
            if (newline) {
                ++pos_;
                ++line_;
                ended = true;
            }
        }
        if (!record.oversized && !record.text.empty() && record.text.back() == '\r') {
            record.text.pop_back();
            --record.bytes;
        }
        const bool blank =
            !record.oversized && record.text.find_first_not_of(" \t\r") == std::string::npos;
        if (!blank) return record;
        if (!ended) return std::nullopt;
    }
}

std::optional<RawRecord> RecordReader::next_array_element() {
    if (array_done_) return std::nullopt;
    // Skip the opening bracket, separators and white space before the element.
    for (int c = peek_byte(); c >= 0; c = peek_byte()) {
        if (c == ']') {
            array_done_ = true;
            return std::nullopt;
        }
        if (!is_space(c) && c != ',') break;
        if (c == '\n') ++line_;
        ++pos_;
    }
    if (peek_byte() < 0) return std::nullopt;
    RawRecord record;
    record.line = line_;
    record.format = InputFormat::kJsonArray;
    int depth = 0;
    bool in_string = false, escaped = false;
    for (int c = peek_byte(); c >= 0; c = peek_byte()) {
        if (!in_string && depth == 0 && (c == ',' || c == ']') && record.bytes > 0) break;
        ++pos_;
        if (c == '\n') ++line_;
        append(record, static_cast<char>(c));
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) break;
        }
    }
    while (!record.oversized && !record.text.empty() && is_space(record.text.back())) {
        record.text.pop_back();
        --record.bytes;
    }
    return record;
}

}  // namespace dateline::indexer
