// Shared helpers of the search-layer tests.
#include "test_index.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <random>

namespace dateline::server::testing {

std::string story_body(unsigned seed) {
    constexpr std::array<std::string_view, 12> kSyllables = {"ka", "lo", "mi", "nu", "pe", "ra",
                                                             "si", "to", "ve", "zu", "bo", "de"};
    std::mt19937 random(seed);
    std::string body = "ferry";
    for (int word = 1; word < 48; ++word) {
        body += ' ';
        for (int syllable = 0; syllable < 3; ++syllable) body += kSyllables[random() % 12];
    }
    return body + ".";
}

SearchRequest request(const QueryParams& params) {
    auto parsed = parse_search_request(params, kNow);
    if (!parsed) FAIL("parameter error: " << parsed.error().message);
    return *parsed;
}

std::vector<std::string> ids(const SearchResult& result) {
    std::vector<std::string> found;
    for (const Hit& hit : result.hits) found.push_back(hit.article.at("id").get<std::string>());
    return found;
}

std::vector<std::string> search_ids(Searcher& searcher, const QueryParams& params) {
    auto result = searcher.search(request(params));
    if (!result) FAIL("search error: " << result.error().message);
    return ids(*result);
}

}  // namespace dateline::server::testing
