// The total of a search: how many articles (or, collapsed, stories) match, and whether that
// is exact. Why not Xapian's bounds alone: when it collapses, Xapian 1.4 reports the count of
// collapse keys it saw as a lower bound even when it saw every match, so a search for two
// words over a small archive would say "at least 12". A match spy counting the documents
// examined tells when every match was seen: the matcher skips matches only once it has
// examined check_at_least of them. Not thread-safe: one MatchCounter per search.
#pragma once

#include <cstdint>
#include <string>

#include <xapian.h>

namespace dateline::server {

class MatchCounter : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document&, double) override { ++examined_; }
    std::string name() const override { return "dateline.MatchCounter"; }
    Xapian::doccount examined() const { return examined_; }

private:
    Xapian::doccount examined_ = 0;
};

struct MatchTotal {
    std::uint64_t count = 0;
    bool exact = true;
};

// `counts`: the MSet of an Enquire that had `counter` attached and was asked to check at least
// count_limit matches.
MatchTotal match_total(const Xapian::MSet& counts, const MatchCounter& counter,
                       Xapian::doccount count_limit);

}  // namespace dateline::server
