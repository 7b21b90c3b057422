// `dateline-index stats`.
#include "index_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "dateline/index_schema.hpp"
#include "index_directory.hpp"

namespace dateline::indexer {
namespace {

std::vector<std::pair<std::string, std::uint64_t>> top_terms(const Xapian::Database& database,
                                                             std::string_view prefix,
                                                             std::size_t top_n) {
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    const std::string prefix_text(prefix);
    for (auto term = database.allterms_begin(prefix_text);
         term != database.allterms_end(prefix_text); ++term)
        counts.emplace_back((*term).substr(prefix.size()), term.get_termfreq());
    const auto by_count = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    const std::size_t keep = std::min(top_n, counts.size());
    std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(keep),
                      counts.end(), by_count);
    counts.resize(keep);
    return counts;
}

// Filter terms are normalised ("harbour gazette"); show the spelling articles use, taken from
// the value slot of the first article carrying the term.
std::string display_form(const Xapian::Database& database, const std::string& term,
                         std::string_view prefix, Xapian::valueno slot, bool is_list) {
    std::string normalized = term.substr(prefix.size());
    const auto posting = database.postlist_begin(term);
    if (posting == database.postlist_end(term)) return normalized;
    const std::string value = database.get_document(*posting).get_value(slot);
    const std::vector<std::string> candidates =
        is_list ? schema::decode_list(value) : std::vector<std::string>{value};
    for (const std::string& candidate : candidates)
        if (schema::filter_term(prefix, candidate) == term) return candidate;
    return normalized;
}

void use_display_forms(const Xapian::Database& database,
                       std::vector<std::pair<std::string, std::uint64_t>>& counts,
                       std::string_view prefix, Xapian::valueno slot, bool is_list) {
    for (auto& [value, count] : counts) {
        std::string term(prefix);
        term += value;
        value = display_form(database, term, prefix, slot, is_list);
    }
}

nlohmann::json counts_to_json(const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [value, count] : counts) out.push_back({{"value", value}, {"count", count}});
    return out;
}

}  // namespace

std::uint64_t directory_bytes(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error))
        if (entry.is_regular_file(error)) total += entry.file_size(error);
    return total;
}

Result<IndexStats, std::string> read_index_stats(const std::string& path, std::size_t top_n) {
    if (auto found = require_index(path); !found) return Unexpected(found.error());
    try {
        Xapian::Database database(path);
        IndexStats stats;
        stats.articles = database.get_doccount();
        if (stats.articles > 0) {
            stats.first_date =
                schema::date_from_value(database.get_value_lower_bound(schema::kDateSlot));
            stats.last_date =
                schema::date_from_value(database.get_value_upper_bound(schema::kDateSlot));
        }
        stats.top_sources = top_terms(database, schema::kSourcePrefix, top_n);
        stats.top_tags = top_terms(database, schema::kTagPrefix, top_n);
        use_display_forms(database, stats.top_sources, schema::kSourcePrefix, schema::kSourceSlot,
                          false);
        use_display_forms(database, stats.top_tags, schema::kTagPrefix, schema::kTagsSlot, true);
        stats.size_bytes = directory_bytes(path);
        stats.revision = database.get_revision();
        stats.schema_version = database.get_metadata(std::string(schema::kVersionMetadataKey));
        return stats;
    } catch (const Xapian::Error& error) {
        return Unexpected("cannot read index at " + path + ": " + error.get_description());
    }
}

nlohmann::json stats_to_json(const IndexStats& stats) {
    nlohmann::json out = {{"articles", stats.articles},
                          {"top_sources", counts_to_json(stats.top_sources)},
                          {"top_tags", counts_to_json(stats.top_tags)},
                          {"size_bytes", stats.size_bytes},
                          {"revision", stats.revision},
                          {"schema_version", stats.schema_version}};
    out["date_span"] = nlohmann::json::object();
    if (stats.first_date) out["date_span"]["first"] = to_rfc3339(*stats.first_date);
    if (stats.last_date) out["date_span"]["last"] = to_rfc3339(*stats.last_date);
    return out;
}

std::string stats_to_text(const IndexStats& stats) {
    std::ostringstream out;
    out << "articles:   " << stats.articles << '\n';
    if (stats.first_date && stats.last_date)
        out << "dates:      " << to_rfc3339(*stats.first_date) << " .. "
            << to_rfc3339(*stats.last_date) << '\n';
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(stats.size_bytes) / 1e6);
    out << "size:       " << size << '\n';
    out << "revision:   " << stats.revision << '\n';
    const auto list = [&](const char* label, const auto& counts) {
        out << label;
        for (std::size_t i = 0; i < counts.size(); ++i)
            out << (i ? ", " : "") << counts[i].first << " (" << counts[i].second << ")";
        out << '\n';
    };
    list("sources:    ", stats.top_sources);
    list("tags:       ", stats.top_tags);
    return out.str();
}

}  // namespace dateline::indexer
