// run_on_pool: runs a job on a SearchPool worker and resumes the calling coroutine on its own
// executor (the session's strand) with the job's result, so I/O threads never run Xapian.
// A full queue answers kOverloaded at once. The worker side is the boundary where an exception
// from the search layer (a Xapian error) becomes kInternal. Thread-safe.
#pragma once

#include <functional>

#include <boost/asio/awaitable.hpp>

#include "http/api_reply.hpp"
#include "search/search_pool.hpp"
#include "search/searcher.hpp"

namespace dateline::server {

// Runs on a search worker: it may use the Searcher, and should build the reply (serialise
// JSON) there too, to keep that work off the I/O threads.
//
// Callers build the job as a named SearchJob before `co_await run_on_pool(pool, job)`: GCC 12
// destroys a temporary twice when it is converted into another temporary inside a co_await
// expression (a lambda into a std::function), which frees the lambda's captures twice.
using SearchJob = std::function<ApiResult(Searcher&)>;

boost::asio::awaitable<ApiResult> run_on_pool(SearchPool& pool, SearchJob job);

}  // namespace dateline::server
