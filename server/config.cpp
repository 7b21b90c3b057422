// Command line, config file and environment -> ServerConfig, with CLI11.
#include "config.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>

namespace dateline::server {
namespace {

constexpr int kExitUsage = 2;

ServerConfig defaults() {
    ServerConfig config;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    config.search_threads = cores;
    // One I/O thread parses and writes far more requests than a core can search; a second
    // helps once there are cores to spare for it.
    config.io_threads = cores >= 4 ? 2 : 1;
    return config;
}

// The raw forms of options that are converted after parsing.
struct RawOptions {
    std::string listen = "127.0.0.1:8080";
    std::int64_t read_timeout_s = 10;
    std::int64_t idle_timeout_s = 30;
    std::int64_t shutdown_grace_s = 10;
    std::string synonyms;                  // "": the built-in list
    std::vector<std::string> ranking_off;  // features switched off
};

void add_options(CLI::App& app, ServerConfig& config, RawOptions& raw) {
    app.add_option("--db", config.database, "Index directory (opened read-only)")
        ->required()
        ->envname("DATELINE_DB");
    app.add_option("--listen", raw.listen,
                   "HOST:PORT or [IPv6]:PORT to listen on; port 0 picks a free port")
        ->capture_default_str()
        ->envname("DATELINE_LISTEN");
    app.add_option("--threads", config.search_threads, "Search worker threads (one per core)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
        ->capture_default_str()
        ->envname("DATELINE_THREADS");
    app.add_option("--io-threads", config.io_threads, "Threads running network I/O")
        ->check(CLI::Range(std::size_t{1}, std::size_t{64}))
        ->capture_default_str()
        ->envname("DATELINE_IO_THREADS");
    app.add_option("--cors-origin", config.cors_origins,
                   "Origin whose pages may read responses; repeatable; * allows any")
        ->delimiter(',')
        ->capture_default_str()
        ->envname("DATELINE_CORS_ORIGIN");
    app.add_option("--max-connections", config.max_connections,
                   "Open connections beyond which new ones are closed at once")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
        ->capture_default_str()
        ->envname("DATELINE_MAX_CONNECTIONS");
    app.add_option("--max-queued", config.max_queued_searches,
                   "Searches waiting for a worker beyond which requests get 503")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100'000}))
        ->capture_default_str()
        ->envname("DATELINE_MAX_QUEUED");
}

void add_limit_options(CLI::App& app, ServerConfig& config, RawOptions& raw) {
    app.add_option("--read-timeout", raw.read_timeout_s, "Seconds to read or write one message")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{3600}))
        ->capture_default_str()
        ->envname("DATELINE_READ_TIMEOUT");
    app.add_option("--idle-timeout", raw.idle_timeout_s,
                   "Seconds a kept-alive connection may wait for its next request")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{3600}))
        ->capture_default_str()
        ->envname("DATELINE_IDLE_TIMEOUT");
    app.add_option("--shutdown-grace", raw.shutdown_grace_s,
                   "Seconds to let requests in flight finish after SIGINT/SIGTERM")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{3600}))
        ->capture_default_str()
        ->envname("DATELINE_SHUTDOWN_GRACE");
    app.add_option("--max-header-bytes", config.max_header_bytes,
                   "Request line and headers beyond which a request gets 431")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1024 * 1024}))
        ->capture_default_str()
        ->envname("DATELINE_MAX_HEADER_BYTES");
    app.add_option("--max-body-bytes", config.max_body_bytes,
                   "Request body beyond which a request gets 413 (the API takes none)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1024 * 1024}))
        ->capture_default_str()
        ->envname("DATELINE_MAX_BODY_BYTES");
    app.add_option("--rate-limit", config.rate_limit,
                   "Requests a second one client address may make (token bucket); 0: no limit. "
                   "Health and metrics endpoints are not counted")
        ->check(CLI::Range(0.0, 1e6))
        ->capture_default_str()
        ->envname("DATELINE_RATE_LIMIT");
    app.add_option("--rate-limit-burst", config.rate_limit_burst,
                   "Requests one client may make at once before --rate-limit applies; "
                   "default: twice --rate-limit (at least 1)")
        ->check(CLI::Range(0.0, 1e6))
        ->envname("DATELINE_RATE_LIMIT_BURST");
    app.add_flag("--trust-forwarded-for", config.trust_forwarded_for,
                 "Count requests by the last X-Forwarded-For address (only behind a reverse "
                 "proxy that sets it; otherwise clients could pick their own)")
        ->envname("DATELINE_TRUST_FORWARDED_FOR");
}

