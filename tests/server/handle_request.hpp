// Runs one request through a RequestHandler to completion on a private io_context, for tests
// of the request pipeline without sockets.
#pragma once

#include <exception>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "http/request_handler.hpp"

namespace dateline::server::testing {

inline HttpResponse handle_request(const RequestHandler& handler, const HttpRequest& request) {
    boost::asio::io_context io;
    std::optional<HttpResponse> response;
    boost::asio::co_spawn(io, handler.handle(request),
                          [&](const std::exception_ptr& error, HttpResponse result) {
                              if (error) std::rethrow_exception(error);
                              response = std::move(result);
                          });
    io.run();
    return std::move(response.value());
}

}  // namespace dateline::server::testing
