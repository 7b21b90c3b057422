// The index's title weight, kept in its metadata.
#include "title_weight.hpp"

#include <charconv>
#include <string>

#include "dateline/index_schema.hpp"

namespace dateline::indexer {
namespace {

// A kept value this release cannot have written reads as absent.
std::optional<Xapian::termcount> parse_weight(const std::string& text) {
    Xapian::termcount weight = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), weight);
    if (error != std::errc() || end != text.data() + text.size() || weight < 1 ||
        weight > schema::kMaxTitleWeight)
        return std::nullopt;
    return weight;
}

const std::string& key() {
    static const std::string name(schema::kTitleWeightMetadataKey);
    return name;
}

}  // namespace

Xapian::termcount settle_title_weight(IndexWriter& writer) {
    const std::string kept = writer.metadata(key());
    if (auto weight = parse_weight(kept)) return *weight;
    const Xapian::termcount weight =
        writer.article_count() > 0 ? schema::kLegacyTitleWeight : schema::kTitleWeight;
    writer.set_metadata(key(), std::to_string(weight));
    return weight;
}

Xapian::termcount settle_rebuilt_title_weight(const Xapian::Database& old, IndexWriter& writer,
                                              std::optional<Xapian::termcount> chosen) {
    const Xapian::termcount weight =
        chosen.value_or(parse_weight(old.get_metadata(key())).value_or(schema::kTitleWeight));
    writer.set_metadata(key(), std::to_string(weight));
    return weight;
}

}  // namespace dateline::indexer
