// Article lookup by id term.
#include "search/article_lookup.hpp"

#include "dateline/index_schema.hpp"
#include "dateline/utf8.hpp"

namespace dateline::server {

std::optional<Xapian::docid> find_article(const Xapian::Database& database, std::string_view id) {
    if (id.empty()) return std::nullopt;
    const std::string term = schema::id_term(id);
    const Xapian::PostingIterator found = database.postlist_begin(term);
    if (found == database.postlist_end(term)) return std::nullopt;
    return *found;
}

ApiError article_not_found(std::string_view id) {
    constexpr std::size_t kShownBytes = 200;
    // The message ends up in JSON, which must be valid UTF-8.
    if (find_invalid_utf8(id))
        return ApiError{ErrorCode::kNotFound, "no article with that id", std::nullopt};
    std::string shown(truncate_utf8(id, kShownBytes));
    if (shown.size() < id.size()) shown += "...";
    return ApiError{ErrorCode::kNotFound, "no article with id \"" + shown + "\"", std::nullopt};
}

}  // namespace dateline::server
