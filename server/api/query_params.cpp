// Query parameter checks for the small endpoints.
#include "api/query_params.hpp"

#include <algorithm>

namespace dateline::server {

Result<void, ApiError> reject_unknown(const QueryParams& params,
                                      std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : params) {
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string allowed;
        for (std::string_view k : known) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
        return Unexpected(
            ApiError{ErrorCode::kUnknownParameter,
                     "unknown parameter '" + name + "'" +
                         (allowed.empty() ? "; this endpoint takes none" : "; allowed: " + allowed),
                     name});
    }
    return {};
}

Result<std::string, ApiError> single_value(const QueryParams& params, const std::string& name) {
    if (params.count(name) > 1)
        return Unexpected(ApiError{ErrorCode::kInvalidParameter,
                                   "parameter '" + name + "' may be given only once", name});
    const auto found = params.find(name);
    return found == params.end() ? std::string{} : found->second;
}

}  // namespace dateline::server
