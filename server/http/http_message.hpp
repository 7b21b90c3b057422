// The HTTP message types the server reads and writes, named once so every file agrees.
// Plain value types; not thread-safe to share while being modified.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace dateline::server {

namespace http = boost::beast::http;

// Requests carry a string body only so that body_limit can answer 413: the API is GET-only.
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

}  // namespace dateline::server
