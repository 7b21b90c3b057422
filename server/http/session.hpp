// Session: one client connection. Reads requests one at a time, each with a fresh parser
// bounded by header_limit and body_limit and a read deadline; answers oversized requests 431 or
// 413 and malformed ones 400, then closes; keeps the connection alive between requests for up
// to the idle timeout. Never throws out: a broken connection just ends the session.
// Thread-safety: a session runs on its own strand; the context it shares is thread-safe.
#pragma once

#include <chrono>
#include <cstddef>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/connection_tracker.hpp"
#include "http/rate_limiter.hpp"
#include "http/request_handler.hpp"

namespace dateline::server {

struct SessionLimits {
    std::size_t max_header_bytes = 8 * 1024;
    std::size_t max_body_bytes = 1024;
    std::chrono::seconds read_timeout{10};  // to read or write one whole message
    std::chrono::seconds idle_timeout{30};  // between requests on a kept-alive connection
};

// What every session shares; it must outlive the sessions.
struct SessionContext {
    const RequestHandler& handler;
    ConnectionTracker& tracker;
    SessionLimits limits;
    RateLimiter* rate_limiter = nullptr;  // null: no per-client limit
    bool trust_forwarded_for = false;     // count requests by X-Forwarded-For (behind a proxy)
};

// Serves one connection until the client closes it, a deadline passes, an error, or shutdown.
// `connection` holds the connection's slot under the connection limit until the session ends.
boost::asio::awaitable<void> run_session(boost::beast::tcp_stream stream,
                                         const SessionContext& context,
                                         ConnectionTracker::Lease connection);

}  // namespace dateline::server
