// Directories expand to their files: recursive, hidden entries skipped, in byte order.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "archive_fixtures.hpp"
#include "input_files.hpp"

using namespace dateline::indexer;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> relative_paths(const std::vector<InputFile>& files) {
    std::vector<std::string> out;
    out.reserve(files.size());
    for (const InputFile& file : files) out.push_back(file.relative_path);
    return out;
}

}  // namespace

TEST_CASE("walking the fixture archive: sorted, hidden folder skipped", "[walk]") {
    const auto files = list_inputs({dateline::test::archive_fixtures().string()});
    REQUIRE(files);
    CHECK(relative_paths(*files) == std::vector<std::string>{
                                        "feeds/harbour-rss.xml",
                                        "feeds/truncated.xml",
                                        "feeds/valley-atom.xml",
                                        "notes.txt",
                                        "pages/cafe-windows1252.html",
                                        "pages/council-chrome.html",
                                        "pages/ferry-newsarticle.html",
                                        "pages/garden-graph.html",
                                        "pages/library-bom.html",
                                        "pages/market-opengraph.html",
                                        "pages/no-date.html",
                                        "records/briefs.jsonl",
                                    });
    for (const InputFile& file : *files) {
        CHECK(file.from_walk);
        CHECK(fs::path(file.path).is_absolute());
        CHECK(file.name == file.path);
    }
}

TEST_CASE("named files stay in command-line order; stdin and missing paths pass through",
          "[walk]") {
    const auto files = list_inputs({"b.jsonl", "-", "a.jsonl"});
    REQUIRE(files);
    REQUIRE(files->size() == 3);
    CHECK((*files)[0].name == "b.jsonl");
    CHECK((*files)[1].path == "-");
    CHECK((*files)[1].name == "<stdin>");
    CHECK((*files)[2].relative_path == "a.jsonl");
    CHECK_FALSE((*files)[0].from_walk);
}

TEST_CASE("walk order does not depend on creation order; hidden files are skipped", "[walk]") {
    const fs::path root =
        fs::temp_directory_path() / ("dateline-walk-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (const char* name :
         {"z.html", "a/b.html", "a-b.html", "A.html", ".hidden.html", "a/.git/config"}) {
        fs::create_directories((root / name).parent_path());
        std::ofstream(root / name) << "<html></html>";
    }
    const auto files = list_inputs({root.string()});
    fs::remove_all(root);
    REQUIRE(files);
    CHECK(relative_paths(*files) ==
          std::vector<std::string>{"A.html", "a-b.html", "a/b.html", "z.html"});
}
