// Searcher: answers searches, suggestions, article, related-article and story lookups over
// one Xapian::Database. Knows nothing of HTTP. It reopens the database before each call (so a
// commit by dateline-index is visible without a restart) and retries once on
// DatabaseModifiedError. Not thread-safe: each search worker owns one Searcher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "dateline/result.hpp"
#include "dateline/text_analyzer.hpp"
#include "search/api_error.hpp"
#include "search/index_identity.hpp"
#include "search/ranking_options.hpp"
#include "search/search_request.hpp"
#include "search/search_result.hpp"
#include "search/story_lookup.hpp"

namespace dateline::server {

class Searcher {
public:
    // Opens the index read-only. kUnavailable when it cannot be opened.
    static Result<Searcher, ApiError> open(const std::string& path,
                                           const RankingOptions& ranking = {});
    // Over the index at path, opened on first use: until it can be opened, every call answers
    // kUnavailable (and tries again). For a search worker whose open() failed, so the server
    // keeps running and /readyz (via status()) says "not ready" until the index appears.
    static Searcher deferred(std::string path, const RankingOptions& ranking = {});
    // Over an existing database (tests use an in-memory one).
    explicit Searcher(Xapian::Database database, const RankingOptions& ranking = {});

    Result<SearchResult, ApiError> search(const SearchRequest& request);
    // Up to `limit` completions of a prefix, for type-ahead: frequent terms and titles.
    Result<std::vector<std::string>, ApiError> suggest(std::string_view prefix,
                                                       std::size_t limit = 10);
    // The stored article; kNotFound for an unknown id.
    Result<nlohmann::json, ApiError> article(const std::string& id);
    // More like this (relevance-feedback expansion), excluding the article and its story.
    Result<std::vector<Hit>, ApiError> related(const std::string& id, std::size_t limit = 10);
    // A story's articles (StoryLookup::story); kNotFound for an unknown story.
    Result<Story, ApiError> story(const std::string& id);

    struct IndexStatus {
        std::uint64_t article_count = 0;
        std::uint64_t revision = 0;  // 0 for an in-memory index
    };
    // For /readyz and /metrics: kUnavailable when the index cannot be read right now.
    Result<IndexStatus, ApiError> status();

    // As status(), with 0 when the index cannot be read.
    std::uint64_t article_count();
    std::uint64_t revision();
    // The revision combined with the database UUID (see SearchResult::index_version).
    std::uint64_t version();

private:
    // Runs `work` on a freshly reopened database, once more if the index moved under it.
    // Xapian and stored-record errors become kUnavailable / kInternal here: no exception
    // from the index leaves a Searcher.
    template <class Work>
    auto with_database(Work&& work) -> decltype(work());
    // reopen(), or a fresh open when the path now names another directory (compact swaps).
    void refresh();

    Xapian::Database database_;
    TextAnalyzer analyzer_;
    RankingOptions ranking_;
    std::string path_;                           // "" for a database handed in
    std::optional<DirectoryIdentity> identity_;  // of path_ when database_ was opened
    bool opened_ = true;                         // false: open path_ afresh before the next call
};

}  // namespace dateline::server
