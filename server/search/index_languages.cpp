// Languages by article count, from the "L" filter terms.
#include "search/index_languages.hpp"

#include <algorithm>

#include "dateline/index_schema.hpp"

namespace dateline::server {

std::vector<std::string> index_languages(const Xapian::Database& database, std::size_t limit) {
    const std::string prefix(schema::kLangPrefix);
    std::vector<std::pair<Xapian::doccount, std::string>> counted;
    for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix);
         ++term) {
        const std::string language = (*term).substr(prefix.size());
        // Other prefixes start with "L" too only if they continue in upper case.
        if (language.empty() || (language[0] >= 'A' && language[0] <= 'Z')) continue;
        counted.emplace_back(term.get_termfreq(), language);
    }
    std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> languages;
    for (std::size_t i = 0; i < counted.size() && i < limit; ++i)
        languages.push_back(std::move(counted[i].second));
    return languages;
}

}  // namespace dateline::server
