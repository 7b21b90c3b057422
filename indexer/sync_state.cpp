// Encoding sync state as index metadata.
#include "sync_state.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "dateline/index_schema.hpp"
#include "dateline/stable_hash.hpp"
#include "index_writer.hpp"

namespace dateline::indexer {
namespace {

// Glass refuses metadata keys much over 200 bytes; stay well clear.
constexpr std::size_t kMaxKeyBytes = 200;
constexpr std::size_t kTagDigits = 16;

}  // namespace

std::string sync_tree_tag(const std::string& tree) {
    std::string absolute = std::filesystem::absolute(tree).lexically_normal().generic_string();
    while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
    return hex64(fnv1a64(absolute));
}

std::string sync_tree_key_prefix(std::string_view tree_tag) {
    return std::string(schema::kSyncFileMetadataPrefix) + std::string(tree_tag);
}

std::string sync_file_key(std::string_view tree_tag, std::string_view path) {
    std::string key = sync_tree_key_prefix(tree_tag);
    if (key.size() + 1 + path.size() <= kMaxKeyBytes) return key + "/" + std::string(path);
    // The state holds the path itself, so a hashed key loses nothing; two seeds make a clash
    // between two long paths of one tree vanishingly unlikely.
    return key + "#" + hex64(fnv1a64(path)) + hex64(fnv1a64(path, 0x84222325cbf29ce4ULL));
}

std::string encode_file_state(const FileState& state) {
    return nlohmann::json{{"path", state.path},
                          {"hash", state.fingerprint.hash},
                          {"bytes", state.fingerprint.bytes},
                          {"ids", state.ids}}
        .dump();
}

std::optional<FileState> decode_file_state(std::string_view encoded) {
    const auto json = nlohmann::json::parse(encoded, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object() || !json.contains("path") || !json["path"].is_string() ||
        !json.contains("hash") || !json["hash"].is_string() || !json.contains("bytes") ||
        !json["bytes"].is_number_unsigned() || !json.contains("ids") || !json["ids"].is_array())
        return std::nullopt;
    FileState state{json["path"], {json["hash"], json["bytes"]}, {}};
    for (const auto& id : json["ids"]) {
        if (!id.is_string()) return std::nullopt;
        state.ids.push_back(id);
    }
    return state;
}

TreeState load_tree_state(const IndexWriter& writer, std::string_view tree_tag) {
    TreeState tree;
    for (const auto& [key, value] : writer.metadata_with_prefix(sync_tree_key_prefix(tree_tag))) {
        // An unreadable entry is dropped: its file counts as new and is read again.
        if (auto state = decode_file_state(value)) tree[state->path] = std::move(*state);
    }
    return tree;
}

std::set<std::string> load_ids_of_other_trees(const IndexWriter& writer,
                                              const std::set<std::string>& tree_tags) {
    const std::size_t tag_at = schema::kSyncFileMetadataPrefix.size();
    std::set<std::string> ids;
    for (const auto& [key, value] :
         writer.metadata_with_prefix(std::string(schema::kSyncFileMetadataPrefix))) {
        if (tree_tags.count(key.substr(tag_at, kTagDigits))) continue;
        if (auto state = decode_file_state(value)) ids.insert(state->ids.begin(), state->ids.end());
    }
    return ids;
}

}  // namespace dateline::indexer
