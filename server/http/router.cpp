// Route matching against the route table.
#include "http/router.hpp"

#include <algorithm>

#include "dateline/utf8.hpp"
#include "http/query_string.hpp"

namespace dateline::server {
namespace {

namespace http = boost::beast::http;

// "/v1/articles/x" -> {"v1", "articles", "x"}; "/" -> {""}. Empty segments are kept so that
// "/v1//search" and "/v1/search/" do not match "/v1/search".
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.empty() || path.front() != '/') return segments;
    path.remove_prefix(1);
    for (;;) {
        const auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) return segments;
        path.remove_prefix(slash + 1);
    }
}

bool is_capture(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

template <class Segments>
bool same_shape(const Segments& pattern, const std::vector<std::string_view>& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (is_capture(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
    }
    return true;
}

bool answers(http::verb route_method, http::verb method) {
    return route_method == method ||
           (method == http::verb::head && route_method == http::verb::get);
}

// Paths are echoed in messages; a client's 8 KiB path need not come back whole.
std::string shown(std::string_view path) {
    return std::string(truncate_utf8(path, 200));
}

}  // namespace

void Router::add(http::verb method, std::string pattern, RouteHandler handler,
                 QueryErrors query_errors) {
    std::vector<std::string> segments;
    for (std::string_view segment : split_path(pattern)) segments.emplace_back(segment);
    entries_.push_back(
        {Route{method, std::move(pattern), std::move(handler), query_errors}, std::move(segments)});
}

Result<RouteMatch, ApiError> Router::match(http::verb method, std::string_view path) const {
    const auto segments = split_path(path);
    const Entry* found = nullptr;
    bool path_known = false;
    for (const Entry& entry : entries_) {
        if (!same_shape(entry.segments, segments)) continue;
        path_known = true;
        if (answers(entry.route.method, method)) {
            found = &entry;
            break;
        }
    }
    if (found == nullptr && path_known)
        return Unexpected(ApiError{ErrorCode::kMethodNotAllowed,
                                   "method " + std::string(http::to_string(method)) +
                                       " is not allowed on " + shown(path) +
                                       "; allowed: " + allow(path),
                                   {}});
    if (found == nullptr)
        return Unexpected(ApiError{ErrorCode::kNotFound, "no such resource: " + shown(path), {}});

    RouteMatch match{&found->route, {}};
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& name = found->segments[i];
        if (!is_capture(name)) continue;
        const std::string parameter = name.substr(1, name.size() - 2);
        auto value = percent_decode(segments[i], false);
        if (!value)
            return Unexpected(ApiError{ErrorCode::kInvalidParameter,
                                       "the path parameter '" + parameter + "' " + value.error(),
                                       parameter});
        match.path_params.push_back(std::move(*value));
    }
    return match;
}

std::string Router::allow(std::string_view path) const {
    const auto segments = split_path(path);
    std::vector<http::verb> methods;
    const auto add_method = [&methods](http::verb method) {
        if (std::find(methods.begin(), methods.end(), method) == methods.end())
            methods.push_back(method);
    };
    for (const Entry& entry : entries_) {
        if (!same_shape(entry.segments, segments)) continue;
        add_method(entry.route.method);
        if (entry.route.method == http::verb::get) add_method(http::verb::head);
    }
    if (methods.empty()) return {};
    add_method(http::verb::options);
    std::string allowed;
    for (http::verb method : methods) {
        if (!allowed.empty()) allowed += ", ";
        allowed += http::to_string(method);
    }
    return allowed;
}

}  // namespace dateline::server
