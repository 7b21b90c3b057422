// Writing side of the index: locking, upserts, spelling data, schema version.
#include "index_writer.hpp"

#include <filesystem>

#include "dateline/index_schema.hpp"
#include "document_builder.hpp"
#include "index_directory.hpp"

namespace dateline::indexer {

Result<IndexWriter, std::string> IndexWriter::open(const std::string& path) {
    if (!may_hold_index(path))
        return Unexpected(
            path + " is not a Dateline index and not an empty directory: refusing to write there");
    std::error_code ignored;  // if the parent still cannot be made, Xapian says why
    std::filesystem::create_directories(index_path(path).parent_path(), ignored);
    try {
        Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OPEN);
        const std::string version = database.get_metadata(std::string(schema::kVersionMetadataKey));
        if (version.empty()) {
            database.set_metadata(std::string(schema::kVersionMetadataKey),
                                  std::string(schema::kVersion));
        } else if (version != schema::kVersion) {
            return Unexpected("index at " + path + " has schema version " + version +
                              ", this dateline-index writes version " +
                              std::string(schema::kVersion) + ": rebuild it into a new directory");
        }
        return IndexWriter(std::move(database));
    } catch (const Xapian::DatabaseLockError&) {
        return Unexpected("index at " + path +
                          " is locked by another writer (is another dateline-index running?)");
    } catch (const Xapian::Error& error) {
        return Unexpected("cannot open index at " + path + ": " + error.get_description());
    }
}

IndexWriter::IndexWriter(Xapian::WritableDatabase database) : database_(std::move(database)) {}

UpsertOutcome IndexWriter::upsert(const std::string& id, const Xapian::Document& document) {
    const std::string term = schema::id_term(id);
    const bool existed = database_.term_exists(term);
    database_.replace_document(term, document);
    for (const auto& [word, frequency] : spelling_words(document))
        database_.add_spelling(word, frequency);
    return existed ? UpsertOutcome::kReplaced : UpsertOutcome::kAdded;
}

bool IndexWriter::remove(const std::string& id) {
    const std::string term = schema::id_term(id);
    if (!database_.term_exists(term)) return false;
    database_.delete_document(term);
    return true;
}

void IndexWriter::commit() {
    database_.commit();
}
void IndexWriter::begin_transaction() {
    database_.begin_transaction(/*flushed=*/false);
}
void IndexWriter::commit_transaction() {
    database_.commit_transaction();
}
void IndexWriter::cancel_transaction() {
    database_.cancel_transaction();
}
Xapian::doccount IndexWriter::article_count() const {
    return database_.get_doccount();
}
void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    database_.set_metadata(key, value);
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
