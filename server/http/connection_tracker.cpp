// Connection and request counting.
#include "http/connection_tracker.hpp"

namespace dateline::server {

std::optional<ConnectionTracker::Lease> ConnectionTracker::try_open() {
    // Reserve first, then check, so two accepts racing for the last slot cannot both win.
    if (open_.fetch_add(1) >= max_connections_) {
        open_.fetch_sub(1);
        return std::nullopt;
    }
    return Lease(open_);
}

ConnectionTracker::Lease ConnectionTracker::begin_request() {
    busy_.fetch_add(1);
    return Lease(busy_);
}

}  // namespace dateline::server
