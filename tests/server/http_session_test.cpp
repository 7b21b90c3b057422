// Sessions over real loopback connections: keep-alive and pipelining, 431/413/400 for
// oversized or malformed requests, read and idle timeouts, and the connection limit.
#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include "http/listener.hpp"

using namespace dateline::server;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

Router test_router() {
    Router router;
    router.add(http::verb::get, "/live", [](const ApiRequest&) -> asio::awaitable<ApiResult> {
        co_return json_reply({{"status", "ok"}});
    });
    return router;
}

// A server on a free loopback port, its I/O loop on a thread of its own.
class TestServer {
public:
    explicit TestServer(std::size_t max_connections)
        : tracker_(max_connections), context_{handler_, tracker_, {8192, 1024, 1s, 1s}} {
        auto listener =
            Listener::open(io_, {asio::ip::make_address("127.0.0.1"), 0}, context_, metrics_);
        REQUIRE(listener);
        listener_ = std::move(*listener);
        listener_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~TestServer() {
        io_.stop();
        thread_.join();
    }

    std::uint16_t port() const { return listener_->local_endpoint().port(); }
    const Metrics& metrics() const { return metrics_; }

private:
    Router router_ = test_router();
    Metrics metrics_;
    RequestHandler handler_{router_, CorsPolicy({"*"}), metrics_};
    ConnectionTracker tracker_;
    SessionContext context_;
    asio::io_context io_;
    std::unique_ptr<Listener> listener_;
    std::thread thread_;
};

// What the server sends back on one connection until it closes it (or 5 s pass).
class Client {
public:
    explicit Client(std::uint16_t port) : socket_(io_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    }

    Client& send(const std::string& bytes) {
        asio::write(socket_, asio::buffer(bytes));
        return *this;
    }

    std::string receive_until_closed() {
        std::string received;
        std::array<char, 4096> chunk;
        std::function<void(boost::system::error_code, std::size_t)> on_read =
            [&](boost::system::error_code ec, std::size_t bytes) {
                received.append(chunk.data(), bytes);
                if (!ec)
                    socket_.async_read_some(asio::buffer(chunk), on_read);
                else
                    closed_ = true;
            };
        socket_.async_read_some(asio::buffer(chunk), on_read);
        io_.run_for(5s);
        return received;
    }

    bool closed() const { return closed_; }

private:
    asio::io_context io_;
    tcp::socket socket_;
    bool closed_ = false;
};

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

const std::string kClose = "GET /live HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
const std::string kKeepAlive = "GET /live HTTP/1.1\r\nHost: t\r\n\r\n";

}  // namespace

TEST_CASE("a connection serves requests until the client closes it", "[session]") {
    TestServer server(8);
    const std::string received = Client(server.port()).send(kClose).receive_until_closed();
    CHECK(received.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(received.ends_with("{\"status\":\"ok\"}"));
}

TEST_CASE("kept-alive and pipelined requests are answered in order", "[session]") {
    TestServer server(8);
    Client client(server.port());
    const std::string received =
        client.send(kKeepAlive + kKeepAlive + kClose).receive_until_closed();
    CHECK(count(received, "HTTP/1.1 200 OK") == 3);
    CHECK(client.closed());
}

TEST_CASE("oversized and malformed requests get an error and a close", "[session][limits]") {
    TestServer server(8);
    const auto [request, status] = GENERATE(table<std::string, std::string>({
        {"GET /live HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n",
         "HTTP/1.1 431 Request Header Fields Too Large"},
        {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n",
         "HTTP/1.1 431 Request Header Fields Too Large"},
        {"GET /live HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n" + std::string(2000, 'b'),
         "HTTP/1.1 413 Payload Too Large"},
        {"GET /live HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
             std::string(2048, 'c') + "\r\n0\r\n\r\n",
         "HTTP/1.1 413 Payload Too Large"},
        {"NONSENSE\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"GET /live HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"GET /live HTTP/9.9\r\nHost: t\r\n\r\n", "HTTP/1.1 400 Bad Request"},
    }));
    Client client(server.port());
    const std::string received = client.send(request).receive_until_closed();
    CHECK(received.starts_with(status + "\r\n"));
    CHECK(received.find("Connection: close\r\n") != std::string::npos);
    CHECK(received.find("{\"error\":{\"code\":") != std::string::npos);
    CHECK(client.closed());
}

TEST_CASE("a request that stalls is cut off at the read timeout", "[session][limits]") {
    TestServer server(8);
    Client client(server.port());
    const auto start = std::chrono::steady_clock::now();
    const std::string received = client.send("GET /live HTTP/1.1\r\nHost:").receive_until_closed();
    CHECK(received.empty());
    CHECK(client.closed());
    CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE("an idle kept-alive connection is closed at the idle timeout", "[session][limits]") {
    TestServer server(8);
    Client client(server.port());
    const auto start = std::chrono::steady_clock::now();
    const std::string received = client.send(kKeepAlive).receive_until_closed();
    CHECK(count(received, "HTTP/1.1 200 OK") == 1);
    CHECK(client.closed());
    CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE("connections past the limit are closed at once", "[session][limits]") {
    TestServer server(1);
    Client first(server.port());
    std::this_thread::sleep_for(200ms);  // let the server accept the first
    Client second(server.port());
    const std::string refused = second.send(kClose).receive_until_closed();
    CHECK(refused.empty());
    CHECK(second.closed());
    CHECK(server.metrics().render().find("dateline_http_connections_rejected_total 1") !=
          std::string::npos);
    CHECK(first.send(kClose).receive_until_closed().starts_with("HTTP/1.1 200 OK"));
}
