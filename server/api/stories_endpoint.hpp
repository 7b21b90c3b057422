// StoriesEndpoint: GET /v1/stories/{id}, every article of a story (an article and its
// near-copies) with the story's size, first date and canonical article.
// Thread-safe: const; the pool is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class StoriesEndpoint {
public:
    explicit StoriesEndpoint(SearchPool& pool) : pool_(pool) {}

    // Takes the story id as the first path parameter.
    boost::asio::awaitable<ApiResult> story(const ApiRequest& request) const;

private:
    SearchPool& pool_;
};

}  // namespace dateline::server
