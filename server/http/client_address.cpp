// The address a request counts against.
#include "http/client_address.hpp"

#include <optional>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace dateline::server {
namespace {

std::string_view trimmed(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::optional<std::string> last_forwarded(const HttpRequest& request) {
    // Several X-Forwarded-For headers read as one list, in order.
    std::optional<std::string> last;
    const auto [first, end] = request.equal_range("X-Forwarded-For");
    for (auto field = first; field != end; ++field) {
        const std::string_view value = field->value();
        const std::size_t comma = value.rfind(',');
        const std::string_view entry =
            trimmed(comma == std::string_view::npos ? value : value.substr(comma + 1));
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(std::string(entry), ec);
        last = ec ? std::nullopt : std::optional(address.to_string());
    }
    return last;
}

}  // namespace

std::string client_address(const HttpRequest& request, const boost::asio::ip::tcp::endpoint& peer,
                           bool trust_forwarded_for) {
    if (trust_forwarded_for)
        if (auto forwarded = last_forwarded(request)) return *forwarded;
    return peer.address().to_string();
}

}  // namespace dateline::server
