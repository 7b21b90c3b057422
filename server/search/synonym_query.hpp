// Synonym groups in a parsed query weighted as one term: the OR that a written-in group
// ("(US OR USA OR \"United States\")") parses to becomes Xapian's OP_SYNONYM, so an article
// that names the country three ways is not scored three times over, and a group of rare
// spellings is not worth more than the word the reader typed.
// Pure function; thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

namespace dateline::server {

// `query` with every OR of terms and phrases whose terms are exactly one of `groups` (each
// group's terms as parsed on its own) made an OP_SYNONYM.
Xapian::Query with_synonym_groups(const Xapian::Query& query,
                                  const std::vector<std::set<std::string>>& groups);

}  // namespace dateline::server
