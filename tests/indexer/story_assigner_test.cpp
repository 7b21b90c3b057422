// Story assignment: copies join the story of the first article, in one run and across runs
// (through the index's band terms); others start their own; the band table finds every member
// filed under a key.
#include <catch2/catch.hpp>

#include <string>

#include "dateline/index_schema.hpp"
#include "document_builder.hpp"
#include "story_assigner.hpp"
#include "story_band_table.hpp"

using namespace dateline;
using namespace dateline::indexer;

namespace {

const std::string kBody =
    "The harbour authority said on Monday that the new ferry terminal will open in the spring, "
    "two years later than planned, after the builder ran into trouble with the foundations. "
    "Local shops near the old quay fear they will lose trade when the ferries move, and the "
    "town council has asked the authority to keep a water taxi running to the old landing.";
const std::string kOtherBody =
    "Snow closed the mountain pass for the third time this winter, and the road service said "
    "it would stay shut until the avalanche risk falls. Hauliers have been sent on a detour "
    "through the valley that adds two hours, and the bus to the ski resort is not running.";

Article article(const std::string& id, const std::string& body,
                const std::string& date = "2024-03-12T08:00:00Z") {
    Article a;
    a.id = id;
    a.title = "Title of " + id;
    a.body = body;
    a.date = *parse_date(date);
    a.source = "Source of " + id;
    return a;
}

class Index {
public:
    explicit Index(Xapian::WritableDatabase& database, bool look_up_index)
        : database_(database), stories_(look_up_index ? &database : nullptr) {}

    std::string add(const Article& a) {
        Xapian::Document document = builder_.build(a);
        std::string story = stories_.assign(a.id, document);
        database_.replace_document(schema::id_term(a.id), document);
        return story;
    }

private:
    Xapian::WritableDatabase& database_;
    DocumentBuilder builder_;
    StoryAssigner stories_;
};

}  // namespace

TEST_CASE("copies in one run join the first article's story", "[stories]") {
    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Index index(database, false);
    CHECK(index.add(article("a", kBody)) == "a");
    CHECK(index.add(article("b", kOtherBody)) == "b");
    CHECK(index.add(article("a-copy", kBody, "2024-03-13T08:00:00Z")) == "a");
    CHECK(index.add(article("a-copy-2", kBody + " Share this story.")) == "a");
    CHECK(database.get_termfreq(schema::story_term("a")) == 3);
    const Xapian::Document copy =
        database.get_document(*database.postlist_begin(schema::id_term("a-copy")));
    CHECK(copy.get_value(schema::kStorySlot) == "a");
}

TEST_CASE("a later run finds the story through the index", "[stories]") {
    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Index(database, false).add(article("a", kBody));
    Index later(database, true);
    CHECK(later.add(article("a-copy", kBody)) == "a");
    CHECK(later.add(article("b", kOtherBody)) == "b");
    // An article is not its own copy: updated, it keeps a story of its own.
    CHECK(Index(database, true).add(article("b", kOtherBody + " Updated.")) == "b");
}

TEST_CASE("the same text weeks apart is not a copy", "[stories]") {
    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Index index(database, false);
    CHECK(index.add(article("march", kBody, "2024-03-01T08:00:00Z")) == "march");
    CHECK(index.add(article("april", kBody, "2024-04-01T08:00:00Z")) == "april");
}

TEST_CASE("articles without a fingerprint are stories of their own", "[stories]") {
    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Index index(database, true);
    CHECK(index.add(article("x", "Ferry news.")) == "x");
    CHECK(index.add(article("y", "Ferry news.")) == "y");
}

TEST_CASE("the band table finds every member filed under a key, across growth", "[stories]") {
    StoryBandTable table;
    for (std::uint32_t member = 0; member < 5000; ++member) table.insert(member % 1000, member);
    std::vector<std::uint32_t> found;
    table.find(7, 100, found);
    CHECK(found.size() == 5);
    for (const std::uint32_t member : found) CHECK(member % 1000 == 7);
    found.clear();
    table.find(7, 2, found);
    CHECK(found.size() == 2);
    found.clear();
    table.find(123456, 10, found);
    CHECK(found.empty());
}
