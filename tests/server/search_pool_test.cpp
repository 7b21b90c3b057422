// SearchPool: jobs run on workers with their own Searcher; a full queue refuses work; stop()
// finishes what was queued; a failing make_searcher fails the constructor.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>

#include "search/search_pool.hpp"
#include "test_index.hpp"

using namespace dateline;
using namespace dateline::server;
using namespace dateline::server::testing;

namespace {

std::function<Searcher()> in_memory_searchers() {
    return [] {
        return Searcher(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    };
}

}  // namespace

TEST_CASE("the pool runs jobs on its workers, each with a Searcher", "[pool]") {
    SearchPool pool(in_memory_searchers(), 2, 8);
    std::promise<std::uint64_t> count;
    REQUIRE(
        pool.try_submit([&](Searcher& searcher) { count.set_value(searcher.article_count()); }));
    CHECK(count.get_future().get() == 0);
}

TEST_CASE("a full pool refuses work, in_flight counts queued and running jobs", "[pool][limits]") {
    SearchPool pool(in_memory_searchers(), 1, 1);
    std::promise<void> release, started;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> done{0};
    REQUIRE(pool.try_submit([&](Searcher&) {
        started.set_value();
        released.wait();
        ++done;
    }));
    started.get_future().wait();
    CHECK(pool.try_submit([&](Searcher&) { ++done; }));        // queued
    CHECK_FALSE(pool.try_submit([&](Searcher&) { ++done; }));  // over the bound
    CHECK(pool.in_flight() == 2);
    release.set_value();
    pool.stop();
    CHECK(done == 2);
    CHECK(pool.in_flight() == 0);
    CHECK_FALSE(pool.try_submit([](Searcher&) {}));  // stopping: refused
}

TEST_CASE("stopping finishes the queued jobs first", "[pool]") {
    std::atomic<int> done{0};
    {
        SearchPool pool(in_memory_searchers(), 1, 100);
        for (int i = 0; i < 50; ++i) REQUIRE(pool.try_submit([&](Searcher&) { ++done; }));
    }  // the destructor stops
    CHECK(done == 50);
}

TEST_CASE("a job that throws does not take its worker down", "[pool]") {
    SearchPool pool(in_memory_searchers(), 1, 4);
    REQUIRE(pool.try_submit([](Searcher&) { throw std::runtime_error("bug"); }));
    std::promise<void> ran;
    REQUIRE(pool.try_submit([&](Searcher&) { ran.set_value(); }));
    ran.get_future().wait();
}

TEST_CASE("a worker that cannot make its Searcher fails the pool's construction", "[pool]") {
    std::atomic<int> made{0};
    const auto flaky = [&]() -> Searcher {
        if (made++ == 1) throw std::runtime_error("cannot open the index");
        return Searcher(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    };
    CHECK_THROWS_WITH(SearchPool(flaky, 3, 4), "cannot open the index");
}
