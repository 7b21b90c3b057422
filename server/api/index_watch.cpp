// Periodic index gauges.
#include "api/index_watch.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/pool_job.hpp"

namespace dateline::server {

boost::asio::awaitable<void> watch_index(boost::asio::any_io_executor executor, SearchPool& pool,
                                         Metrics& metrics, std::chrono::seconds interval) {
    boost::asio::steady_timer timer(executor);
    const SearchJob job = [&metrics](Searcher& searcher) -> ApiResult {
        auto status = searcher.status();
        if (!status) return Unexpected(status.error());
        metrics.set_index_state(status->article_count, status->revision);
        return ApiReply{};
    };
    for (;;) {
        // Failures need no handling: the gauges keep their last values until a round succeeds.
        (void)co_await run_on_pool(pool, job);
        timer.expires_after(interval);
        co_await timer.async_wait(boost::asio::use_awaitable);
    }
}

}  // namespace dateline::server
