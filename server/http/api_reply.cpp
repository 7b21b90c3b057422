// ApiReply construction from JSON.
#include "http/api_reply.hpp"

#include <nlohmann/json.hpp>

namespace dateline::server {

ApiReply json_reply(const nlohmann::json& body, std::optional<std::uint64_t> index_version) {
    ApiReply reply;
    reply.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    reply.index_version = index_version;
    return reply;
}

}  // namespace dateline::server
