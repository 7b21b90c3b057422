// Searcher: the boundary between the search layer and the index. Every call reopens the
// database first and maps Xapian's exceptions to ApiError values.
#include "search/searcher.hpp"

#include <nlohmann/json.hpp>

#include "dateline/index_schema.hpp"
#include "dateline/stable_hash.hpp"
#include "dateline/utf8.hpp"
#include "search/article_lookup.hpp"
#include "search/related_articles.hpp"
#include "search/search_run.hpp"
#include "search/suggester.hpp"

namespace dateline::server {
namespace {

// Callers ask for a page of suggestions or related articles, never more.
constexpr std::size_t kMaxListed = SearchLimits::kMaxPerPage;

Unexpected<ApiError> failure(ErrorCode code, std::string message) {
    return Unexpected(ApiError{code, std::move(message), std::nullopt});
}

// An index written by a newer or older schema would answer wrongly; refuse it instead, and
// say how to upgrade an old one.
std::optional<std::string> schema_mismatch(const Xapian::Database& database,
                                           const std::string& path) {
    const std::string version = database.get_metadata(std::string(schema::kVersionMetadataKey));
    if (version.empty() || version == schema::kVersion) return std::nullopt;
    const std::string found = "the index at " + path + " has schema version " + version +
                              "; this server reads version " + std::string(schema::kVersion);
    if (schema::is_older_version(version))
        return found + ": run `dateline-index reindex --db " + path + "` to upgrade it";
    return found + ": serve it with the release that wrote it";
}

// FNV-1a over the UUID, mixed with the revision: stable for one database state, different
// after a compaction even when the revision number repeats.
std::uint64_t version_of(const Xapian::Database& database, std::uint64_t revision) {
    std::string uuid;
    try {
        uuid = database.get_uuid();
    } catch (const Xapian::Error&) {
        // No UUID (in-memory): the revision alone.
    }
    return fnv1a64(uuid) ^ (revision * 0x9e3779b97f4a7c15ULL);
}

std::uint64_t revision_of(const Xapian::Database& database) {
    try {
        return database.get_revision();
    } catch (const Xapian::UnimplementedError&) {
        return 0;  // in-memory databases have no revisions
    } catch (const Xapian::InvalidOperationError&) {
        return 0;
    }
}

}  // namespace

Result<Searcher, ApiError> Searcher::open(const std::string& path, const RankingOptions& ranking) {
    // The identity is taken before opening: a swap in between makes the next call reopen,
    // where the other order could pin the old index for good.
    const std::optional<DirectoryIdentity> identity = directory_identity(path);
    try {
        Searcher searcher{Xapian::Database(path), ranking};
        if (auto mismatch = schema_mismatch(searcher.database_, path))
            return failure(ErrorCode::kUnavailable, *mismatch);
        searcher.path_ = path;
        searcher.identity_ = identity;
        return searcher;
    } catch (const Xapian::Error& error) {
        return failure(ErrorCode::kUnavailable,
                       "cannot open the index at " + path + ": " + error.get_msg());
    }
}

Searcher Searcher::deferred(std::string path, const RankingOptions& ranking) {
    Searcher searcher{Xapian::Database(), ranking};
    searcher.path_ = std::move(path);
    searcher.opened_ = false;
    return searcher;
}

Searcher::Searcher(Xapian::Database database, const RankingOptions& ranking)
    : database_(std::move(database)), ranking_(ranking) {}

void Searcher::refresh() {
    if (!path_.empty()) {
        const std::optional<DirectoryIdentity> current = directory_identity(path_);
        if (!opened_ || current != identity_) {
            Xapian::Database fresh(path_);  // throws DatabaseOpeningError when gone
            if (auto mismatch = schema_mismatch(fresh, path_))
                throw Xapian::DatabaseOpeningError(*mismatch);
            database_ = std::move(fresh);
            identity_ = current;
            opened_ = true;
            return;
        }
    }
    database_.reopen();
}

template <class Work>
auto Searcher::with_database(Work&& work) -> decltype(work()) {
    try {
        try {
            refresh();
            return work();
        } catch (const Xapian::DatabaseModifiedError&) {
            // The indexer committed twice while we read: the revision we had is gone.
            refresh();
            return work();
        }
    } catch (const Xapian::DatabaseModifiedError&) {
        return failure(ErrorCode::kUnavailable, "the index is being rewritten; try again");
    } catch (const Xapian::DatabaseOpeningError& error) {
        opened_ = false;  // open afresh by path next time
        return failure(ErrorCode::kUnavailable, "the index cannot be opened: " + error.get_msg());
    } catch (const Xapian::Error& error) {
        opened_ = false;
        return failure(ErrorCode::kInternal, "index error: " + error.get_description());
    } catch (const nlohmann::json::exception& error) {
        return failure(ErrorCode::kInternal,
                       std::string("unreadable stored record: ") + error.what());
    }
}

Result<SearchResult, ApiError> Searcher::search(const SearchRequest& request) {
    return with_database([&]() -> Result<SearchResult, ApiError> {
        auto result = run_search(database_, analyzer_, request, ranking_);
        if (result) {
            result->index_revision = revision_of(database_);
            result->index_version = version_of(database_, result->index_revision);
        }
        return result;
    });
}

Result<std::vector<std::string>, ApiError> Searcher::suggest(std::string_view prefix,
                                                             std::size_t limit) {
    if (find_invalid_utf8(prefix))
        return Unexpected(
            ApiError{ErrorCode::kInvalidParameter, "q: is not valid UTF-8", std::string("q")});
    if (prefix.size() > SearchLimits::kMaxQueryBytes)
        return Unexpected(
            ApiError{ErrorCode::kQueryTooLong,
                     "q is over " + std::to_string(SearchLimits::kMaxQueryBytes) + " bytes",
                     std::string("q")});
    return with_database([&]() -> Result<std::vector<std::string>, ApiError> {
        return suggest_completions(database_, analyzer_, prefix, std::min(limit, kMaxListed));
    });
}

Result<nlohmann::json, ApiError> Searcher::article(const std::string& id) {
    return with_database([&]() -> Result<nlohmann::json, ApiError> {
        const std::optional<Xapian::docid> found = find_article(database_, id);
        if (!found) return Unexpected(article_not_found(id));
        return nlohmann::json::parse(database_.get_document(*found).get_data());
    });
}

Result<std::vector<Hit>, ApiError> Searcher::related(const std::string& id, std::size_t limit) {
    return with_database([&]() -> Result<std::vector<Hit>, ApiError> {
        return find_related(database_, analyzer_, id, std::min(limit, kMaxListed));
    });
}

Result<Story, ApiError> Searcher::story(const std::string& id) {
    return with_database([&]() -> Result<Story, ApiError> {
        std::optional<Story> found = StoryLookup(database_).story(id);
        if (!found) return Unexpected(story_not_found(id));
        return std::move(*found);
    });
}

Result<Searcher::IndexStatus, ApiError> Searcher::status() {
    return with_database([&]() -> Result<IndexStatus, ApiError> {
        return IndexStatus{database_.get_doccount(), revision_of(database_)};
    });
}

std::uint64_t Searcher::article_count() {
    const auto current = status();
    return current ? current->article_count : 0;
}

std::uint64_t Searcher::revision() {
    const auto current = status();
    return current ? current->revision : 0;
}

std::uint64_t Searcher::version() {
    const std::uint64_t current = revision();
    return version_of(database_, current);
}

}  // namespace dateline::server
