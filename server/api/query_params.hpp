// Checks on the query parameters of the endpoints that take few or none (/v1/search has its
// own parser in the search layer). Pure functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "dateline/result.hpp"
#include "search/api_error.hpp"
#include "search/search_request.hpp"

namespace dateline::server {

// kUnknownParameter for the first parameter not in `known`.
Result<void, ApiError> reject_unknown(const QueryParams& params,
                                      std::initializer_list<std::string_view> known);

// The value of a parameter given at most once ("" when absent); kInvalidParameter if repeated.
Result<std::string, ApiError> single_value(const QueryParams& params, const std::string& name);

}  // namespace dateline::server
