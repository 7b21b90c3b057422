// Counting open and close tags without parsing.
#include "markup_depth.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace dateline::indexer {
namespace {

// Void elements and elements whose end tag HTML lets authors omit.
constexpr std::array<std::string_view, 30> kUncounted = {
    "area",  "base",  "br",       "col",    "embed", "hr",     "img",      "input",
    "link",  "meta",  "param",    "source", "track", "wbr",    "p",        "li",
    "dt",    "dd",    "tr",       "td",     "th",    "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "rt",     "rp",    "caption"};

bool counted(std::string_view name) {
    return std::find(kUncounted.begin(), kUncounted.end(), name) == kUncounted.end();
}

}  // namespace

bool markup_nests_deeper_than(std::string_view html, std::size_t max_depth) {
    std::size_t depth = 0;
    for (std::size_t pos = html.find('<'); pos != std::string_view::npos;
         pos = html.find('<', pos + 1)) {
        if (html.compare(pos, 4, "<!--") == 0) {
            pos = html.find("-->", pos);
            if (pos == std::string_view::npos) break;
            continue;
        }
        const bool closing = pos + 1 < html.size() && html[pos + 1] == '/';
        std::size_t start = pos + (closing ? 2 : 1), end = start;
        std::string name;
        while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end])))
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[end++])));
        if (name.empty() || !counted(name)) continue;
        if (closing) {
            depth -= depth > 0 ? 1 : 0;
            continue;
        }
        const auto close = html.find('>', end);
        if (close != std::string_view::npos && close > 0 && html[close - 1] == '/') continue;
        if (++depth > max_depth) return true;
    }
    return false;
}

}  // namespace dateline::indexer
