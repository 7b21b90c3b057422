// ServerConfig: everything dateline-server can be told, from the command line, a TOML/INI
// file (--config FILE) and DATELINE_* environment variables (in that order of precedence).
// Plain value type; thread-safe to copy.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dateline/result.hpp"
#include "search/ranking_options.hpp"

namespace dateline::server {

struct ServerConfig {
    std::string database;                   // index directory, opened read-only
    std::string listen_host = "127.0.0.1";  // an IP literal (IPv6 without brackets)
    std::uint16_t listen_port = 8080;       // 0: the system picks a free port
    std::size_t search_threads = 1;         // default: one per core
    std::size_t io_threads = 1;             // default: 1, or 2 from 4 cores up
    std::vector<std::string> cors_origins = {"*"};
    std::size_t max_connections = 512;
    // Searches beyond the workers before 503: room for a busy site's bursts (64 connections
    // with /readyz and the index watch got 503s from a 64 queue), short enough to drain in
    // well under a second.
    std::size_t max_queued_searches = 256;
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds idle_timeout{30};
    std::chrono::seconds shutdown_grace{10};
    std::size_t max_header_bytes = 8 * 1024;
    std::size_t max_body_bytes = 1024;
    double rate_limit = 0;             // requests a second per client address; 0: no limit
    double rate_limit_burst = 0;       // requests at once per client; 0: twice rate_limit
    bool trust_forwarded_for = false;  // the client address is X-Forwarded-For's last entry
    RankingOptions ranking;  // synonyms: the built-in news list unless --synonyms names a file
};

// Why parsing stopped without a configuration: --help/--version (status 0) or a bad command
// line, file or variable (status 2). The message is already printed.
struct ConfigExit {
    int status;
};

Result<ServerConfig, ConfigExit> parse_server_config(int argc, const char* const* argv);

// "127.0.0.1:8080" or "[::1]:8080" -> host and port; the error is a reason for a person.
struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};
Result<ListenAddress, std::string> parse_listen_address(const std::string& text);

}  // namespace dateline::server
