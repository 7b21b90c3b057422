// Article lookup by id term.
#include "search/article_lookup.hpp"

#include "dateline/index_schema.hpp"

namespace dateline::server {

std::optional<Xapian::docid> find_article(const Xapian::Database& database, std::string_view id) {
    if (id.empty()) return std::nullopt;
    const std::string term = schema::id_term(id);
    const Xapian::PostingIterator found = database.postlist_begin(term);
    if (found == database.postlist_end(term)) return std::nullopt;
    return *found;
}

ApiError article_not_found(std::string_view id) {
    return unknown_id("article", id);
}

}  // namespace dateline::server
