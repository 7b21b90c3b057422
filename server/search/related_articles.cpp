// Related articles through an expansion set (ESet) of the article's own terms.
#include "search/related_articles.hpp"

#include "dateline/index_schema.hpp"
#include "search/article_lookup.hpp"
#include "search/hit_builder.hpp"
#include "search/story_lookup.hpp"

namespace dateline::server {
namespace {

bool is_ascii_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

// Plain words and their Z stems describe the text; prefixed terms (ids, sources, dates, title
// copies) and bare numbers would only find articles that share a day or a source.
class TextTermDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.empty()) return false;
        std::string_view word = term;
        if (word.front() == 'Z') word.remove_prefix(1);
        if (word.empty() || is_ascii_upper(word.front())) return false;
        return word.find_first_not_of("0123456789.,") != std::string_view::npos;
    }
};

Xapian::Query describing_query(const Xapian::Database& database, Xapian::docid article) {
    Xapian::Enquire enquire(database);
    Xapian::RSet relevant;
    relevant.add_document(article);
    const TextTermDecider decider;
    const Xapian::ESet terms = enquire.get_eset(kRelatedExpandTerms, relevant, &decider);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The article and its copies: a copy of the same story is not another article to read.
Xapian::Query own_story(const Xapian::Database& database, Xapian::docid article,
                        std::string_view id) {
    const std::string story = database.get_document(article).get_value(schema::kStorySlot);
    return Xapian::Query(story.empty() ? schema::id_term(id) : schema::story_term(story));
}

}  // namespace

Result<std::vector<Hit>, ApiError> find_related(const Xapian::Database& database,
                                                TextAnalyzer& analyzer, std::string_view id,
                                                std::size_t limit) {
    const std::optional<Xapian::docid> article = find_article(database, id);
    if (!article) return Unexpected(article_not_found(id));
    const Xapian::Query like = describing_query(database, *article);
    if (like.empty() || limit == 0) return std::vector<Hit>{};
    Xapian::Enquire enquire(database);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_AND_NOT, like, own_story(database, *article, id)));
    enquire.set_collapse_key(schema::kStorySlot);  // one article per story
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    HitBuilder hits(analyzer, TermMatcher(), kRelatedSnippetWords);
    StoryLookup stories(database);
    std::vector<Hit> related;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const Xapian::Document document = it.get_document();
        Hit hit = hits.build(document, it.get_weight());
        hit.story = stories.summary(document, hit.article);
        related.push_back(std::move(hit));
    }
    return related;
}

}  // namespace dateline::server
