// SuggestEndpoint: GET /v1/suggest?q=prefix -> {"suggestions": [...]}, up to 10 completions
// for type-ahead. Thread-safe: const; the pool is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/router.hpp"
#include "search/search_pool.hpp"

namespace dateline::server {

class SuggestEndpoint {
public:
    static constexpr std::size_t kMaxSuggestions = 10;

    explicit SuggestEndpoint(SearchPool& pool) : pool_(pool) {}

    boost::asio::awaitable<ApiResult> suggest(const ApiRequest& request) const;

private:
    SearchPool& pool_;
};

}  // namespace dateline::server
