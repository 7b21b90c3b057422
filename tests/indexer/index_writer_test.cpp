// The index writer's schema version check: new indexes are stamped, other versions refused
// with what to do, and `reindex` may still open an old index.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "dateline/index_schema.hpp"
#include "index_writer.hpp"
#include "temp_dir.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

void stamp_version(const std::string& path, const std::string& version) {
    Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
    database.set_metadata(std::string(schema::kVersionMetadataKey), version);
    database.commit();
}

std::string version_of(const std::string& path) {
    return Xapian::Database(path).get_metadata(std::string(schema::kVersionMetadataKey));
}

const unsigned long kCurrent = std::stoul(std::string(schema::kVersion));

}  // namespace

TEST_CASE("a new index is stamped with the current schema version", "[index_writer]") {
    test::TempDir dir("index-writer");
    const std::string path = dir / "db";
    auto writer = IndexWriter::open(path);
    REQUIRE(writer);
    writer->commit();
    writer->close();
    CHECK(version_of(path) == schema::kVersion);
}

TEST_CASE("an index of an older schema version is refused with the way to upgrade it",
          "[index_writer]") {
    test::TempDir dir("index-writer");
    const std::string path = dir / "db";
    const std::string older = std::to_string(kCurrent - 1);
    stamp_version(path, older);
    const auto writer = IndexWriter::open(path);
    REQUIRE_FALSE(writer);
    CHECK(writer.error() == "index at " + path + " has schema version " + older +
                                ", older than the version " + std::string(schema::kVersion) +
                                " this dateline-index writes: run `dateline-index reindex --db " +
                                path + "` to upgrade it");
    CHECK(version_of(path) == older);  // left as it was
}

TEST_CASE("an index of a newer schema version is refused, and not offered a reindex",
          "[index_writer]") {
    test::TempDir dir("index-writer");
    const std::string path = dir / "db";
    stamp_version(path, std::to_string(kCurrent + 1));
    const auto writer = IndexWriter::open(path);
    REQUIRE_FALSE(writer);
    CHECK_THAT(writer.error(),
               Catch::Contains("newer than the version") && !Catch::Contains("reindex"));
}

TEST_CASE("reindex opens an index of any version, and only an existing one", "[index_writer]") {
    test::TempDir dir("index-writer");
    const std::string path = dir / "db";
    stamp_version(path, std::to_string(kCurrent - 1));
    auto writer = IndexWriter::open_any_version(path);
    REQUIRE(writer);
    // It holds the write lock: no other writer gets in meanwhile.
    const auto other = IndexWriter::open_any_version(path);
    REQUIRE_FALSE(other);
    CHECK_THAT(other.error(), Catch::Contains("is locked by another writer"));
    writer->close();
    CHECK(version_of(path) == std::to_string(kCurrent - 1));  // nothing stamped

    const auto missing = IndexWriter::open_any_version(dir / "nothing-here");
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == "no index at " + (dir / "nothing-here"));
}
