// `reindex`: an old index rebuilt from its stored articles, with languages settled, the sync
// state and default language carried over, the current schema version, and nothing left
// beside it; a failure leaves the old index as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "document_builder.hpp"
#include "reindex_run.hpp"
#include "temp_dir.hpp"

using namespace dateline;
using namespace dateline::indexer;
using nlohmann::json;

namespace {

const std::string kOlderVersion = std::to_string(std::stoul(std::string(schema::kVersion)) - 1);
const std::string kSyncKey = std::string(schema::kSyncFileMetadataPrefix) + "tree:a.jsonl";
const std::string kSyncState = R"({"path":"a.jsonl","hash":"0","bytes":1,"ids":["de-1"]})";

Article article(std::string id, std::string title, std::string body,
                std::optional<std::string> lang = std::nullopt) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = *parse_date("2024-03-12T08:00:00Z");
    a.source = "Harbour Gazette";
    a.tags = {"Port"};
    a.lang = std::move(lang);
    return a;
}

// Articles as an index of the older schema kept them: without a lang when none was given.
std::vector<Article> old_articles() {
    return {
        article("de-1", "Fährstreik geht in den dritten Tag",
                "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde abgelehnt.", "de"),
        article("fr-1", "La grève des ferries entre dans son troisième jour",
                "Les syndicats ont rejeté mardi soir la dernière offre de l'autorité "
                "portuaire."),
        article("unknown-1", "Bank", "")};
}

// Writes an index the way an older release did, marked with `version`.
void write_index(const std::string& path, const std::vector<Article>& articles,
                 const std::string& version, const std::string& default_language = "") {
    Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
    DocumentBuilder builder;
    for (const Article& a : articles)
        database.replace_document(schema::id_term(a.id), builder.build(a));
    database.set_metadata(std::string(schema::kVersionMetadataKey), version);
    database.set_metadata(kSyncKey, kSyncState);
    if (!default_language.empty())
        database.set_metadata(std::string(schema::kDefaultLanguageMetadataKey), default_language);
    database.commit();
}

std::map<std::string, json> stored_articles(const Xapian::Database& database) {
    std::map<std::string, json> articles;
    for (auto it = database.postlist_begin(""); it != database.postlist_end(""); ++it) {
        json stored = json::parse(database.get_document(*it).get_data());
        articles[stored["id"]] = stored;
    }
    return articles;
}

bool has_spelling(const Xapian::Database& database, const std::string& word) {
    for (auto it = database.spellings_begin(); it != database.spellings_end(); ++it)
        if (*it == word) return true;
    return false;
}

std::vector<std::string> entries(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    return names;
}

ReindexOptions options_for(const std::string& path) {
    ReindexOptions options;
    options.database = path;
    options.threads = 2;
    return options;
}

}  // namespace

TEST_CASE("reindex upgrades an older index: articles, languages, sync state, spelling",
          "[reindex]") {
    test::TempDir dir("reindex");
    const std::string path = dir / "db";
    write_index(path, old_articles(), kOlderVersion, "es");
    const auto before = stored_articles(Xapian::Database(path));
    Xapian::Database reader(path);  // a searcher that has the old index open

    const auto summary = run_reindex(options_for(path));

    REQUIRE(summary);
    CHECK(summary->articles == 3);
    CHECK(summary->old_version == kOlderVersion);
    CHECK(summary->default_language == "es");
    CHECK_FALSE(summary->interrupted);
    const Xapian::Database upgraded(path);
    CHECK(upgraded.get_metadata(std::string(schema::kVersionMetadataKey)) == schema::kVersion);
    CHECK(upgraded.get_metadata(kSyncKey) == kSyncState);
    CHECK(upgraded.get_metadata(std::string(schema::kDefaultLanguageMetadataKey)) == "es");
    // The same articles; those that gave no language now carry the detected one, or the
    // index's default where none can be detected.
    auto after = stored_articles(upgraded);
    REQUIRE(after.size() == before.size());
    CHECK(after.at("de-1") == before.at("de-1"));
    CHECK(after.at("fr-1")["lang"] == "fr");
    CHECK(after.at("unknown-1")["lang"] == "es");
    after.at("fr-1").erase("lang");
    after.at("unknown-1").erase("lang");
    CHECK(after == before);
    CHECK(upgraded.get_termfreq(std::string(schema::kLangPrefix) + "fr") == 1);
    CHECK(upgraded.get_termfreq(std::string(schema::kLangPrefix) + "es") == 1);
    CHECK(has_spelling(upgraded, "gewerkschaften"));
    CHECK(entries(dir.path()) == std::vector<std::string>{"db"});  // no staging copy left
    // The reader that had the old index open still reads it, until it reopens.
    CHECK(reader.get_doccount() == 3);
    CHECK(json::parse(reader.get_document(1).get_data())["id"] == "de-1");
}

