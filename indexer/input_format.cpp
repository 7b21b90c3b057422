// Format names and markup sniffing.
#include "input_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace dateline::indexer {
namespace {

// Elements an HTML page may start with (a fragment without <html> still parses as a page).
constexpr std::array<std::string_view, 14> kHtmlStartTags = {
    "html", "head", "body",    "meta",   "title", "link",   "div",
    "p",    "main", "article", "header", "style", "script", "section"};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Skips white space, the XML declaration, processing instructions and comments.
std::size_t skip_prolog(std::string_view text, std::size_t pos) {
    while (pos < text.size()) {
        if (std::isspace(static_cast<unsigned char>(text[pos]))) {
            ++pos;
        } else if (text.compare(pos, 2, "<?") == 0) {
            const auto end = text.find("?>", pos);
            if (end == std::string_view::npos) return text.size();
            pos = end + 2;
        } else if (text.compare(pos, 4, "<!--") == 0) {
            const auto end = text.find("-->", pos);
            if (end == std::string_view::npos) return text.size();
            pos = end + 3;
        } else {
            return pos;
        }
    }
    return pos;
}

}  // namespace

std::optional<InputFormat> format_from_name(std::string_view name) {
    if (name == "auto") return InputFormat::kAuto;
    if (name == "jsonl") return InputFormat::kJsonLines;
    if (name == "json") return InputFormat::kJsonArray;
    if (name == "rss" || name == "atom" || name == "feed") return InputFormat::kFeed;
    if (name == "html") return InputFormat::kHtml;
    return std::nullopt;
}

std::optional<InputFormat> sniff_markup(std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    std::size_t pos = skip_prolog(head, 0);
    const std::string rest = lower(head.substr(pos, 64));
    if (rest.compare(0, 9, "<!doctype") == 0) {
        if (rest.find("html") != std::string::npos) return InputFormat::kHtml;
        const auto end = head.find('>', pos);
        if (end == std::string_view::npos) return std::nullopt;
        pos = skip_prolog(head, end + 1);
    }
    if (pos >= head.size() || head[pos] != '<') return std::nullopt;
    std::size_t end = pos + 1;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == ':' || head[end] == '-' || head[end] == '_'))
        ++end;
    std::string name = lower(head.substr(pos + 1, end - pos - 1));
    if (const auto colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);
    if (name == "rss" || name == "rdf" || name == "feed") return InputFormat::kFeed;
    if (std::find(kHtmlStartTags.begin(), kHtmlStartTags.end(), name) != kHtmlStartTags.end())
        return InputFormat::kHtml;
    return std::nullopt;
}

}  // namespace dateline::indexer
