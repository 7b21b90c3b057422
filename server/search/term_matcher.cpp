// Matching article words against a query's terms and stems, cheaply: stemming costs ~250 ns a
// word, so answers are cached per word and words that cannot stem to a query stem are skipped.
#include "search/term_matcher.hpp"

#include "dateline/index_schema.hpp"

namespace dateline::server {
namespace {

bool is_ascii_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

// Snowball stemmers rewrite word endings only, except these, which also strip prefixes
// (Indonesian "menulis" -> "tulis", Irish "hÉireann" -> "éireann").
bool stemmer_strips_prefixes(std::string_view language) {
    return language == "id" || language == "in" || language == "ga";
}

}  // namespace

TermMatcher::TermMatcher(const Xapian::Query& query, std::vector<std::string> wildcard_prefixes) {
    const std::string title(schema::kTitlePrefix);
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& term = *it;
        if (term.empty()) continue;
        if (!is_ascii_upper(term[0]))
            add_concept(words_, term);
        else if (term.starts_with(title) && term.size() > title.size() &&
                 !is_ascii_upper(term[title.size()]))
            add_concept(words_, term.substr(title.size()));  // a title: word
        else if (term[0] == 'Z') {
            // "Zstrike" is a stem; "ZSstrike" a title stem; other Z+prefix stems (author) are
            // not article text.
            std::string_view stem = std::string_view(term).substr(1);
            if (stem.starts_with(title)) stem.remove_prefix(title.size());
            if (!stem.empty() && !is_ascii_upper(stem[0])) add_concept(stems_, std::string(stem));
        }
    }
    for (std::string& prefix : wildcard_prefixes)
        prefixes_.emplace_back(std::move(prefix), static_cast<int>(concepts_++));
    for (const auto& [stem, id] : stems_) {
        const auto first = static_cast<unsigned char>(stem[0]);
        if (first < 0x80) stem_initials_.set(first);
    }
}

int TermMatcher::add_concept(std::unordered_map<std::string, int>& table, std::string key) {
    const auto [it, added] = table.emplace(std::move(key), static_cast<int>(concepts_));
    if (added) ++concepts_;
    return it->second;
}

void TermMatcher::set_language(const Xapian::Stem& stemmer, std::string_view language) {
    if (stemmer_ == &stemmer) return;
    stemmer_ = &stemmer;
    prefilter_ = !stemmer_strips_prefixes(language);
    stem_cache_.clear();
}

int TermMatcher::match(const AnalyzedTerm& term) {
    if (empty()) return kNoMatch;
    const std::string& key = term.term;
    if (!stems_.empty() && stemmer_ != nullptr && is_stemmable(term) &&
        may_stem_to_query_stem(key)) {
        // A stem match first: all forms of a word then share one concept.
        const int id = stem_concept(key);
        if (id != kNoMatch) return id;
    }
    if (const auto found = words_.find(key); found != words_.end()) return found->second;
    for (const auto& [prefix, id] : prefixes_)
        if (key.starts_with(prefix)) return id;
    return kNoMatch;
}

int TermMatcher::stem_concept(const std::string& key) {
    // Only the words that get this far are cached: stemming is the expensive part.
    if (const auto cached = stem_cache_.find(key); cached != stem_cache_.end())
        return cached->second;
    const auto found = stems_.find((*stemmer_)(key));
    const int id = found == stems_.end() ? kNoMatch : found->second;
    stem_cache_.emplace(key, id);
    return id;
}

bool TermMatcher::may_stem_to_query_stem(const std::string& key) const {
    if (!prefilter_ || key.empty()) return true;
    const auto first = static_cast<unsigned char>(key[0]);
    // Some stemmers drop accents ("ámbito" -> "ambit"), so a non-ASCII initial proves nothing.
    if (first >= 0x80) return true;
    return stem_initials_.test(first);
}

}  // namespace dateline::server
