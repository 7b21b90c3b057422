// watch_index: every `interval`, reads the index's article count and revision through the
// search pool into Metrics, so /metrics stays current while no one searches. Skips a round
// when the pool is full: a gauge can wait, a search cannot. Runs until its executor stops.
#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "http/metrics.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

// `executor`: the one it is spawned on (its timer's).
boost::asio::awaitable<void> watch_index(boost::asio::any_io_executor executor, SearchPool& pool,
                                         Metrics& metrics, std::chrono::seconds interval);

}  // namespace dateline::server
