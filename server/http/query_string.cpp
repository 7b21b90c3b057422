// Request-target decoding: path/query split and application/x-www-form-urlencoded decoding.
#include "http/query_string.hpp"

#include "dateline/utf8.hpp"

namespace dateline::server {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decoded text must be safe to hand to the search layer and to echo back in JSON.
Result<void, std::string> check_decoded(const std::string& text) {
    if (auto bad = find_invalid_utf8(text))
        return Unexpected("is not valid UTF-8 after percent-decoding (byte " +
                          std::to_string(*bad) + ")");
    if (text.find('\0') != std::string::npos) return Unexpected(std::string("contains a NUL"));
    return {};
}

ApiError bad_parameter(std::string message, std::optional<std::string> parameter) {
    return {ErrorCode::kInvalidParameter, std::move(message), std::move(parameter)};
}

}  // namespace

SplitTarget split_target(std::string_view target) {
    // Absolute form ("http://host:port/path?q"), which RFC 9112 says servers must accept:
    // the path starts at the first '/' after the authority.
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (target.substr(0, scheme.size()) != scheme) continue;
        const auto path = target.find('/', scheme.size());
        target = path == std::string_view::npos ? std::string_view("/") : target.substr(path);
        break;
    }
    const auto hash = target.find('#');
    if (hash != std::string_view::npos) target = target.substr(0, hash);
    const auto question = target.find('?');
    if (question == std::string_view::npos) return {target, {}};
    return {target.substr(0, question), target.substr(question + 1)};
}

Result<std::string, std::string> percent_decode(std::string_view text, bool plus_as_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Unexpected("has a malformed percent-escape at offset " + std::to_string(i) +
                                  " (expected '%' and two hex digits)");
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(plus_as_space && c == '+' ? ' ' : c);
        }
    }
    if (auto checked = check_decoded(out); !checked) return Unexpected(checked.error());
    return out;
}

Result<QueryParams, ApiError> parse_query(std::string_view query) {
    QueryParams params;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;

        const auto eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        if (!name) return Unexpected(bad_parameter("a parameter name " + name.error(), {}));
        const std::string_view raw_value =
            eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        auto value = percent_decode(raw_value, true);
        if (!value)
            return Unexpected(
                bad_parameter("the value of '" + *name + "' " + value.error(), *name));
        params.emplace(std::move(*name), std::move(*value));
    }
    return params;
}

}  // namespace dateline::server
