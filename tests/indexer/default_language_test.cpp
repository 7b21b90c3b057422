// The index's default language: --default-lang's check, and how it is kept in the index.
#include <catch2/catch.hpp>

#include "dateline/index_schema.hpp"
#include "default_language.hpp"
#include "temp_dir.hpp"

using namespace dateline;
using namespace dateline::indexer;

TEST_CASE("the default language kept is the primary subtag of the tag given", "[language]") {
    const auto [tag, language] = GENERATE(table<std::string, std::string>({
        {"de", "de"},
        {"EN", "en"},
        {"pt-BR", "pt"},
        {"zh-Hant-TW", "zh"},
        {"haw", "haw"},
    }));
    CAPTURE(tag);
    const auto kept = default_language_from_tag(tag);
    REQUIRE(kept);
    CHECK(*kept == language);
}

TEST_CASE("a default language must be a language tag", "[language]") {
    const std::string tag =
        GENERATE(as<std::string>{}, "", "e", "english", "en_US", "12", "und", "en-", "de DE");
    CAPTURE(tag);
    const auto kept = default_language_from_tag(tag);
    REQUIRE_FALSE(kept);
    CHECK_THAT(kept.error(), Catch::StartsWith("expected a language tag such as en"));
}

TEST_CASE("the default language is kept in the index, written only when it changes", "[language]") {
    test::TempDir dir("default-language");
    auto writer = IndexWriter::open(dir / "db");
    REQUIRE(writer);
    const std::string key(schema::kDefaultLanguageMetadataKey);

    // A new index starts out English, and says so in its metadata for the server.
    SettledLanguage settled = settle_default_language(*writer, std::nullopt);
    CHECK(settled.language == "en");
    CHECK(settled.written);
    CHECK(writer->metadata(key) == "en");

    settled = settle_default_language(*writer, std::string("de"));
    CHECK(settled.language == "de");
    CHECK(settled.written);
    CHECK(writer->metadata(key) == "de");

    // Later runs without --default-lang keep it; the same choice again writes nothing.
    settled = settle_default_language(*writer, std::nullopt);
    CHECK(settled.language == "de");
    CHECK_FALSE(settled.written);
    settled = settle_default_language(*writer, std::string("de"));
    CHECK_FALSE(settled.written);
}
