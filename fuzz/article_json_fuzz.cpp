// Fuzz target: arbitrary bytes as one JSON Lines record, through the indexer's own path
// (RecordAnalyzer: parse_record_json, article_from_json, the article's language,
// DocumentBuilder). Checks that a record is either built or rejected with a message, never by
// the analyzer's safety net for bugs, and that an accepted article survives the stored JSON
// form: what the index stores (article_to_json) reads back (article_from_stored_json, as the
// server and reindex read it) with the same fields. Corpus: fuzz/corpus/article_json_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "article_language.hpp"
#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "dateline/utf8.hpp"
#include "record_analyzer.hpp"

namespace {

using dateline::Article;

// The index default the analyzer falls back to, as `dateline-index add` uses when none is set.
constexpr std::string_view kDefaultLanguage = "en";

void require(bool condition) {
    if (!condition) std::abort();
}

// Every field of the model: Article has no operator== of its own (nothing else compares).
auto fields(const Article& a) {
    return std::tie(a.id, a.title, a.body, a.date, a.source, a.tags, a.url, a.author, a.summary,
                    a.lang, a.updated, a.original_source, a.original_url);
}

void check_rejection(const dateline::RecordError& error) {
    require(!error.field.empty() && !error.reason.empty());
    // Not the reason's UTF-8: nlohmann's syntax errors quote the bytes last read, which can end
    // inside a character; the reject log's JSON writer replaces those.
    require(!dateline::find_invalid_utf8(error.field));
}

// The stored text as the index keeps it, read back as the server and reindex read it.
void check_stored_form(const std::string& stored_text, const Article& expected) {
    auto stored = dateline::article_from_stored_json(nlohmann::json::parse(stored_text));
    require(stored.has_value());
    require(fields(*stored) == fields(expected));
}

dateline::indexer::AnalyzedRecord analyze(std::string_view text) {
    // One analyzer for the run, as one analysis thread keeps one (it owns stemmers, a cache).
    static dateline::indexer::RecordAnalyzer analyzer({}, std::string(kDefaultLanguage),
                                                      dateline::schema::kTitleWeight);
    static const dateline::indexer::DocumentContext context{
        "fuzz/records.jsonl", "fuzz/records.jsonl", {}};
    dateline::indexer::RawRecord raw{std::string(text), 1, text.size(), false,
                                     dateline::indexer::InputFormat::kJsonLines};
    std::vector<dateline::indexer::AnalyzedRecord> out;
    analyzer.analyze(raw, context, out);
    require(out.size() == 1);  // one JSON record is one article or one rejection
    return std::move(out.front());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = dateline::parse_article(text);
    if (!parsed) check_rejection(parsed.error());
    if (parsed)
        check_stored_form(dateline::article_to_json(parsed->article).dump(), parsed->article);

    dateline::indexer::AnalyzedRecord analyzed = analyze(text);
    if (auto* error = std::get_if<dateline::RecordError>(&analyzed.outcome)) {
        check_rejection(*error);
        require(!parsed.has_value());  // the same verdict as the validation alone
        return 0;
    }
    require(parsed.has_value());
    const auto& built = std::get<dateline::indexer::BuiltArticle>(analyzed.outcome);
    require(built.id == parsed->article.id);
    // What the document holds is the validated article with its language settled.
    Article expected = parsed->article;
    dateline::indexer::resolve_article_language(expected, kDefaultLanguage);
    check_stored_form(built.document.get_data(), expected);
    return 0;
}
