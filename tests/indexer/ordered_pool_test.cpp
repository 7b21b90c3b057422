// OrderedPool returns results in submission order whatever order workers finish in.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "ordered_pool.hpp"

using dateline::indexer::OrderedPool;

TEST_CASE("results come back in submission order", "[pool]") {
    OrderedPool<int, int> pool(3, 4, [](std::size_t, int& n) {
        // Later inputs finish first.
        std::this_thread::sleep_for(std::chrono::microseconds((50 - n % 50) * 20));
        return n * 2;
    });
    std::thread producer([&] {
        for (int i = 0; i < 200; ++i) REQUIRE(pool.submit(i));
        pool.close();
    });
    std::vector<int> results;
    while (auto result = pool.next()) results.push_back(*result);
    producer.join();
    REQUIRE(results.size() == 200);
    for (int i = 0; i < 200; ++i) CHECK(results[static_cast<std::size_t>(i)] == i * 2);
}

TEST_CASE("cancel releases a blocked producer", "[pool]") {
    OrderedPool<int, int> pool(1, 2, [](std::size_t, int& n) { return n; });
    std::atomic<bool> refused{false};
    std::thread producer([&] {
        for (int i = 0; i < 1000; ++i)
            if (!pool.submit(i)) {
                refused = true;
                return;
            }
    });
    CHECK(pool.next() == 0);
    pool.cancel();
    producer.join();
    CHECK(refused);
    CHECK_FALSE(pool.next());
}
