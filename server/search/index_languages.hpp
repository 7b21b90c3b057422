// The languages an index holds articles in, most articles first: read from the schema's
// language filter terms (one per article), so it costs a handful of term lookups.
// A function over the caller's Database; not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

namespace dateline::server {

std::vector<std::string> index_languages(const Xapian::Database& database, std::size_t limit);

}  // namespace dateline::server
