// Rate limiting: token buckets per client (burst, refill, Retry-After, memory bound), which
// address a request counts against, and which paths are not counted.
#include <catch2/catch.hpp>

#include "http/client_address.hpp"
#include "http/rate_limiter.hpp"

using namespace dateline::server;
using namespace std::chrono_literals;

TEST_CASE("a client may burst, then gets the rate, and is told when to retry", "[rate-limit]") {
    RateLimiter limiter(2.0, 3.0);  // 2 a second, 3 at once
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 3; ++i) CHECK(limiter.admit("192.0.2.1", t0).allowed);
    const auto refused = limiter.admit("192.0.2.1", t0);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retry_after == 1s);               // half a second, rounded up
    CHECK(limiter.admit("192.0.2.2", t0).allowed);  // another client has its own bucket
    CHECK_FALSE(limiter.admit("192.0.2.1", t0 + 250ms).allowed);
    CHECK(limiter.admit("192.0.2.1", t0 + 500ms).allowed);  // one token back after 1/rate
    CHECK_FALSE(limiter.admit("192.0.2.1", t0 + 500ms).allowed);
    // A slow rate: the wait is whole seconds.
    RateLimiter slow(0.1, 1.0);
    CHECK(slow.admit("a", t0).allowed);
    CHECK(slow.admit("a", t0).retry_after == 10s);
}

TEST_CASE("the limiter forgets clients whose buckets have refilled", "[rate-limit]") {
    RateLimiter limiter(1000.0, 1.0);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (std::size_t i = 0; i < RateLimiter::kMaxClients; ++i)
        REQUIRE(limiter.admit("client-" + std::to_string(i), t0).allowed);
    CHECK(limiter.tracked_clients() == RateLimiter::kMaxClients);
    // A second later every bucket is full again: the next new client sweeps them away.
    CHECK(limiter.admit("newcomer", t0 + 1s).allowed);
    CHECK(limiter.tracked_clients() == 1);
}

TEST_CASE("health and metrics endpoints are not rate limited", "[rate-limit]") {
    CHECK(is_rate_limited_path("/v1/search?q=ferry"));
    CHECK(is_rate_limited_path("/"));
    CHECK(is_rate_limited_path("/embed.js"));
    CHECK_FALSE(is_rate_limited_path("/healthz"));
    CHECK_FALSE(is_rate_limited_path("/readyz?verbose=1"));
    CHECK_FALSE(is_rate_limited_path("/metrics"));
    CHECK(is_rate_limited_path("/metricsx"));
}

TEST_CASE("requests count against the peer, or a trusted proxy's X-Forwarded-For", "[rate-limit]") {
    const boost::asio::ip::tcp::endpoint peer(boost::asio::ip::make_address("127.0.0.1"), 4000);
    HttpRequest request{http::verb::get, "/v1/search?q=x", 11};
    CHECK(client_address(request, peer, true) == "127.0.0.1");  // no header: the peer
    request.set("X-Forwarded-For", "203.0.113.9, 198.51.100.7");
    CHECK(client_address(request, peer, false) == "127.0.0.1");    // not trusted: ignored
    CHECK(client_address(request, peer, true) == "198.51.100.7");  // the proxy's own entry
    request.insert("X-Forwarded-For", " 2001:db8::1 ");
    CHECK(client_address(request, peer, true) == "2001:db8::1");  // the last header's last
    request.set("X-Forwarded-For", "203.0.113.9, not-an-address");
    CHECK(client_address(request, peer, true) == "127.0.0.1");  // malformed: the peer
    const boost::asio::ip::tcp::endpoint peer6(boost::asio::ip::make_address("::1"), 4000);
    CHECK(client_address(HttpRequest{http::verb::get, "/", 11}, peer6, false) == "::1");
}
