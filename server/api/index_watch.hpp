// watch_index: every `interval`, reads the index's article count and revision through the
// search pool into Metrics, so /metrics stays current while no one searches. Skips a round
// when the pool is full: a gauge can wait, a search cannot. Runs until its executor stops.
#pragma once

#include <chrono>

#include <boost/asio/awaitable.hpp>

#include "http/metrics.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

boost::asio::awaitable<void> watch_index(SearchPool& pool, Metrics& metrics,
                                         std::chrono::seconds interval);

}  // namespace dateline::server
