// dateline-server: configuration -> index check -> search pool -> listener and I/O threads,
// until SIGINT/SIGTERM drains the requests in flight. Exceptions from broken infrastructure
// that escape everything else are caught here.
#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/index_watch.hpp"
#include "api/routes.hpp"
#include "config.hpp"
#include "http/connection_tracker.hpp"
#include "http/cors_policy.hpp"
#include "http/exception_log.hpp"
#include "http/listener.hpp"
#include "http/metrics.hpp"
#include "http/request_handler.hpp"
#include "http/session.hpp"
#include "search/search_pool.hpp"
#include "search/searcher.hpp"
#include "web/embedded_files.hpp"
#include "web/static_assets.hpp"

namespace dateline::server {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr int kExitFatal = 1;
constexpr std::chrono::seconds kIndexWatchInterval{5};
constexpr std::chrono::milliseconds kDrainPoll{20};

int fail(const std::string& message) {
    std::fprintf(stderr, "dateline-server: %s\n", message.c_str());
    return kExitFatal;
}

// Opened on each worker's own thread. Should the index vanish between the start-up check and
// a worker's start, that worker opens it later, on first use: until then its calls answer
// kUnavailable and /readyz says 503, and the server keeps running.
std::function<Searcher()> searcher_factory(const std::string& database,
                                           const RankingOptions& ranking) {
    return [database, ranking] {
        auto searcher = Searcher::open(database, ranking);
        if (searcher) return std::move(*searcher);
        std::fprintf(stderr, "dateline-server: search worker: %s\n",
                     searcher.error().message.c_str());
        return Searcher::deferred(database, ranking);
    };
}

SessionLimits session_limits(const ServerConfig& config) {
    return {config.max_header_bytes, config.max_body_bytes, config.read_timeout,
            config.idle_timeout};
}

std::string url_host(const asio::ip::address& address) {
    return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

// The first signal stops accepting, lets the requests in flight finish (up to `grace`) and
// stops the I/O loop; a second one stops it at once.
asio::awaitable<void> stop_on_signal(asio::signal_set& signals, Listener& listener,
                                     ConnectionTracker& tracker, std::chrono::seconds grace,
                                     asio::io_context& io) {
    auto [ec, signal] = co_await signals.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    std::fprintf(stderr, "dateline-server: signal %d: finishing requests in flight\n", signal);
    signals.async_wait([&io](const boost::system::error_code& again, int) {
        if (!again) io.stop();
    });
    listener.close();
    tracker.begin_shutdown();
    asio::steady_timer timer(io);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (tracker.requests_in_progress() > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(kDrainPoll);
        co_await timer.async_wait(asio::use_awaitable);
    }
    if (const std::size_t left = tracker.requests_in_progress(); left > 0)
        std::fprintf(stderr, "dateline-server: gave up waiting for %zu requests\n", left);
    io.stop();
}

// Runs the I/O loop on `count` threads (this one included) until it is stopped. A handler
// that throws is a bug; it is logged rather than allowed to take the server down.
void run_io_threads(asio::io_context& io, std::size_t count) {
    const auto run = [&io] {
        for (;;) {
            try {
                io.run();
                return;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "dateline-server: I/O thread: %s\n", e.what());
            }
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < count; ++i) threads.emplace_back(run);
    run();
    for (std::thread& thread : threads) thread.join();
}

int serve(const ServerConfig& config) {
    if (auto check = Searcher::open(config.database); !check) return fail(check.error().message);
    const tcp::endpoint endpoint(asio::ip::make_address(config.listen_host), config.listen_port);

    // Declaration order is teardown order in reverse: the I/O context is destroyed (and with
    // it the suspended sessions) while everything the sessions refer to still exists.
    Metrics metrics;
    ConnectionTracker tracker(config.max_connections);
    std::optional<SearchPool> pool(std::in_place, searcher_factory(config.database, config.ranking),
                                   config.search_threads, config.max_queued_searches);
    const Router router =
        make_api_router({*pool, metrics, tracker, StaticAssets(embedded_files())});
    const RequestHandler handler(router, CorsPolicy(config.cors_origins), metrics);
    std::optional<RateLimiter> rate_limiter;
    if (config.rate_limit > 0)
        rate_limiter.emplace(config.rate_limit, config.rate_limit_burst > 0
                                                    ? config.rate_limit_burst
                                                    : std::max(1.0, 2 * config.rate_limit));
    const SessionContext sessions{handler, tracker, session_limits(config),
                                  rate_limiter ? &*rate_limiter : nullptr,
                                  config.trust_forwarded_for};
    asio::io_context io(static_cast<int>(config.io_threads));
    auto listener = Listener::open(io, endpoint, sessions, metrics);
    if (!listener) return fail(listener.error());

    asio::signal_set signals(io, SIGINT, SIGTERM);
    asio::co_spawn(io, stop_on_signal(signals, **listener, tracker, config.shutdown_grace, io),
                   [](const std::exception_ptr& e) { log_exception(e, "shutdown"); });
    asio::co_spawn(io, watch_index(io.get_executor(), *pool, metrics, kIndexWatchInterval),
                   [](const std::exception_ptr& e) { log_exception(e, "index watch"); });
    (*listener)->start();
    const tcp::endpoint bound = (*listener)->local_endpoint();
    std::fprintf(stderr, "dateline-server: serving %s on http://%s:%u\n", config.database.c_str(),
                 url_host(bound.address()).c_str(), static_cast<unsigned>(bound.port()));

    run_io_threads(io, config.io_threads);
    pool.reset();  // joins the workers: nothing posts into the I/O context after this
    std::fputs("dateline-server: stopped\n", stderr);
    return 0;
}

int run(int argc, char** argv) {
    auto config = parse_server_config(argc, argv);
    if (!config) return config.error().status;
    return serve(*config);
}

}  // namespace
}  // namespace dateline::server

int main(int argc, char** argv) {
    try {
        return dateline::server::run(argc, argv);
    } catch (const Xapian::Error& error) {
        return dateline::server::fail("index error: " + error.get_description());
    } catch (const std::exception& error) {
        return dateline::server::fail(error.what());
    }
}
