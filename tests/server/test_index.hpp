// Test helpers for the search layer: articles, an in-memory index built by the indexer's own
// DocumentBuilder, and a fixed clock. Not thread-safe; one per test case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dateline/article.hpp"
#include "dateline/index_schema.hpp"
#include "document_builder.hpp"
#include "search/search_request.hpp"
#include "search/searcher.hpp"
#include "story_assigner.hpp"

namespace dateline::server::testing {

inline Timestamp at(std::string_view text) {
    return *parse_date(text);
}

// "Now" in every test: relative dates and recency are measured from it.
inline const Timestamp kNow = at("2024-06-01T00:00:00Z");

inline Article article(std::string id, std::string title, std::string body,
                       const std::string& date = "2024-03-12T08:00:00Z",
                       std::string source = "Harbour Gazette") {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = at(date);
    a.source = std::move(source);
    return a;
}

class TestIndex {
public:
    explicit TestIndex(const std::vector<Article>& articles = {})
        : database_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
        for (const Article& a : articles) add(a);
    }

    // As dateline-index adds it: built, then given its story among the articles before it.
    void add(const Article& a) {
        Xapian::Document document = builder_.build(a);
        stories_.assign(a.id, document);
        database_.replace_document(schema::id_term(a.id), document);
    }

    Searcher searcher(const RankingOptions& ranking = {}) const {
        return Searcher(database_, ranking);
    }
    Xapian::WritableDatabase& database() { return database_; }

private:
    Xapian::WritableDatabase database_;
    indexer::DocumentBuilder builder_;
    indexer::StoryAssigner stories_{&database_};
};

// A body of 48 words ("ferry" and made-up words) that only bodies of the same `seed` share:
// articles given it are copies of one story, and of no other (stories compare bodies of 8
// words or more).
std::string story_body(unsigned seed);

// Parses as the HTTP layer would; fails the test on a parameter error.
SearchRequest request(const QueryParams& params);

// The ids of the hits, in order.
std::vector<std::string> ids(const SearchResult& result);

// Runs a search and returns the hit ids; fails the test on an error.
std::vector<std::string> search_ids(Searcher& searcher, const QueryParams& params);

}  // namespace dateline::server::testing