TEST_CASE("reindex rebuilds a current index, and --default-lang replaces the kept one",
          "[reindex]") {
    test::TempDir dir("reindex");
    const std::string path = dir / "db";
    write_index(path, old_articles(), std::string(schema::kVersion), "es");
    ReindexOptions options = options_for(path);
    options.default_language = "it";

    const auto summary = run_reindex(options);

    REQUIRE(summary);
    CHECK(summary->articles == 3);
    CHECK(summary->old_version == schema::kVersion);
    const Xapian::Database rebuilt(path);
    CHECK(rebuilt.get_metadata(std::string(schema::kDefaultLanguageMetadataKey)) == "it");
    CHECK(stored_articles(rebuilt).at("unknown-1")["lang"] == "it");
}

TEST_CASE("reindex of an index that never had a default language assumes English", "[reindex]") {
    test::TempDir dir("reindex");
    const std::string path = dir / "db";
    write_index(path, old_articles(), kOlderVersion);
    const auto summary = run_reindex(options_for(path));
    REQUIRE(summary);
    CHECK(summary->default_language == "en");
    CHECK(stored_articles(Xapian::Database(path)).at("unknown-1")["lang"] == "en");
}

TEST_CASE("reindex of an empty index gives an empty index of the current version", "[reindex]") {
    test::TempDir dir("reindex");
    const std::string path = dir / "db";
    write_index(path, {}, kOlderVersion);
    const auto summary = run_reindex(options_for(path));
    REQUIRE(summary);
    CHECK(summary->articles == 0);
    const Xapian::Database rebuilt(path);
    CHECK(rebuilt.get_doccount() == 0);
    CHECK(rebuilt.get_metadata(std::string(schema::kVersionMetadataKey)) == schema::kVersion);
    CHECK(rebuilt.get_metadata(kSyncKey) == kSyncState);
}

TEST_CASE("a stored article that cannot be read back fails reindex; the index is kept",
          "[reindex]") {
    test::TempDir dir("reindex");
    const std::string path = dir / "db";
    write_index(path, old_articles(), kOlderVersion);
    Xapian::docid broken = 0;
    {
        Xapian::WritableDatabase database(path);
        Xapian::Document document;
        document.set_data("{\"id\":\"broken\"}");  // no title, body, date, source
        broken = database.add_document(document);
        database.commit();
    }

    const auto summary = run_reindex(options_for(path));

    REQUIRE_FALSE(summary);
    CHECK_THAT(summary.error(),
               Catch::StartsWith("cannot reindex " + path + " (left as it was): document " +
                                 std::to_string(broken) +
                                 ": the stored article cannot be read: "
                                 "title: required field is missing"));
    const Xapian::Database kept(path);
    CHECK(kept.get_doccount() == 4);
    CHECK(kept.get_metadata(std::string(schema::kVersionMetadataKey)) == kOlderVersion);
    CHECK(entries(dir.path()) == std::vector<std::string>{"db"});
}

TEST_CASE("reindex needs an index", "[reindex]") {
    test::TempDir dir("reindex");
    const auto summary = run_reindex(options_for(dir / "missing"));
    REQUIRE_FALSE(summary);
    CHECK(summary.error() == "no index at " + (dir / "missing"));
}
