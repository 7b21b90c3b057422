// Switching ranking features off by name, for --ranking-off.
#include "search/ranking_options.hpp"

namespace dateline::server {

Result<void, std::string> switch_off(RankingOptions& options,
                                     const std::vector<std::string>& features) {
    for (const std::string& feature : features) {
        if (feature == "stop-words") {
            options.stop_words = false;
        } else if (feature == "stemming") {
            options.stemming = false;
        } else if (feature == "exact-words") {
            options.exact_word_weight = 0;
        } else if (feature == "all-words") {
            options.all_words = false;
        } else if (feature == "long-query-cut") {
            options.long_query_cut = false;
        } else if (feature == "capitals") {
            options.capitals_as_words = false;
        } else if (feature == "synonyms") {
            options.synonyms.reset();
        } else {
            std::string known;
            for (const std::string_view name : kRankingFeatures) {
                if (!known.empty()) known += ", ";
                known += name;
            }
            std::string message = "unknown ranking feature \"";
            message += feature;
            message += "\" (known: ";
            message += known;
            message += ")";
            return Unexpected(std::move(message));
        }
    }
    return {};
}

}  // namespace dateline::server
