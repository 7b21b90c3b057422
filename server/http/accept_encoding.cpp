// Accept-Encoding parsing.
#include "http/accept_encoding.hpp"

#include <optional>

#include "http/header_tokens.hpp"

namespace dateline::server {
namespace {

// A qvalue (RFC 9110, section 12.4.2): "0", "0.5", "1", "1.000". Only whether it is above zero
// matters here; nullopt when it is not a qvalue.
std::optional<bool> positive_qvalue(std::string_view text) {
    if (text.empty() || (text.front() != '0' && text.front() != '1')) return std::nullopt;
    const std::string_view decimals = text.substr(1);
    if (!decimals.empty() && (decimals.front() != '.' || decimals.size() > 4)) return std::nullopt;
    const std::string_view digits = decimals.empty() ? decimals : decimals.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    if (text.front() == '1') {
        if (digits.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
        return true;
    }
    return digits.find_first_not_of('0') != std::string_view::npos;
}

struct Coding {
    std::string_view name;
    bool acceptable;
};

// "gzip;q=0.5" -> {gzip, true}; parameters other than q are ignored.
Coding parse_coding(std::string_view item) {
    const auto semicolon = item.find(';');
    Coding coding{trim_ows(item.substr(0, semicolon)), true};
    std::string_view parameters =
        semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
    while (!parameters.empty()) {
        const auto next = parameters.find(';');
        const std::string_view parameter = trim_ows(parameters.substr(0, next));
        parameters =
            next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
        const auto equals = parameter.find('=');
        if (equals == std::string_view::npos ||
            !equals_ignoring_case(trim_ows(parameter.substr(0, equals)), "q"))
            continue;
        coding.acceptable = positive_qvalue(trim_ows(parameter.substr(equals + 1))).value_or(false);
    }
    return coding;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<bool> gzip, any;
    while (!accept_encoding.empty()) {
        const auto comma = accept_encoding.find(',');
        const Coding coding = parse_coding(accept_encoding.substr(0, comma));
        accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_encoding.substr(comma + 1);
        if (equals_ignoring_case(coding.name, "gzip") ||
            equals_ignoring_case(coding.name, "x-gzip"))
            gzip = gzip.value_or(false) || coding.acceptable;
        else if (coding.name == "*")
            any = any.value_or(false) || coding.acceptable;
    }
    return gzip.value_or(any.value_or(false));
}

}  // namespace dateline::server
