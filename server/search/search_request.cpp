// Query parameters -> a validated SearchRequest. Every failure names the parameter at fault
// and says what is allowed, so a client can fix its request without reading the docs.
#include "search/search_request.hpp"

#include <array>
#include <string_view>

#include "dateline/utf8.hpp"
#include "search/parameter_values.hpp"

namespace dateline::server {
namespace {

using Values = std::vector<std::string>;
using Apply = Result<void, ApiError> (*)(const Values& values, Timestamp now, SearchRequest& out);

Unexpected<ApiError> invalid(std::string_view parameter, std::string message) {
    return Unexpected(ApiError{ErrorCode::kInvalidParameter,
                               std::string(parameter) + ": " + std::move(message),
                               std::string(parameter)});
}

// Wraps a value parser's message into an invalid_parameter error for `parameter`.
template <class T>
Result<T, ApiError> named(std::string_view parameter, Result<T, std::string> parsed) {
    if (!parsed) return invalid(parameter, parsed.error());
    return std::move(parsed).value();
}

Result<void, ApiError> apply_q(const Values& values, Timestamp, SearchRequest& out) {
    const std::string& q = values.front();
    if (q.size() > SearchLimits::kMaxQueryBytes)
        return Unexpected(ApiError{ErrorCode::kQueryTooLong,
                                   "q is " + std::to_string(q.size()) + " bytes; the limit is " +
                                       std::to_string(SearchLimits::kMaxQueryBytes),
                                   std::string("q")});
    out.q = q;
    return {};
}

Result<void, ApiError> apply_from(const Values& values, Timestamp now, SearchRequest& out) {
    auto bound = named("from", parse_time_bound(values.front(), now, false));
    if (!bound) return Unexpected(std::move(bound).error());
    out.from = *bound;
    return {};
}

Result<void, ApiError> apply_to(const Values& values, Timestamp now, SearchRequest& out) {
    auto bound = named("to", parse_time_bound(values.front(), now, true));
    if (!bound) return Unexpected(std::move(bound).error());
    out.to = *bound;
    return {};
}

Result<void, ApiError> apply_sort(const Values& values, Timestamp, SearchRequest& out) {
    auto sort = named("sort", parse_sort(values.front()));
    if (!sort) return Unexpected(std::move(sort).error());
    out.sort = *sort;
    return {};
}

Result<void, ApiError> apply_collapse(const Values& values, Timestamp, SearchRequest& out) {
    auto collapse = named("collapse", parse_collapse(values.front()));
    if (!collapse) return Unexpected(std::move(collapse).error());
    out.collapse = *collapse;
    return {};
}

Result<void, ApiError> apply_recency(const Values& values, Timestamp, SearchRequest& out) {
    auto half_life = named("recency", parse_half_life(values.front()));
    if (!half_life) return Unexpected(std::move(half_life).error());
    out.recency_half_life = *half_life;
    return {};
}

template <std::size_t SearchRequest::*Member, std::size_t Min, std::size_t Max>
Result<void, ApiError> apply_count(std::string_view name, const Values& values,
                                   SearchRequest& out) {
    auto count = named(name, parse_count(values.front(), Min, Max));
    if (!count) return Unexpected(std::move(count).error());
    out.*Member = *count;
    return {};
}

Result<void, ApiError> apply_page(const Values& values, Timestamp, SearchRequest& out) {
    return apply_count<&SearchRequest::page, 1, SearchLimits::kMaxResultDepth>("page", values, out);
}

Result<void, ApiError> apply_per_page(const Values& values, Timestamp, SearchRequest& out) {
    return apply_count<&SearchRequest::per_page, 1, SearchLimits::kMaxPerPage>("per_page", values,
                                                                               out);
}

Result<void, ApiError> apply_snippet_words(const Values& values, Timestamp, SearchRequest& out) {
    constexpr std::size_t kMinSnippetWords = 5;
    return apply_count<&SearchRequest::snippet_words, kMinSnippetWords,
                       SearchLimits::kMaxSnippetWords>("snippet_words", values, out);
}

Result<void, ApiError> apply_partial(const Values& values, Timestamp, SearchRequest& out) {
    auto partial = named("partial", parse_switch(values.front()));
    if (!partial) return Unexpected(std::move(partial).error());
    out.partial = *partial;
    return {};
}

template <std::vector<std::string> SearchRequest::*Member>
Result<void, ApiError> apply_filter(std::string_view name, const Values& values,
                                    SearchRequest& out) {
    if (values.size() > SearchLimits::kMaxFilterValues)
        return invalid(
            name, "takes at most " + std::to_string(SearchLimits::kMaxFilterValues) + " values");
    out.*Member = values;
    return {};
}

Result<void, ApiError> apply_source(const Values& values, Timestamp, SearchRequest& out) {
    return apply_filter<&SearchRequest::sources>("source", values, out);
}

Result<void, ApiError> apply_tag(const Values& values, Timestamp, SearchRequest& out) {
    return apply_filter<&SearchRequest::tags>("tag", values, out);
}

Result<void, ApiError> apply_author(const Values& values, Timestamp, SearchRequest& out) {
    return apply_filter<&SearchRequest::authors>("author", values, out);
}

Result<void, ApiError> apply_lang(const Values& values, Timestamp, SearchRequest& out) {
    for (const std::string& value : values)
        if (!is_language_tag(value))
            return invalid("lang", "must be a language tag such as en or pt-BR");
    return apply_filter<&SearchRequest::langs>("lang", values, out);
}

// Items may be comma-separated and the parameter repeated: facets=source,tag&facets=date:year.
Result<void, ApiError> apply_facets(const Values& values, Timestamp, SearchRequest& out) {
    for (const std::string& value : values) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (item.empty()) continue;
            if (auto applied = apply_facet(item, out); !applied)
                return invalid("facets", applied.error());
        }
    }
    return {};
}

