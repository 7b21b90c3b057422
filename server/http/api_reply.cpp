// ApiReply construction from JSON.
#include "http/api_reply.hpp"

#include <nlohmann/json.hpp>

namespace dateline::server {

ApiReply json_reply(const nlohmann::json& body, std::optional<std::uint64_t> index_version) {
    return {body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJsonContentType,
            index_version};
}

}  // namespace dateline::server
