// The sync planner: stored state + files found -> read, leave, delete. Pure, so table-driven.
#include <catch2/catch.hpp>

#include "sync_plan.hpp"

using namespace dateline::indexer;

namespace {

FileFingerprint print(const char* text) {
    return fingerprint_bytes(text);
}

FileState stored(const char* path, const char* text, std::vector<std::string> ids = {}) {
    return {path, print(text), std::move(ids)};
}

TreeState tree_of(std::vector<FileState> files) {
    TreeState tree;
    for (FileState& file : files) tree[file.path] = std::move(file);
    return tree;
}

}  // namespace

TEST_CASE("plan: each found file is added, changed, unchanged or unreadable", "[sync]") {
    const TreeState before = tree_of({stored("a.jsonl", "one"), stored("b.xml", "two"),
                                      stored("c.html", "three"), stored("gone.xml", "four")});
    const std::vector<FoundFile> found = {
        {"a.jsonl", print("one")},  // same bytes
        {"b.xml", print("two, edited")},
        {"c.html", std::nullopt},  // could not be hashed
        {"new.jsonl", print("five")},
    };
    const SyncPlan plan = plan_sync(before, found);
    CHECK(plan.unchanged == std::vector<std::size_t>{0});
    CHECK(plan.changed == std::vector<std::size_t>{1});
    CHECK(plan.unreadable == std::vector<std::size_t>{2});
    CHECK(plan.added == std::vector<std::size_t>{3});
    // An unreadable file is not "removed": its articles stay.
    CHECK(plan.removed == std::vector<std::string>{"gone.xml"});
    CHECK_FALSE(plan.reads_nothing());
}

TEST_CASE("plan: an unchanged tree reads nothing and removes nothing", "[sync]") {
    const TreeState before = tree_of({stored("a", "1"), stored("b", "2")});
    const SyncPlan plan = plan_sync(before, {{"a", print("1")}, {"b", print("2")}});
    CHECK(plan.reads_nothing());
    CHECK(plan.removed.empty());
    CHECK(plan.unchanged.size() == 2);
}

TEST_CASE("plan: a first sync adds everything; an emptied tree removes everything", "[sync]") {
    CHECK(plan_sync({}, {{"a", print("1")}, {"b", print("2")}}).added ==
          std::vector<std::size_t>{0, 1});
    CHECK(plan_sync(tree_of({stored("a", "1"), stored("b", "2")}), {}).removed ==
          std::vector<std::string>{"a", "b"});
}

TEST_CASE("plan: same size, other bytes is a change", "[sync]") {
    const SyncPlan plan = plan_sync(tree_of({stored("a", "abc")}), {{"a", print("abd")}});
    CHECK(plan.changed == std::vector<std::size_t>{0});
}

TEST_CASE("dropped ids: what a file produced before and no longer does", "[sync]") {
    struct Case {
        std::vector<std::string> before, now, dropped;
    };
    const std::vector<Case> cases = {
        {{"a", "b", "c"}, {"a", "c"}, {"b"}},  // an item removed from a feed
        {{"a", "b"}, {"a", "b", "c"}, {}},     // an item added
        {{"a"}, {}, {"a"}},                    // every record of the file now rejected
        {{}, {"a"}, {}},
    };
    for (const Case& c : cases) CHECK(dropped_ids(c.before, c.now) == c.dropped);
}

TEST_CASE("ids to delete: a candidate that another file still produces stays", "[sync]") {
    CHECK(ids_to_delete({"moved", "gone", "shared"}, {"moved", "other", "shared"}) ==
          std::vector<std::string>{"gone"});
    CHECK(ids_to_delete({}, {"x"}).empty());
}

TEST_CASE("normalized ids: sorted, repeats once", "[sync]") {
    CHECK(normalized_ids({"b", "a", "b", "c", "a"}) == std::vector<std::string>{"a", "b", "c"});
}
