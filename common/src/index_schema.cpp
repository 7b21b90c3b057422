// Term and value encodings of the index schema.
#include "dateline/index_schema.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdio>

#include "dateline/stable_hash.hpp"
#include "dateline/text_analyzer.hpp"
#include "dateline/utf8.hpp"

namespace dateline::schema {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace

bool is_older_version(std::string_view version) {
    unsigned long stored = 0, current = 0;
    const auto parsed = std::from_chars(version.data(), version.data() + version.size(), stored);
    std::from_chars(kVersion.data(), kVersion.data() + kVersion.size(), current);
    return parsed.ec != std::errc() || parsed.ptr != version.data() + version.size() ||
           stored < current;
}

std::string id_term(std::string_view id) {
    if (kIdPrefix.size() + id.size() <= kMaxTermBytes)
        return std::string(kIdPrefix) + std::string(id);
    // Too long for a term: a readable head plus 128 bits of hash. The long form uses its own
    // prefix, so it can never equal the short form of another id.
    char hash[40];
    std::snprintf(hash, sizeof hash, "#%016" PRIx64 "%016" PRIx64, fnv1a64(id),
                  fnv1a64(id, 0x84222325cbf29ce4ULL));
    return std::string(kLongIdPrefix) + std::string(truncate_utf8(id, 160)) + hash;
}

std::string story_term(std::string_view story_id) {
    return std::string(kStoryPrefix) + id_term(story_id);
}

std::string filter_value(std::string_view value) {
    const std::string folded = TextAnalyzer::normalize(value);
    std::string out;
    out.reserve(folded.size());
    for (const char c : folded) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
    const std::string normalized = filter_value(value);
    const std::size_t room = kMaxTermBytes - prefix.size();
    return std::string(prefix) + std::string(truncate_utf8(normalized, room));
}

std::string date_value(Timestamp t) {
    return Xapian::sortable_serialise(static_cast<double>(t.time_since_epoch().count()));
}

Timestamp date_from_value(const std::string& value) {
    return Timestamp{
        std::chrono::seconds{static_cast<std::int64_t>(Xapian::sortable_unserialise(value))}};
}

std::string encode_list(const std::vector<std::string>& items) {
    // Netstring-style "<length>:<bytes>" items: any byte may appear in a tag.
    std::string out;
    for (const std::string& item : items) {
        out += std::to_string(item.size());
        out += ':';
        out += item;
    }
    return out;
}

std::vector<std::string> decode_list(std::string_view encoded) {
    std::vector<std::string_view> views;
    list_items(encoded, views);
    return {views.begin(), views.end()};
}

void list_items(std::string_view encoded, std::vector<std::string_view>& items) {
    items.clear();
    std::size_t pos = 0;
    while (pos < encoded.size()) {
        std::size_t length = 0;
        while (pos < encoded.size() && encoded[pos] >= '0' && encoded[pos] <= '9')
            length = length * 10 + static_cast<std::size_t>(encoded[pos++] - '0');
        if (pos >= encoded.size() || encoded[pos] != ':' || length > encoded.size() - pos - 1)
            break;
        items.emplace_back(encoded.substr(pos + 1, length));
        pos += 1 + length;
    }
}

}  // namespace dateline::schema
