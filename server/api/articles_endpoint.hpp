// ArticlesEndpoint: GET /v1/articles/{id} (the stored article as a top-level JSON object) and
// GET /v1/articles/{id}/related ({"hits": [...]}, shaped like search hits).
// Thread-safe: const; the pool is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class ArticlesEndpoint {
public:
    static constexpr std::size_t kRelatedHits = 10;

    explicit ArticlesEndpoint(SearchPool& pool) : pool_(pool) {}

    // Both take the article id as the first path parameter.
    boost::asio::awaitable<ApiResult> article(const ApiRequest& request) const;
    boost::asio::awaitable<ApiResult> related(const ApiRequest& request) const;

private:
    SearchPool& pool_;
};

}  // namespace dateline::server
