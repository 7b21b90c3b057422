// Rewriting parsed synonym groups as OP_SYNONYM.
#include "search/synonym_query.hpp"

#include <algorithm>

namespace dateline::server {
namespace {

using Q = Xapian::Query;

std::set<std::string> terms_of(const Q& query) {
    return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

bool is_group(const Q& query, const std::vector<std::set<std::string>>& groups) {
    if (query.get_type() != Q::OP_OR) return false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Q::op type = query.get_subquery(i).get_type();
        if (type != Q::LEAF_TERM && type != Q::OP_PHRASE) return false;
    }
    return std::find(groups.begin(), groups.end(), terms_of(query)) != groups.end();
}

// Operators without parameters, whose subqueries can be rebuilt as they are.
bool is_plain_branch(Q::op type) {
    return type == Q::OP_AND || type == Q::OP_OR || type == Q::OP_AND_NOT || type == Q::OP_XOR ||
           type == Q::OP_AND_MAYBE || type == Q::OP_FILTER;
}

}  // namespace

Xapian::Query with_synonym_groups(const Xapian::Query& query,
                                  const std::vector<std::set<std::string>>& groups) {
    std::vector<Q> parts;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        parts.push_back(query.get_subquery(i));
    if (is_group(query, groups)) return Q(Q::OP_SYNONYM, parts.begin(), parts.end());
    if (!is_plain_branch(query.get_type())) return query;
    for (Q& part : parts) part = with_synonym_groups(part, groups);
    return Q(query.get_type(), parts.begin(), parts.end());
}

}  // namespace dateline::server