struct Field {
    std::string_view name;
    bool repeatable;
    Apply apply;
};

// The one list of parameters /v1/search takes.
constexpr std::array<Field, 15> kFields = {{
    {"q", false, apply_q},
    {"from", false, apply_from},
    {"to", false, apply_to},
    {"source", true, apply_source},
    {"tag", true, apply_tag},
    {"author", true, apply_author},
    {"lang", true, apply_lang},
    {"sort", false, apply_sort},
    {"collapse", false, apply_collapse},
    {"recency", false, apply_recency},
    {"page", false, apply_page},
    {"per_page", false, apply_per_page},
    {"facets", true, apply_facets},
    {"snippet_words", false, apply_snippet_words},
    {"partial", false, apply_partial},
}};

const Field* find_field(std::string_view name) {
    for (const Field& field : kFields)
        if (field.name == name) return &field;
    return nullptr;
}

std::string field_list() {
    std::string names;
    for (const Field& field : kFields)
        names += (names.empty() ? "" : ", ") + std::string(field.name);
    return names;
}

// The non-empty values of one known parameter, UTF-8 checked; empty values mean absent.
Result<Values, ApiError> values_of(const QueryParams& params, const Field& field) {
    Values values;
    const auto [begin, end] = params.equal_range(std::string(field.name));
    for (auto it = begin; it != end; ++it) {
        if (it->second.empty()) continue;
        if (find_invalid_utf8(it->second)) return invalid(field.name, "is not valid UTF-8");
        values.push_back(it->second);
    }
    if (values.size() > 1 && !field.repeatable)
        return invalid(field.name, "may be given only once");
    return values;
}

Result<void, ApiError> check_names(const QueryParams& params) {
    for (const auto& [name, value] : params) {
        if (find_field(name)) continue;
        const std::string shown(truncate_utf8(name, 64));
        return Unexpected(
            ApiError{ErrorCode::kUnknownParameter,
                     "unknown parameter \"" + shown + "\"; search takes " + field_list(), shown});
    }
    return {};
}

Result<void, ApiError> check_consistency(const SearchRequest& request) {
    if (request.from && request.to && *request.from > *request.to)
        return invalid("from", "is after to (" + to_rfc3339(*request.from) + " > " +
                                   to_rfc3339(*request.to) + ")");
    if (request.page * request.per_page > SearchLimits::kMaxResultDepth)
        return invalid("page",
                       "goes past result " + std::to_string(SearchLimits::kMaxResultDepth) +
                           " (page * per_page); narrow the search instead of paging deeper");
    return {};
}

}  // namespace

Result<SearchRequest, ApiError> parse_search_request(const QueryParams& params, Timestamp now) {
    if (auto names = check_names(params); !names) return Unexpected(names.error());
    SearchRequest request;
    request.now = now;
    for (const Field& field : kFields) {
        auto values = values_of(params, field);
        if (!values) return Unexpected(std::move(values).error());
        if (values->empty()) continue;
        if (auto applied = field.apply(*values, now, request); !applied)
            return Unexpected(applied.error());
    }
    if (auto consistent = check_consistency(request); !consistent)
        return Unexpected(consistent.error());
    return request;
}

}  // namespace dateline::server
