// `dateline-index stories`.
#include "story_report.hpp"

#include <algorithm>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"
#include "dateline/index_schema.hpp"
#include "index_directory.hpp"

namespace dateline::indexer {
namespace {

struct StorySize {
    std::string term;
    std::uint64_t size;
};

bool larger(const StorySize& a, const StorySize& b) {
    return a.size != b.size ? a.size > b.size : a.term < b.term;
}

StoryMember member_of(const Xapian::Document& document) {
    StoryMember member;
    const auto stored = nlohmann::json::parse(document.get_data(), nullptr, false);
    if (auto article = article_from_stored_json(stored)) {
        member = {article->id, article->title, article->source, article->date};
    }
    return member;
}

ListedStory list_story(const Xapian::Database& database, const StorySize& story) {
    ListedStory listed{"", story.size, {}};
    for (auto it = database.postlist_begin(story.term); it != database.postlist_end(story.term);
         ++it) {
        const Xapian::Document document = database.get_document(*it);
        if (listed.id.empty()) listed.id = document.get_value(schema::kStorySlot);
        listed.members.push_back(member_of(document));
    }
    std::sort(listed.members.begin(), listed.members.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    return listed;
}

}  // namespace

Result<StoryReport, std::string> read_story_report(const std::string& path, std::size_t top_n) {
    if (auto found = require_index(path); !found) return Unexpected(found.error());
    try {
        Xapian::Database database(path);
        // An index from before stories has none to show: say so rather than count zero.
        const std::string version = database.get_metadata(std::string(schema::kVersionMetadataKey));
        if (schema::is_older_version(version) && database.get_doccount() > 0)
            return Unexpected("index at " + path + " has schema version " + version +
                              ", from before stories: run `dateline-index reindex --db " + path +
                              "` to upgrade it");
        StoryReport report;
        report.articles = database.get_doccount();
        std::vector<StorySize> with_copies;
        const std::string prefix(schema::kStoryPrefix);
        for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix);
             ++term) {
            ++report.stories;
            if (term.get_termfreq() < 2) continue;
            report.copies += term.get_termfreq() - 1;
            with_copies.push_back({*term, term.get_termfreq()});
        }
        report.stories_with_copies = with_copies.size();
        std::sort(with_copies.begin(), with_copies.end(), larger);
        if (top_n > 0 && with_copies.size() > top_n) with_copies.resize(top_n);
        for (const StorySize& story : with_copies)
            report.largest.push_back(list_story(database, story));
        return report;
    } catch (const Xapian::Error& error) {
        return Unexpected("cannot read index at " + path + ": " + error.get_description());
    }
}

nlohmann::json story_report_to_json(const StoryReport& report) {
    nlohmann::json largest = nlohmann::json::array();
    for (const ListedStory& story : report.largest) {
        nlohmann::json articles = nlohmann::json::array();
        for (const StoryMember& m : story.members)
            articles.push_back({{"id", m.id},
                                {"title", m.title},
                                {"source", m.source},
                                {"date", to_rfc3339(m.date)}});
        largest.push_back({{"id", story.id}, {"size", story.size}, {"articles", articles}});
    }
    return {{"articles", report.articles},
            {"stories", report.stories},
            {"stories_with_copies", report.stories_with_copies},
            {"copies", report.copies},
            {"largest", largest}};
}

std::string story_report_to_text(const StoryReport& report) {
    std::ostringstream out;
    out << "articles:            " << report.articles << '\n'
        << "stories:             " << report.stories << '\n'
        << "stories with copies: " << report.stories_with_copies << " (" << report.copies
        << " copies)\n";
    for (const ListedStory& story : report.largest) {
        const StoryMember& first = story.members.front();
        out << '\n'
            << story.size << " articles, first " << to_rfc3339(first.date) << ": " << first.title
            << "  [story " << story.id << "]\n";
        for (const StoryMember& m : story.members)
            out << "  " << to_rfc3339(m.date) << "  " << m.source << "  " << m.id << '\n';
    }
    return out.str();
}

}  // namespace dateline::indexer
