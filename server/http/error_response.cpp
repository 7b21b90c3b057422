// ApiError -> HTTP status, JSON body and error headers.
#include "http/error_response.hpp"

#include "http/api_reply.hpp"

namespace dateline::server {

http::status http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidParameter:
        case ErrorCode::kUnknownParameter:
        case ErrorCode::kQueryTooLong: return http::status::bad_request;
        case ErrorCode::kNotFound: return http::status::not_found;
        case ErrorCode::kMethodNotAllowed: return http::status::method_not_allowed;
        case ErrorCode::kPayloadTooLarge: return http::status::payload_too_large;
        case ErrorCode::kHeadersTooLarge: return http::status::request_header_fields_too_large;
        case ErrorCode::kOverloaded:
        case ErrorCode::kUnavailable: return http::status::service_unavailable;
        case ErrorCode::kRateLimited: return http::status::too_many_requests;
        case ErrorCode::kInternal: return http::status::internal_server_error;
    }
    return http::status::internal_server_error;  // an out-of-range value is a bug
}

nlohmann::json error_json(const ApiError& error) {
    nlohmann::json detail = {{"code", error_code_name(error.code)}, {"message", error.message}};
    if (error.parameter) detail["parameter"] = *error.parameter;
    return {{"error", std::move(detail)}};
}

void apply_error_status(HttpResponse& response, ErrorCode code) {
    response.result(http_status(code));
    // An error says nothing lasting about the resource: a retry may well succeed.
    response.set(http::field::cache_control, "no-store");
    if (code == ErrorCode::kOverloaded) response.set(http::field::retry_after, "1");
}

HttpResponse error_response(const ApiError& error, unsigned http_version) {
    HttpResponse response{http_status(error.code), http_version};
    response.set(http::field::content_type, kJsonContentType);
    apply_error_status(response, error.code);
    response.body() = json_reply(error_json(error)).body;
    return response;
}

}  // namespace dateline::server
