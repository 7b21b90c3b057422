// RFC 3986 reference resolution (5.2.2 with 5.2.3 merging and 5.2.4 dot-segment removal).
#include "url_resolver.hpp"

#include <cctype>
#include <optional>

namespace dateline::indexer {
namespace {

struct UrlParts {
    std::optional<std::string_view> scheme, authority, query, fragment;
    std::string_view path;
};

UrlParts split(std::string_view url) {
    UrlParts parts;
    if (const auto hash = url.find('#'); hash != std::string_view::npos) {
        parts.fragment = url.substr(hash + 1);
        url = url.substr(0, hash);
    }
    if (const auto question = url.find('?'); question != std::string_view::npos) {
        parts.query = url.substr(question + 1);
        url = url.substr(0, question);
    }
    if (has_scheme(url)) {
        const auto colon = url.find(':');
        parts.scheme = url.substr(0, colon);
        url = url.substr(colon + 1);
    }
    if (url.substr(0, 2) == "//") {
        const auto slash = url.find('/', 2);
        parts.authority = url.substr(2, slash == std::string_view::npos ? url.npos : slash - 2);
        url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
    }
    parts.path = url;
    return parts;
}

std::string remove_dot_segments(std::string_view input) {
    std::string output;
    while (!input.empty()) {
        if (input.substr(0, 3) == "../") {
            input.remove_prefix(3);
        } else if (input.substr(0, 2) == "./") {
            input.remove_prefix(2);
        } else if (input.substr(0, 3) == "/./") {
            input.remove_prefix(2);
        } else if (input == "/.") {
            input = "/";
        } else if (input.substr(0, 4) == "/../" || input == "/..") {
            input = input.size() == 3 ? std::string_view("/") : input.substr(3);
            const auto last = output.rfind('/');
            output.erase(last == std::string::npos ? 0 : last);
        } else if (input == "." || input == "..") {
            input = {};
        } else {
            const auto next = input.find('/', input[0] == '/' ? 1 : 0);
            output.append(input.substr(0, next));
            input = next == std::string_view::npos ? std::string_view{} : input.substr(next);
        }
    }
    return output;
}

std::string merge_paths(const UrlParts& base, std::string_view reference_path) {
    if (base.authority && base.path.empty()) return "/" + std::string(reference_path);
    const auto last_slash = base.path.rfind('/');
    if (last_slash == std::string_view::npos) return std::string(reference_path);
    return std::string(base.path.substr(0, last_slash + 1)) + std::string(reference_path);
}

std::string join(const UrlParts& parts, std::string_view path) {
    std::string out;
    if (parts.scheme) out.append(*parts.scheme).append(":");
    if (parts.authority) out.append("//").append(*parts.authority);
    out.append(path);
    if (parts.query) out.append("?").append(*parts.query);
    if (parts.fragment) out.append("#").append(*parts.fragment);
    return out;
}

}  // namespace

bool has_scheme(std::string_view reference) {
    if (reference.empty() || !std::isalpha(static_cast<unsigned char>(reference[0]))) return false;
    for (const char c : reference) {
        if (c == ':') return true;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return false;
    }
    return false;
}

std::string resolve_url(std::string_view base_text, std::string_view reference_text) {
    const UrlParts reference = split(reference_text);
    if (reference.scheme) return join(reference, remove_dot_segments(reference.path));
    const UrlParts base = split(base_text);
    if (!base.scheme) return std::string(reference_text);
    UrlParts target;
    target.scheme = base.scheme;
    target.fragment = reference.fragment;
    std::string path;
    if (reference.authority) {
        target.authority = reference.authority;
        target.query = reference.query;
        path = remove_dot_segments(reference.path);
    } else {
        target.authority = base.authority;
        if (reference.path.empty()) {
            path = std::string(base.path);
            target.query = reference.query ? reference.query : base.query;
        } else {
            path =
                remove_dot_segments(reference.path[0] == '/' ? std::string(reference.path)
                                                             : merge_paths(base, reference.path));
            target.query = reference.query;
        }
    }
    return join(target, path);
}

}  // namespace dateline::indexer
