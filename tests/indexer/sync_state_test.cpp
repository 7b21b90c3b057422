// Sync state as index metadata: keys, encoding, and a round trip through a real database.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "dateline/index_schema.hpp"
#include "index_writer.hpp"
#include "sync_state.hpp"

using namespace dateline::indexer;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("dateline-sync-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("file fingerprints: bytes decide, hashed whole or in blocks alike", "[sync]") {
    TempDir dir;
    const std::string text(200'000, 'x');  // several read blocks
    std::ofstream(dir.path / "f") << text;
    const auto fingerprint = fingerprint_file((dir.path / "f").string());
    REQUIRE(fingerprint);
    CHECK(*fingerprint == fingerprint_bytes(text));
    CHECK(fingerprint->bytes == 200'000);
    CHECK(fingerprint->hash.size() == 16);
    CHECK(fingerprint_bytes("a").hash != fingerprint_bytes("b").hash);
    const auto missing = fingerprint_file((dir.path / "nope").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error() ==
          (dir.path / "nope").string() + ": cannot open: No such file or directory");
}

TEST_CASE("tree tags: the same tree however it is named", "[sync]") {
    const fs::path here = fs::current_path();
    CHECK(sync_tree_tag("archive") == sync_tree_tag((here / "archive").string()));
    CHECK(sync_tree_tag("archive/") == sync_tree_tag("./archive"));
    CHECK(sync_tree_tag("archive/x/..") == sync_tree_tag("archive"));
    CHECK(sync_tree_tag("archive") != sync_tree_tag("archive2"));
    CHECK(sync_tree_tag("a").size() == 16);
}

TEST_CASE("file keys: readable when short, hashed when long, never too long", "[sync]") {
    const std::string tag = sync_tree_tag("archive");
    const std::string prefix = std::string(dateline::schema::kSyncFileMetadataPrefix) + tag;
    CHECK(sync_file_key(tag, "blog/feed.xml") == prefix + "/blog/feed.xml");
    const std::string long_path(300, 'p');
    const std::string key = sync_file_key(tag, long_path);
    CHECK(key.size() <= 200);
    CHECK(key.rfind(prefix + "#", 0) == 0);
    CHECK(key != sync_file_key(tag, long_path + "q"));
}

TEST_CASE("file state: encoded and decoded unchanged; foreign values refused", "[sync]") {
    const FileState state{"blog/feed.xml", fingerprint_bytes("<rss/>"), {"a", "b\"quoted\""}};
    CHECK(decode_file_state(encode_file_state(state)) == state);
    for (const char* bad :
         {"", "not json", "[]", R"({"path":"x"})", R"({"path":"x","hash":"0","bytes":-1,"ids":[]})",
          R"({"path":"x","hash":"0","bytes":1,"ids":[1]})"})
        CHECK_FALSE(decode_file_state(bad));
}

TEST_CASE("file state in the index: per tree, with other trees' ids apart", "[sync]") {
    TempDir dir;
    auto writer = IndexWriter::open((dir.path / "db").string());
    REQUIRE(writer);
    const std::string one = sync_tree_tag("one"), two = sync_tree_tag("two");
    const FileState a{"a.jsonl", fingerprint_bytes("a"), {"id-1", "id-2"}};
    const FileState b{"b.jsonl", fingerprint_bytes("b"), {"id-3"}};
    writer->set_metadata(sync_file_key(one, a.path), encode_file_state(a));
    writer->set_metadata(sync_file_key(two, b.path), encode_file_state(b));
    writer->set_metadata(sync_file_key(one, "broken"), "{not json");
    writer->commit();
    const TreeState tree = load_tree_state(*writer, one);
    REQUIRE(tree.size() == 1);  // the unreadable entry is dropped
    CHECK(tree.at("a.jsonl") == a);
    CHECK(load_ids_of_other_trees(*writer, {one}) == std::set<std::string>{"id-3"});
    CHECK(load_ids_of_other_trees(*writer, {one, two}).empty());
    writer->set_metadata(sync_file_key(one, a.path), "");  // deleted
    CHECK(load_tree_state(*writer, one).empty());
}
