// Accepting connections and enforcing the connection limit.
#include "http/listener.hpp"
#include "http/exception_log.hpp"

#include <cstdio>
#include <exception>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace dateline::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Out of file descriptors, accept fails at once until some close: pause instead of spinning.
constexpr std::chrono::milliseconds kAcceptBackoff{50};

}  // namespace

Listener::Listener(asio::io_context& io, const SessionContext& context, Metrics& metrics)
    : io_(io), acceptor_(asio::make_strand(io)), context_(context), metrics_(metrics) {}

Result<std::unique_ptr<Listener>, std::string> Listener::open(asio::io_context& io,
                                                              const tcp::endpoint& endpoint,
                                                              const SessionContext& context,
                                                              Metrics& metrics) {
    std::unique_ptr<Listener> listener(new Listener(io, context, metrics));
    Acceptor& acceptor = listener->acceptor_;
    beast::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return Unexpected("cannot listen on " + endpoint.address().to_string() + " port " +
                          std::to_string(endpoint.port()) + ": " + ec.message());
    return listener;
}

tcp::endpoint Listener::local_endpoint() const {
    beast::error_code ec;
    return acceptor_.local_endpoint(ec);
}

void Listener::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(),
                   [](const std::exception_ptr& error) { log_exception(error, "accept"); });
}

void Listener::close() {
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
    });
}

asio::awaitable<void> Listener::accept_loop() {
    const auto await_tuple = asio::as_tuple(asio::use_awaitable);
    while (acceptor_.is_open()) {
        // Each connection gets a strand, so several I/O threads never run one session at once.
        const auto strand = asio::make_strand(io_);
        auto [ec, socket] = co_await acceptor_.async_accept(strand, await_tuple);
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) {
            std::fprintf(stderr, "dateline-server: accept: %s\n", ec.message().c_str());
            asio::steady_timer pause(acceptor_.get_executor(), kAcceptBackoff);
            co_await pause.async_wait(await_tuple);
            continue;
        }
        start_session(std::move(socket));
    }
}

void Listener::start_session(StrandSocket socket) {
    auto connection = context_.tracker.try_open();
    if (!connection) {
        metrics_.record_rejected_connection();
        beast::error_code ignored;
        socket.close(ignored);
        return;
    }
    beast::error_code ignored;
    // Each response goes out in one write; there is nothing to gain from Nagle's delay.
    socket.set_option(tcp::no_delay(true), ignored);
    const auto strand = socket.get_executor();
    asio::co_spawn(
        strand, run_session(beast::tcp_stream(std::move(socket)), context_, std::move(*connection)),
        [](const std::exception_ptr& error) { log_exception(error, "session"); });
}

}  // namespace dateline::server