void add_ranking_options(CLI::App& app, ServerConfig& config, RawOptions& raw) {
    app.add_option("--bm25-k1", config.ranking.bm25_k1,
                   "BM25 term-frequency saturation (higher: repeated words count longer)")
        ->check(CLI::Range(0.0, 10.0))
        ->capture_default_str()
        ->envname("DATELINE_BM25_K1");
    app.add_option("--bm25-b", config.ranking.bm25_b,
                   "BM25 length normalisation, 0 (none) to 1 (full)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str()
        ->envname("DATELINE_BM25_B");
    app.add_option("--count-limit", config.ranking.count_limit,
                   "Totals and facets are exact up to this many matches, then a lower bound "
                   "(total_relation gte); lower answers faster on large archives")
        ->check(CLI::Range(1u, 10'000'000u))
        ->capture_default_str()
        ->envname("DATELINE_COUNT_LIMIT");
    app.add_option("--synonyms", raw.synonyms,
                   "Synonym file (docs/ranking.md) instead of the built-in news list")
        ->envname("DATELINE_SYNONYMS");
    std::string features;
    for (const std::string_view name : kRankingFeatures)
        features += (features.empty() ? "" : ",") + std::string(name);
    app.add_option("--ranking-off", raw.ranking_off,
                   "Ranking features to switch off, to measure them: " + features)
        ->delimiter(',')
        ->envname("DATELINE_RANKING_OFF");
}

// The synonym table and switched-off features; the message is for the operator.
Result<void, std::string> settle_ranking(RankingOptions& ranking, const RawOptions& raw) {
    if (raw.synonyms.empty()) {
        ranking.synonyms = std::make_shared<const SynonymTable>(SynonymTable::news());
    } else {
        auto table = SynonymTable::load(raw.synonyms);
        if (!table) return Unexpected("--synonyms: " + table.error());
        ranking.synonyms = std::make_shared<const SynonymTable>(std::move(*table));
    }
    if (auto off = switch_off(ranking, raw.ranking_off); !off)
        return Unexpected("--ranking-off: " + off.error());
    return {};
}

}  // namespace

Result<ListenAddress, std::string> parse_listen_address(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size())
        return Unexpected("expected HOST:PORT or [IPv6]:PORT, got \"" + text + "\"");
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string::npos)
        return Unexpected("an IPv6 address needs brackets, as in [::1]:8080");
    if (host == "localhost") host = "127.0.0.1";

    const std::string port_text = text.substr(colon + 1);
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(),
                                             [](char c) { return c >= '0' && c <= '9'; }))
        return Unexpected("port must be a number from 0 to 65535, got \"" + port_text + "\"");
    const unsigned long port = std::stoul(port_text);
    if (port > 65535)
        return Unexpected("port must be a number from 0 to 65535, got \"" + port_text + "\"");

    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    if (ec) return Unexpected("\"" + host + "\" is not an IP address");
    return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

Result<ServerConfig, ConfigExit> parse_server_config(int argc, const char* const* argv) {
    ServerConfig config = defaults();
    RawOptions raw;
    CLI::App app{"dateline-server: the read-only JSON search service over a Dateline index"};
    app.set_version_flag("--version", "dateline-server 0.1.0");
    app.set_config("--config", "",
                   "Read options from a TOML or INI file (keys: long option names)");
    add_options(app, config, raw);
    add_limit_options(app, config, raw);
    add_ranking_options(app, config, raw);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return Unexpected(ConfigExit{app.exit(error) == 0 ? 0 : kExitUsage});
    }

    auto listen = parse_listen_address(raw.listen);
    if (!listen) {
        std::fprintf(stderr, "dateline-server: --listen: %s\n", listen.error().c_str());
        return Unexpected(ConfigExit{kExitUsage});
    }
    config.listen_host = listen->host;
    config.listen_port = listen->port;
    config.read_timeout = std::chrono::seconds(raw.read_timeout_s);
    config.idle_timeout = std::chrono::seconds(raw.idle_timeout_s);
    config.shutdown_grace = std::chrono::seconds(raw.shutdown_grace_s);
    if (auto ranking = settle_ranking(config.ranking, raw); !ranking) {
        std::fprintf(stderr, "dateline-server: %s\n", ranking.error().c_str());
        return Unexpected(ConfigExit{kExitUsage});
    }
    return config;
}

}  // namespace dateline::server
