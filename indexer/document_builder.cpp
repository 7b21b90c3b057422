// Article -> Xapian::Document, following dateline/index_schema.hpp.
#include "document_builder.hpp"

#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "story_fingerprint.hpp"

namespace dateline::indexer {
namespace {
std::string language_of(const Article& article) {
    return article.lang ? TextAnalyzer::primary_language(*article.lang)
                        : std::string(TextAnalyzer::kDefaultLanguage);
}
}  // namespace

DocumentBuilder::DocumentBuilder(Xapian::termcount title_weight, bool positions)
    : title_weight_(title_weight), positions_(positions) {}

Xapian::Document DocumentBuilder::build(const Article& article) {
    Xapian::Document document;
    fields_.start(document, analyzer_.cached_stemmer_for(language_of(article)), positions_);
    index_free_text(article);
    add_filter_terms(document, article);
    add_values(document, article);
    add_fingerprint(document, article);
    document.set_data(article_to_json(article).dump());
    return document;
}

void DocumentBuilder::index_free_text(const Article& article) {
    fields_.index(article.title, title_weight_, schema::kTitlePrefix);
    fields_.index(article.title, title_weight_);
    if (article.summary) fields_.index(*article.summary, 1);
    fields_.index(article.body, 1);
    if (article.author) fields_.index(*article.author, 1, schema::kAuthorTextPrefix);
}

void DocumentBuilder::add_filter_terms(Xapian::Document& document, const Article& article) const {
    document.add_boolean_term(schema::id_term(article.id));
    document.add_boolean_term(schema::filter_term(schema::kSourcePrefix, article.source));
    for (const std::string& tag : article.tags)
        document.add_boolean_term(schema::filter_term(schema::kTagPrefix, tag));
    if (article.author)
        document.add_boolean_term(schema::filter_term(schema::kAuthorPrefix, *article.author));
    // No lang means English (the analysis assumed it too), so lang=en finds these articles.
    document.add_boolean_term(std::string(schema::kLangPrefix) + language_of(article));
    const CalendarKeys keys = calendar_keys(article.date);
    document.add_boolean_term(std::string(schema::kYearPrefix) + keys.year);
    document.add_boolean_term(std::string(schema::kMonthPrefix) + keys.month);
    document.add_boolean_term(std::string(schema::kDayPrefix) + keys.day);
}

void DocumentBuilder::add_values(Xapian::Document& document, const Article& article) const {
    document.add_value(schema::kDateSlot, schema::date_value(article.date));
    document.add_value(schema::kSourceSlot, article.source);
    if (!article.tags.empty())
        document.add_value(schema::kTagsSlot, schema::encode_list(article.tags));
    document.add_value(schema::kLangSlot, language_of(article));
}

// The story itself is settled when the article is written (StoryAssigner): it depends on the
// articles before it.
void DocumentBuilder::add_fingerprint(Xapian::Document& document, const Article& article) const {
    if (const auto print = StoryFingerprint::of(article.title, article.body))
        document.add_value(schema::kFingerprintSlot, print->serialise());
}

std::vector<std::pair<std::string, Xapian::termcount>> spelling_words(
    const Xapian::Document& document) {
    constexpr std::size_t kMinBytes = 3, kMaxBytes = 32;
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        const std::string& word = *term;
        const unsigned char first = static_cast<unsigned char>(word[0]);
        // Prefixed terms start with an upper-case ASCII letter; stems with 'Z'. Words of
        // scripts encoded in three or more bytes (CJK, Hangul, Thai) are segments and bigrams,
        // which Xapian's edit-distance suggestions do not suit.
        if ((first >= 'A' && first <= 'Z') || first >= 0xE0) continue;
        if (word.size() < kMinBytes || word.size() > kMaxBytes) continue;
        if (word.find_first_of("0123456789") != std::string::npos) continue;
        words.emplace_back(word, term.get_wdf());
    }
    return words;
}

}  // namespace dateline::indexer
