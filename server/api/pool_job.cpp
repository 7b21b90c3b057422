// Bridging the search pool's worker threads and the I/O threads' coroutines.
#include "api/pool_job.hpp"

#include <cstdio>
#include <exception>
#include <memory>

#include <xapian.h>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace dateline::server {
namespace {

namespace asio = boost::asio;

ApiError internal_error(const char* what, const std::string& detail) {
    // The detail is for the operator's log, not for a client.
    std::fprintf(stderr, "dateline-server: search worker: %s: %s\n", what, detail.c_str());
    return {ErrorCode::kInternal, "internal error", {}};
}

ApiResult run_guarded(const SearchJob& job, Searcher& searcher) {
    try {
        return job(searcher);
    } catch (const Xapian::Error& e) {
        return Unexpected(internal_error("Xapian", e.get_description()));
    } catch (const std::exception& e) {
        return Unexpected(internal_error("exception", e.what()));
    }
}

ApiError overloaded() {
    return {ErrorCode::kOverloaded, "the search queue is full; retry in a second", {}};
}

// The initiation: queue the job; its result is posted back to the completion handler's own
// executor, with outstanding work held so the I/O context waits for it.
struct SubmitToPool {
    template <class Handler>
    void operator()(Handler&& handler, SearchPool* pool, SearchJob job) const {
        using HandlerType = std::decay_t<Handler>;
        auto executor = asio::prefer(asio::get_associated_executor(handler),
                                     asio::execution::outstanding_work.tracked);
        // std::function needs a copyable job; the completion handler is move-only.
        auto shared = std::make_shared<HandlerType>(std::forward<Handler>(handler));
        auto deliver = [shared, executor](ApiResult result) {
            asio::post(executor, [shared, result = std::move(result)]() mutable {
                (*shared)(std::move(result));
            });
        };
        const bool queued = pool->try_submit([deliver, job = std::move(job)](Searcher& searcher) {
            deliver(run_guarded(job, searcher));
        });
        if (!queued) deliver(Unexpected(overloaded()));
    }
};

}  // namespace

asio::awaitable<ApiResult> run_on_pool(SearchPool& pool, SearchJob job) {
    const SubmitToPool submit;  // named: see SearchJob on temporaries in co_await
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(ApiResult)>(
        submit, asio::use_awaitable, &pool, std::move(job));
}

}  // namespace dateline::server
