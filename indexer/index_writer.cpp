// Writing side of the index: locking, upserts, spelling data, schema version.
#include "index_writer.hpp"

#include <filesystem>

#include "dateline/index_schema.hpp"
#include "index_directory.hpp"

namespace dateline::indexer {

namespace {

std::string version_mismatch(const std::string& path, const std::string& version) {
    const std::string found = "index at " + path + " has schema version " + version + ", ";
    const std::string ours =
        "the version " + std::string(schema::kVersion) + " this dateline-index writes";
    if (schema::is_older_version(version))
        return found + "older than " + ours + ": run `dateline-index reindex --db " + path +
               "` to upgrade it";
    return found + "newer than " + ours + ": use the dateline-index release that wrote it";
}

Result<Xapian::WritableDatabase, std::string> open_database(const std::string& path, int flags) {
    try {
        return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        return Unexpected("index at " + path +
                          " is locked by another writer (is another dateline-index running?)");
    } catch (const Xapian::Error& error) {
        return Unexpected("cannot open index at " + path + ": " + error.get_description());
    }
}

// Stamps a new index with the current schema version; refuses an index of another version.
Result<void, std::string> check_version(Xapian::WritableDatabase& database,
                                        const std::string& path) {
    const std::string key(schema::kVersionMetadataKey);
    try {
        const std::string version = database.get_metadata(key);
        if (version.empty()) database.set_metadata(key, std::string(schema::kVersion));
        if (version.empty() || version == schema::kVersion) return {};
        return Unexpected(version_mismatch(path, version));
    } catch (const Xapian::Error& error) {
        return Unexpected("cannot open index at " + path + ": " + error.get_description());
    }
}

}  // namespace

Result<IndexWriter, std::string> IndexWriter::open(const std::string& path) {
    if (!may_hold_index(path))
        return Unexpected(
            path + " is not a Dateline index and not an empty directory: refusing to write there");
    std::error_code ignored;  // if the parent still cannot be made, Xapian says why
    std::filesystem::create_directories(index_path(path).parent_path(), ignored);
    clear_unfinished_creation(path);  // a re-run after a killed or failed first run
    auto database = open_database(path, Xapian::DB_CREATE_OR_OPEN);
    if (!database) return Unexpected(database.error());
    if (auto checked = check_version(*database, path); !checked) return Unexpected(checked.error());
    return IndexWriter(std::move(*database));
}

Result<IndexWriter, std::string> IndexWriter::open_any_version(const std::string& path) {
    if (auto found = require_index(path); !found) return Unexpected(found.error());
    auto database = open_database(path, Xapian::DB_OPEN);
    if (!database) return Unexpected(database.error());
    return IndexWriter(std::move(*database));
}

IndexWriter::IndexWriter(Xapian::WritableDatabase database) : database_(std::move(database)) {}

UpsertOutcome IndexWriter::upsert(const std::string& id, const Xapian::Document& document) {
    const std::string term = schema::id_term(id);
    const bool existed = database_.term_exists(term);
    database_.replace_document(term, document);
    return existed ? UpsertOutcome::kReplaced : UpsertOutcome::kAdded;
}

bool IndexWriter::remove(const std::string& id) {
    const std::string term = schema::id_term(id);
    if (!database_.term_exists(term)) return false;
    database_.delete_document(term);
    return true;
}

void IndexWriter::add_spelling(const SpellingTally& words) {
    pending_spelling_.merge(words);
}

void IndexWriter::flush_spelling() {
    pending_spelling_.drain([this](const std::string& word, Xapian::termcount frequency) {
        database_.add_spelling(word, frequency);
    });
}

void IndexWriter::commit() {
    flush_spelling();
    database_.commit();
}

void IndexWriter::commit_batch() {
    if (pending_spelling_.size() >= kMaxWaitingSpellingWords) flush_spelling();
    database_.commit();
}
void IndexWriter::begin_transaction() {
    database_.begin_transaction(/*flushed=*/false);
}
void IndexWriter::commit_transaction() {
    flush_spelling();
    database_.commit_transaction();
}
void IndexWriter::cancel_transaction() {
    pending_spelling_.clear();
    database_.cancel_transaction();
}
Xapian::doccount IndexWriter::article_count() const {
    return database_.get_doccount();
}
void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    database_.set_metadata(key, value);
}
std::string IndexWriter::metadata(const std::string& key) const {
    return database_.get_metadata(key);
}
std::vector<std::pair<std::string, std::string>> IndexWriter::metadata_with_prefix(
    const std::string& prefix) const {
    std::vector<std::pair<std::string, std::string>> entries;
    for (auto key = database_.metadata_keys_begin(prefix);
         key != database_.metadata_keys_end(prefix); ++key)
        entries.emplace_back(*key, database_.get_metadata(*key));
    return entries;
}
void IndexWriter::close() {
    database_.close();
}

}  // namespace dateline::indexer
