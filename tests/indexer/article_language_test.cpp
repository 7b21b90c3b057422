// An article's language: as given, else detected from title and body (or summary), else the
// index's default.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "article_language.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

Article article(std::string title, std::string body, std::optional<std::string> lang) {
    Article a;
    a.id = "a-1";
    a.title = std::move(title);
    a.body = std::move(body);
    a.source = "Harbour Gazette";
    a.lang = std::move(lang);
    return a;
}

const std::string kGermanTitle = "Fährstreik geht in den dritten Tag";
const std::string kGermanBody =
    "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde am Dienstagabend abgelehnt.";

}  // namespace

TEST_CASE("an article's language: given, else detected, else the default", "[language]") {
    using Lang = std::optional<std::string>;
    const auto [title, body, given, resolved] =
        GENERATE_COPY(table<std::string, std::string, Lang, std::string>({
            {kGermanTitle, kGermanBody, Lang("pt-BR"), "pt-BR"},  // given: kept as given
            {kGermanTitle, kGermanBody, std::nullopt, "de"},
            {kGermanTitle, kGermanBody, Lang("und"), "de"},  // "undetermined" is no answer
            {kGermanTitle, kGermanBody, Lang("UND-Latn"), "de"},
            {"Bank", "", std::nullopt, "fr"},  // nothing to detect: the default
            {"Bank", "", Lang("und"), "fr"},
            {"2024", "12 345", std::nullopt, "fr"},
        }));
    CAPTURE(title, body, given);
    Article a = article(title, body, given);
    resolve_article_language(a, "fr");
    CHECK(a.lang == Lang(resolved));
}

TEST_CASE("an article without a body is judged by its summary", "[language]") {
    Article a = article("Hafen", "", std::nullopt);
    a.summary = kGermanBody;
    resolve_article_language(a, "en");
    CHECK(a.lang == std::optional<std::string>("de"));
}
