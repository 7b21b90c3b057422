// Reading records from JSON Lines and JSON arrays, plain or gzip, with line numbers.
#include <zlib.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "dateline/article.hpp"
#include "record_reader.hpp"

using dateline::indexer::RawRecord;
using dateline::indexer::RecordReader;

namespace {

struct TempFile {
    explicit TempFile(const std::string& content, bool gzip = false) {
        path = std::filesystem::temp_directory_path() /
               ("dateline-reader-" + std::to_string(++counter) + "-" + std::to_string(::getpid()));
        if (gzip) {
            gzFile file = gzopen(path.c_str(), "wb");
            gzwrite(file, content.data(), static_cast<unsigned>(content.size()));
            gzclose(file);
        } else {
            std::ofstream(path, std::ios::binary) << content;
        }
    }
    ~TempFile() { std::filesystem::remove(path); }
    std::filesystem::path path;
    static inline int counter = 0;
};

std::vector<RawRecord> read_all(const std::string& content, bool gzip = false) {
    TempFile file(content, gzip);
    auto reader = RecordReader::open(file.path.string());
    REQUIRE(reader);
    std::vector<RawRecord> records;
    while (auto record = reader->next()) records.push_back(std::move(*record));
    CHECK_FALSE(reader->read_error());
    return records;
}

std::vector<std::pair<std::size_t, std::string>> lines_and_texts(
    const std::vector<RawRecord>& records) {
    std::vector<std::pair<std::size_t, std::string>> out;
    out.reserve(records.size());
    for (const auto& r : records) out.emplace_back(r.line, r.text);
    return out;
}

using Expected = std::vector<std::pair<std::size_t, std::string>>;

}  // namespace

TEST_CASE("JSON Lines: one record a line, blank lines skipped, CRLF and BOM tolerated",
          "[reader]") {
    const std::string content = "\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}";
    const Expected expected = {{1, "{\"a\":1}"}, {4, "{\"b\":2}"}, {5, "{\"c\":3}"}};
    CHECK(lines_and_texts(read_all(content)) == expected);
    CHECK(lines_and_texts(read_all(content, /*gzip=*/true)) == expected);
}

TEST_CASE("JSON array: elements with the line they start on", "[reader]") {
    const std::string content =
        "  [\n  {\"a\": \"x ] , {\"},\n  {\n    \"b\": [1, 2]\n  },\n  3, \"s\"\n]\n";
    const Expected expected = {
        {2, "{\"a\": \"x ] , {\"}"}, {3, "{\n    \"b\": [1, 2]\n  }"}, {6, "3"}, {6, "\"s\""}};
    CHECK(lines_and_texts(read_all(content)) == expected);
    CHECK(lines_and_texts(read_all(content, /*gzip=*/true)) == expected);
}

TEST_CASE("an empty array and an empty file hold no records", "[reader]") {
    CHECK(read_all("[]").empty());
    CHECK(read_all("  [ \n ] ").empty());
    CHECK(read_all("").empty());
    CHECK(read_all("\n\n").empty());
}

TEST_CASE("an oversized record is measured, only its head kept, and reading goes on", "[reader]") {
    const std::size_t big = dateline::ArticleLimits::kMaxRecordBytes + 10;
    const std::string content = "{\"a\":1}\n" + std::string(big, 'x') + "\n{\"b\":2}\n";
    const auto records = read_all(content);
    REQUIRE(records.size() == 3);
    CHECK(records[1].oversized);
    CHECK(records[1].bytes == big);
    CHECK(records[1].text == std::string(4096, 'x'));  // only the head is kept
    CHECK(records[1].line == 2);
    CHECK(records[2].text == "{\"b\":2}");
    CHECK(records[2].line == 3);
}

TEST_CASE("a missing file is an error naming it", "[reader]") {
    auto reader = RecordReader::open("/nonexistent/dir/articles.jsonl");
    REQUIRE_FALSE(reader);
    CHECK(reader.error() ==
          "/nonexistent/dir/articles.jsonl: cannot open: No such file or directory");
}
