// The index's word-positions setting, kept in its metadata.
#include "word_positions.hpp"

#include "dateline/index_schema.hpp"

namespace dateline::indexer {
namespace {

const std::string& key() {
    static const std::string name(schema::kPositionsMetadataKey);
    return name;
}

// Anything but "off" (including an index from before the setting) keeps positions.
bool kept(const std::string& value) {
    return value != "off";
}

const char* word(bool positions) {
    return positions ? "on" : "off";
}

}  // namespace

Result<bool, std::string> settle_positions(IndexWriter& writer, std::optional<bool> requested,
                                           const std::string& database) {
    const std::string value = writer.metadata(key());
    const bool fresh = value.empty() && writer.article_count() == 0;
    const bool positions = fresh ? requested.value_or(true) : kept(value);
    if (requested && *requested != positions)
        return Unexpected("the index at " + database + " keeps word positions " + word(positions) +
                          "; `dateline-index reindex --db " + database + " --positions " +
                          word(*requested) + "` changes that");
    if (value.empty()) writer.set_metadata(key(), word(positions));
    return positions;
}

bool settle_rebuilt_positions(const Xapian::Database& old, IndexWriter& writer,
                              std::optional<bool> chosen) {
    const bool positions = chosen.value_or(kept(old.get_metadata(key())));
    writer.set_metadata(key(), word(positions));
    return positions;
}

}  // namespace dateline::indexer
