// Logging of exceptions that end a coroutine (co_spawn completion handlers): the last place
// an unexpected failure can be reported. Thread-safe: writes one line to stderr.
#pragma once

#include <exception>

namespace dateline::server {

// Prints "dateline-server: WHAT: message" for a non-null error.
void log_exception(const std::exception_ptr& error, const char* what);

}  // namespace dateline::server
