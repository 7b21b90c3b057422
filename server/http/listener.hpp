// Listener: accepts connections on the configured endpoint and starts a session for each, on
// its own strand. Past the connection limit it closes a new connection at once: cheaper than
// an answer, and the client sees it as an ordinary refusal.
// Thread-safe: close() may be called from any thread; the rest runs on the acceptor's strand.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "dateline/result.hpp"
#include "http/metrics.hpp"
#include "http/session.hpp"

namespace dateline::server {

class Listener {
public:
    // Binds and listens. The error says why the address cannot be used ("address in use").
    static Result<std::unique_ptr<Listener>, std::string> open(
        boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
        const SessionContext& context, Metrics& metrics);

    // The bound address: with port 0 in the configuration, the port the system chose.
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    void start();  // accepts until close()
    void close();

private:
    using Acceptor = boost::asio::ip::tcp::acceptor;
    using StrandSocket = boost::asio::basic_stream_socket<
        boost::asio::ip::tcp, boost::asio::strand<boost::asio::io_context::executor_type>>;

    Listener(boost::asio::io_context& io, const SessionContext& context, Metrics& metrics);
    boost::asio::awaitable<void> accept_loop();
    void start_session(StrandSocket socket);

    boost::asio::io_context& io_;
    Acceptor acceptor_;
    const SessionContext& context_;
    Metrics& metrics_;
};

}  // namespace dateline::server
