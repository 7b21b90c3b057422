// Bytes to UTF-8: byte order marks, declared charsets, and the fallback for the undeclared.
#include <catch2/catch.hpp>

#include "archive_fixtures.hpp"
#include "charset_decoder.hpp"

using namespace dateline::indexer;

TEST_CASE("a byte order mark wins over any declaration", "[charset]") {
    const auto utf8 =
        decode_to_utf8("\xEF\xBB\xBF<meta charset=\"windows-1252\">caf\xC3\xA9", MarkupKind::kHtml);
    REQUIRE(utf8);
    CHECK(utf8->utf8 == "<meta charset=\"windows-1252\">caf\xC3\xA9");
    const std::string utf16le("\xFF\xFE<\0a\0>\0\xE9\0", 10);
    const auto decoded = decode_to_utf8(utf16le, MarkupKind::kXml);
    REQUIRE(decoded);
    CHECK(decoded->utf8 == "<a>\xC3\xA9");
}

TEST_CASE("declared charsets are honoured: XML prolog, meta charset, http-equiv", "[charset]") {
    const auto [bytes, kind, charset] = GENERATE(table<const char*, MarkupKind, const char*>({
        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>", MarkupKind::kXml, "iso-8859-1"},
        {"<html><head><meta charset=utf-8>", MarkupKind::kHtml, "utf-8"},
        {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
         MarkupKind::kHtml, "shift_jis"},
        {"<meta charset=\"windows-1252\">", MarkupKind::kXml, nullptr},  // not looked for in XML
        {"<html><p>no declaration</p>", MarkupKind::kHtml, nullptr},
    }));
    CAPTURE(bytes);
    const auto declared = declared_charset(bytes, kind);
    if (charset)
        CHECK(declared == std::optional<std::string>(charset));
    else
        CHECK_FALSE(declared);
}

TEST_CASE("a Windows-1252 page with meta charset becomes UTF-8", "[charset]") {
    const std::string page = dateline::test::read_fixture("pages/cafe-windows1252.html");
    const auto decoded = decode_to_utf8(page, MarkupKind::kHtml);
    REQUIRE(decoded);
    CHECK(decoded->charset == "windows-1252");
    CHECK_FALSE(decoded->fallback);
    CHECK(decoded->utf8.find("\xE2\x80\x9CWe missed the regulars,\xE2\x80\x9D said the owner, "
                             "Ren\xC3\xA9"
                             "e") != std::string::npos);
    CHECK(decoded->utf8.find("\xE2\x82\xAC"
                             "2") != std::string::npos);  // the euro sign
}

TEST_CASE("Latin-1 labels read as Windows-1252, as browsers do", "[charset]") {
    const auto decoded =
        decode_to_utf8("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>\x93quoted\x94 \xE9</t>",
                       MarkupKind::kXml);
    REQUIRE(decoded);
    CHECK(decoded->utf8.find("\xE2\x80\x9Cquoted\xE2\x80\x9D \xC3\xA9") != std::string::npos);
}

TEST_CASE("undeclared bytes: UTF-8 when valid, else the Windows-1252 fallback", "[charset]") {
    const auto valid = decode_to_utf8("<p>caf\xC3\xA9</p>", MarkupKind::kHtml);
    REQUIRE(valid);
    CHECK(valid->utf8 == "<p>caf\xC3\xA9</p>");
    CHECK_FALSE(valid->fallback);
    const auto legacy = decode_to_utf8("<p>caf\xE9 \x96 cr\xE8me</p>", MarkupKind::kHtml);
    REQUIRE(legacy);
    CHECK(legacy->utf8 == "<p>caf\xC3\xA9 \xE2\x80\x93 cr\xC3\xA8me</p>");
    CHECK(legacy->fallback);
}

TEST_CASE("an unknown declared charset is refused by name; bad bytes in UTF-8 are replaced",
          "[charset]") {
    const auto unknown = decode_to_utf8("<meta charset=\"x-martian-7\"><p>hi", MarkupKind::kHtml);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error() == "unknown charset \"x-martian-7\"");
    const auto broken = decode_to_utf8(
        "<meta charset=\"utf-8\"><p>a\xFF"
        "b",
        MarkupKind::kHtml);
    REQUIRE(broken);
    CHECK(broken->utf8 ==
          "<meta charset=\"utf-8\"><p>a\xEF\xBF\xBD"
          "b");
}
