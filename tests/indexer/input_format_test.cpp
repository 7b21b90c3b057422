// Telling inputs apart by content: JSON, feeds, pages; and reading documents whole.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "archive_fixtures.hpp"
#include "input_format.hpp"
#include "record_reader.hpp"

using namespace dateline::indexer;

namespace {

struct TempFile {
    explicit TempFile(const std::string& content) {
        path = std::filesystem::temp_directory_path() /
               ("dateline-format-" + std::to_string(++counter) + "-" + std::to_string(::getpid()));
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() { std::filesystem::remove(path); }
    std::filesystem::path path;
    static inline int counter = 0;
};

InputFormat detected(const std::string& content, InputFormat requested = InputFormat::kAuto) {
    TempFile file(content);
    auto reader = RecordReader::open(file.path.string(), requested);
    REQUIRE(reader);
    return reader->format();
}

}  // namespace

TEST_CASE("markup is sniffed from its first element, not its name", "[format]") {
    const auto [head, format] = GENERATE(table<const char*, std::optional<InputFormat>>({
        {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", InputFormat::kFeed},
        {"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?><!-- c --><feed xmlns=\"x\">",
         InputFormat::kFeed},
        {"<rdf:RDF xmlns:rdf=\"x\">", InputFormat::kFeed},
        {"<atom:feed>", InputFormat::kFeed},
        {"\xEF\xBB\xBF<!DOCTYPE html><html>", InputFormat::kHtml},
        {"<!doctype HTML>", InputFormat::kHtml},
        {"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">",
         InputFormat::kHtml},
        {"  <html lang=\"en\">", InputFormat::kHtml},
        {"<div class=\"post\">", InputFormat::kHtml},
        {"<svg xmlns=\"http://www.w3.org/2000/svg\">", std::nullopt},
        {"<?xml version=\"1.0\"?><urlset>", std::nullopt},
        {"plain text", std::nullopt},
    }));
    CAPTURE(head);
    CHECK(sniff_markup(head) == format);
}

TEST_CASE("format names on the command line", "[format]") {
    CHECK(format_from_name("auto") == InputFormat::kAuto);
    CHECK(format_from_name("jsonl") == InputFormat::kJsonLines);
    CHECK(format_from_name("json") == InputFormat::kJsonArray);
    CHECK(format_from_name("rss") == InputFormat::kFeed);
    CHECK(format_from_name("atom") == InputFormat::kFeed);
    CHECK(format_from_name("feed") == InputFormat::kFeed);
    CHECK(format_from_name("html") == InputFormat::kHtml);
    CHECK_FALSE(format_from_name("xml"));
}

TEST_CASE("the reader detects each input's format from its bytes", "[format]") {
    CHECK(detected("{\"id\":1}\n") == InputFormat::kJsonLines);
    CHECK(detected("\xEF\xBB\xBF  [{\"id\":1}]") == InputFormat::kJsonArray);
    CHECK(detected(dateline::test::read_fixture("feeds/valley-atom.xml")) == InputFormat::kFeed);
    CHECK(detected(dateline::test::read_fixture("pages/library-bom.html")) == InputFormat::kHtml);
    CHECK(detected(std::string("\xFF\xFE<\0r\0s\0s\0>\0", 12)) == InputFormat::kFeed);
    CHECK(detected("just some notes") == InputFormat::kAuto);
    CHECK(detected("") == InputFormat::kAuto);
    CHECK(detected("<svg/>") == InputFormat::kAuto);
    // --format wins over content.
    CHECK(detected("<p>text</p>", InputFormat::kFeed) == InputFormat::kFeed);
    CHECK(detected("[1]\n", InputFormat::kJsonLines) == InputFormat::kJsonLines);
    CHECK(detected("notes", InputFormat::kJsonLines) == InputFormat::kJsonLines);
}

TEST_CASE("a document is one record, byte order mark kept; past the cap it is not read",
          "[format]") {
    const std::string page = "\xEF\xBB\xBF<html><p>x</p></html>\n";
    TempFile small(page);
    auto reader = RecordReader::open(small.path.string());
    REQUIRE(reader);
    const auto record = reader->next();
    REQUIRE(record);
    CHECK(record->text == page);
    CHECK(record->format == InputFormat::kHtml);
    CHECK_FALSE(record->oversized);
    CHECK_FALSE(reader->next());

    std::string huge = "<html><body>";
    huge.resize(RecordReader::kMaxDocumentBytes + std::size_t{2} * 1024 * 1024, 'a');
    TempFile big(huge);
    auto big_reader = RecordReader::open(big.path.string());
    REQUIRE(big_reader);
    const auto oversized = big_reader->next();
    REQUIRE(oversized);
    CHECK(oversized->oversized);
    CHECK(oversized->bytes == huge.size());  // from the file size: the rest was never read
    CHECK(oversized->text.size() == 4096);
    CHECK(big_reader->bytes_consumed() < huge.size());
    CHECK_FALSE(big_reader->next());
}
