// Finding an article's document by its id, through the schema's unique id term.
// Not thread-safe: works on the caller's Database.
#pragma once

#include <optional>
#include <string_view>

#include <xapian.h>

#include "search/api_error.hpp"

namespace dateline::server {

std::optional<Xapian::docid> find_article(const Xapian::Database& database, std::string_view id);

// The kNotFound error for an unknown id.
ApiError article_not_found(std::string_view id);

}  // namespace dateline::server
