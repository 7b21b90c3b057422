// ClientAddress: whom a request counts against for rate limiting — the connection's peer, or,
// behind a reverse proxy the operator trusts (--trust-forwarded-for), the address that proxy
// appended to X-Forwarded-For (the last one: earlier entries are whatever the client sent).
// Pure function; thread-safe.
#pragma once

#include <string>

#include <boost/asio/ip/tcp.hpp>

#include "http/http_message.hpp"

namespace dateline::server {

// The peer's address without the port; with trust_forwarded_for, the last X-Forwarded-For
// entry when it is an IP address (else the peer's: a malformed header earns no new bucket).
std::string client_address(const HttpRequest& request, const boost::asio::ip::tcp::endpoint& peer,
                           bool trust_forwarded_for);

}  // namespace dateline::server
