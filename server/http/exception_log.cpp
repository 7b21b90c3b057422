// Reporting exceptions that escaped a coroutine.
#include "http/exception_log.hpp"

#include <cstdio>
#include <stdexcept>

namespace dateline::server {

void log_exception(const std::exception_ptr& error, const char* what) {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dateline-server: %s: %s\n", what, e.what());
    } catch (...) {
        std::fprintf(stderr, "dateline-server: %s: unknown exception\n", what);
    }
}

}  // namespace dateline::server
