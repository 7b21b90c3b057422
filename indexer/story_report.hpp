// StoryReport: `dateline-index stories` — how many stories an index holds, how many articles
// are copies, and its largest stories with their articles. Reads without taking the write lock.
// Thread-safe: a free function over its own read-only Database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "dateline/date.hpp"
#include "dateline/result.hpp"

namespace dateline::indexer {

struct StoryMember {
    std::string id;
    std::string title;
    std::string source;
    Timestamp date;
};

struct ListedStory {
    std::string id;
    std::uint64_t size = 0;
    std::vector<StoryMember> members;  // earliest first
};

struct StoryReport {
    std::uint64_t articles = 0;
    std::uint64_t stories = 0;
    std::uint64_t stories_with_copies = 0;  // of two articles or more
    std::uint64_t copies = 0;               // articles beyond the first of their story
    std::vector<ListedStory> largest;       // largest first, then by id
};

// top_n: how many of the largest stories to list; 0 lists every story with copies.
Result<StoryReport, std::string> read_story_report(const std::string& path, std::size_t top_n);
nlohmann::json story_report_to_json(const StoryReport& report);
std::string story_report_to_text(const StoryReport& report);

}  // namespace dateline::indexer
