// The index's title weight: a new index takes the default, an index written before the
// setting keeps the weight its articles were written with, and a rebuild may choose another.
#include <catch2/catch.hpp>

#include "dateline/index_schema.hpp"
#include "temp_dir.hpp"
#include "title_weight.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

const std::string kKey(schema::kTitleWeightMetadataKey);

}  // namespace

TEST_CASE("a new index takes the default title weight and keeps it", "[title-weight]") {
    test::TempDir dir("title-weight-new");
    auto writer = IndexWriter::open(dir / "db");
    REQUIRE(writer);
    CHECK(settle_title_weight(*writer) == schema::kTitleWeight);
    CHECK(writer->metadata(kKey) == std::to_string(schema::kTitleWeight));
    writer->set_metadata(kKey, "7");
    CHECK(settle_title_weight(*writer) == 7);
    writer->set_metadata(kKey, "0");  // no weight this release writes: read as none kept
    CHECK(settle_title_weight(*writer) == schema::kTitleWeight);
}

TEST_CASE("an index from before the setting keeps the weight its articles have", "[title-weight]") {
    test::TempDir dir("title-weight-legacy");
    {
        Xapian::WritableDatabase old(dir / "db", Xapian::DB_CREATE);
        old.add_document(Xapian::Document());
        old.set_metadata(std::string(schema::kVersionMetadataKey), std::string(schema::kVersion));
        old.commit();
    }
    auto writer = IndexWriter::open(dir / "db");
    REQUIRE(writer);
    CHECK(settle_title_weight(*writer) == schema::kLegacyTitleWeight);

    test::TempDir staging("title-weight-rebuild");
    auto rebuilt = IndexWriter::open(staging / "db");
    REQUIRE(rebuilt);
    const Xapian::Database legacy = Xapian::Database(dir / "db");
    // A rebuild gives an index without the key today's default, or the weight asked for.
    CHECK(settle_rebuilt_title_weight(legacy, *rebuilt, std::nullopt) == schema::kTitleWeight);
    CHECK(settle_rebuilt_title_weight(legacy, *rebuilt, 3) == 3);
    CHECK(rebuilt->metadata(kKey) == "3");
}
