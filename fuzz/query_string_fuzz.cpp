// Fuzz target: arbitrary bytes as an HTTP request target for /v1/search — the path/query split,
// percent-decoding of the path and of the parameters (http/query_string), then
// parse_search_request. Checks that bad input is an error value with a client error code and a
// message that can be sent as JSON, and that an accepted request is within the limits the
// search layer relies on. Exceptions and crashes abort. Corpus: fuzz/corpus/query_string_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dateline/date.hpp"
#include "dateline/utf8.hpp"
#include "http/query_string.hpp"
#include "search/search_request.hpp"

namespace {

using dateline::server::ApiError;
using dateline::server::ErrorCode;
using dateline::server::SearchLimits;

void require(bool condition) {
    if (!condition) std::abort();
}

bool is_text(std::string_view text) {
    return !dateline::find_invalid_utf8(text) && text.find('\0') == std::string_view::npos;
}

// An error goes to the client as JSON: its message and parameter must be valid UTF-8.
void check_error(const ApiError& error) {
    require(error.code == ErrorCode::kInvalidParameter ||
            error.code == ErrorCode::kUnknownParameter || error.code == ErrorCode::kQueryTooLong);
    require(!error.message.empty() && !dateline::find_invalid_utf8(error.message));
    if (error.parameter) require(!dateline::find_invalid_utf8(*error.parameter));
}

void check_request(const dateline::server::SearchRequest& request) {
    require(request.q.size() <= SearchLimits::kMaxQueryBytes && is_text(request.q));
    require(request.page >= 1 && request.per_page >= 1 &&
            request.per_page <= SearchLimits::kMaxPerPage);
    require(request.page * request.per_page <= SearchLimits::kMaxResultDepth);
    require(request.snippet_words <= SearchLimits::kMaxSnippetWords);
    require(!(request.from && request.to && *request.from > *request.to));
    for (const auto* filter : {&request.sources, &request.tags, &request.authors, &request.langs})
        require(filter->size() <= SearchLimits::kMaxFilterValues);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dateline::server;
    static const dateline::Timestamp now = *dateline::parse_date("2024-06-01T00:00:00Z");
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const SplitTarget target = split_target(bytes);
    // The router decodes path segments the same way, without '+' as a space.
    if (auto path = percent_decode(target.path, false)) require(is_text(*path));

    auto params = parse_query(target.query);
    if (!params) {
        check_error(params.error());
        require(params.error().code == ErrorCode::kInvalidParameter);
        return 0;
    }
    for (const auto& [name, value] : *params) require(is_text(name) && is_text(value));

    auto request = parse_search_request(*params, now);
    if (!request) {
        check_error(request.error());
        return 0;
    }
    check_request(*request);
    return 0;
}
