// One connection's read-handle-write loop, in the style of Beast's awaitable server.
#include "http/session.hpp"

#include <array>
#include <cstdio>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/client_address.hpp"

namespace dateline::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
// After an error response the client may still be sending (a large body); reading and dropping
// a little of it before closing keeps a TCP reset from destroying the response in flight.
constexpr std::chrono::seconds kLingerTime{1};
constexpr std::size_t kLingerBytes = 64 * 1024;

// Clients going away or going quiet are part of normal operation, not worth a log line.
bool is_routine(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == http::error::partial_message ||
           ec == beast::error::timeout || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::error::operation_aborted || ec == asio::error::not_connected;
}

void fail(const beast::error_code& ec, const char* what) {
    if (is_routine(ec)) return;
    std::fprintf(stderr, "dateline-server: %s: %s\n", what, ec.message().c_str());
}

bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_target).category() &&
           !is_routine(ec);
}

// The error to answer a request that could not be read, or nullopt to just close.
std::optional<ApiError> read_error(const beast::error_code& ec, const SessionLimits& limits) {
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
        return ApiError{
            ErrorCode::kHeadersTooLarge,
            "request headers exceed " + std::to_string(limits.max_header_bytes) + " bytes",
            {}};
    if (ec == http::error::body_limit)
        return ApiError{ErrorCode::kPayloadTooLarge,
                        "request body exceeds " + std::to_string(limits.max_body_bytes) +
                            " bytes; the API takes no request body",
                        {}};
    if (is_parse_error(ec))
        return ApiError{
            ErrorCode::kInvalidParameter, "malformed HTTP request: " + ec.message(), {}};
    return std::nullopt;
}

// Waits for the first byte of the next request, so that the idle timeout applies between
// requests and the shorter read timeout only once a request has begun.
asio::awaitable<bool> await_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                    std::chrono::seconds timeout) {
    if (buffer.size() > 0) co_return true;  // a pipelined request is already here
    stream.expires_after(timeout);
    auto [ec, bytes] = co_await stream.async_read_some(buffer.prepare(4096), kAwaitTuple);
    if (ec) {
        fail(ec, "read");
        co_return false;
    }
    buffer.commit(bytes);
    co_return true;
}

asio::awaitable<bool> write_response(beast::tcp_stream& stream, HttpResponse& response,
                                     std::chrono::seconds timeout) {
    stream.expires_after(timeout);
    auto [ec, bytes] = co_await http::async_write(stream, response, kAwaitTuple);
    if (ec) fail(ec, "write");
    co_return !ec;
}

asio::awaitable<void> linger_close(beast::tcp_stream& stream) {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(kLingerTime);
    std::array<char, 4096> sink;
    for (std::size_t drained = 0; drained < kLingerBytes;) {
        auto [ec, bytes] = co_await stream.async_read_some(asio::buffer(sink), kAwaitTuple);
        if (ec) break;
        drained += bytes;
    }
}

// The response to a request from a client over its rate limit, or nullopt to serve it.
std::optional<HttpResponse> over_limit(const HttpRequest& request, const tcp::endpoint& peer,
                                       const SessionContext& context) {
    if (context.rate_limiter == nullptr || !is_rate_limited_path(request.target()))
        return std::nullopt;
    const auto decision =
        context.rate_limiter->admit(client_address(request, peer, context.trust_forwarded_for));
    if (decision.allowed) return std::nullopt;
    return context.handler.refuse(request,
                                  ApiError{ErrorCode::kRateLimited,
                                           "too many requests from this address; retry after " +
                                               std::to_string(decision.retry_after.count()) + " s",
                                           std::nullopt},
                                  decision.retry_after);
}

asio::awaitable<void> reject(beast::tcp_stream& stream, const SessionContext& context,
                             const ApiError& error) {
    HttpResponse response = context.handler.reject(error);
    if (co_await write_response(stream, response, context.limits.read_timeout))
        co_await linger_close(stream);
}

}  // namespace

asio::awaitable<void> run_session(beast::tcp_stream stream, const SessionContext& context,
                                  [[maybe_unused]] ConnectionTracker::Lease connection) {
    const SessionLimits& limits = context.limits;
    beast::error_code no_peer;
    const tcp::endpoint peer = stream.socket().remote_endpoint(no_peer);
    beast::flat_buffer buffer;
    auto wait_timeout = limits.read_timeout;  // a new connection must start promptly
    for (;;) {
        if (!co_await await_request(stream, buffer, wait_timeout)) co_return;
        const auto request_lease = context.tracker.begin_request();

        http::request_parser<http::string_body> parser;  // fresh per message: no state leaks
        parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
        parser.body_limit(limits.max_body_bytes);
        stream.expires_after(limits.read_timeout);
        auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, kAwaitTuple);
        if (ec) {
            if (auto error = read_error(ec, limits))
                co_await reject(stream, context, *error);
            else
                fail(ec, "read");
            co_return;
        }

        // (No co_await inside a conditional expression: GCC 12 miscompiles it.)
        std::optional<HttpResponse> refused = over_limit(parser.get(), peer, context);
        if (!refused) refused = co_await context.handler.handle(parser.get());
        HttpResponse response = std::move(*refused);
        const bool keep_alive = response.keep_alive() && !context.tracker.shutting_down();
        response.keep_alive(keep_alive);
        if (!co_await write_response(stream, response, limits.read_timeout)) co_return;
        if (!keep_alive) break;
        wait_timeout = limits.idle_timeout;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace dateline::server
