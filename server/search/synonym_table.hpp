// SynonymTable: groups of words and phrases that mean the same ("US", "United States"), read
// from a synonym file (docs/ranking.md: one group per line, members separated by commas, '#'
// comments). A query word or phrase that is a member is searched as any member of its group.
// Immutable once built; thread-safe to share.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/result.hpp"

namespace dateline::server {

class SynonymTable {
public:
    // The groups of a synonym file's text; errors name `origin` and the line.
    static Result<SynonymTable, std::string> parse(std::string_view text, std::string_view origin);
    static Result<SynonymTable, std::string> load(const std::string& path);
    // The small built-in list for news: US/United States, UK/Britain, EU, UN.
    static const SynonymTable& news();

    struct Expanded {
        std::string text;                  // q with the groups written in
        std::vector<std::string> clauses;  // each group written, as it was
    };
    // `q` with every member it contains written as its whole group, in QueryParser syntax:
    // "US trade" -> "(US OR USA OR \"United States\") trade". Members inside phrases, excluded
    // (-), required (+), field values or wildcards are left as typed. A member the file writes
    // in capitals ("US") counts only when typed in capitals ("US", "U.S."; not the pronoun).
    Expanded expand(std::string_view q) const;

    std::size_t group_count() const { return groups_.size(); }

private:
    struct Member {
        std::vector<std::string> terms;  // as the analysis reads it
        std::size_t group = 0;
        bool capitals = false;  // written in capitals: an acronym, matched only in capitals
    };
    struct Match {
        std::size_t begin = 0, end = 0;  // bytes of q
        std::size_t group = 0;
    };

    // Longest member starting at analysed term `first` of `terms`, if any.
    template <class Terms>
    std::optional<Match> match_at(std::string_view q, const Terms& terms, std::size_t first) const;
    std::string group_clause(std::size_t group) const;

    std::vector<std::vector<std::string>> groups_;  // members as written in the file
    std::unordered_map<std::string, std::vector<Member>> by_first_term_;
};

}  // namespace dateline::server
