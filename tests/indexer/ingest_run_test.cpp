// The ingest pipeline's safety net: an exception while analysing one record rejects that record
// and the run goes on with its neighbours.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "ingest_run.hpp"

using namespace dateline::indexer;

namespace {

// Stands for a bug in a reader or step: throws on the record whose id is "boom".
class ThrowingStep : public SourceStep {
public:
    void apply(SourceRecord& record) override {
        if (record.fields->value("id", "") == "boom") throw std::runtime_error("step bug");
    }
};

std::string article_line(const std::string& id) {
    return R"({"id":")" + id + R"(","title":"T )" + id +
           R"(","body":"Body.","date":"2024-01-01","source":"S"})" + "\n";
}

}  // namespace

TEST_CASE("an exception while analysing one record rejects it and the rest are indexed",
          "[ingest]") {
    namespace fs = std::filesystem;
    const fs::path folder =
        fs::temp_directory_path() / ("dateline-ingest-test-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::ofstream(folder / "a.jsonl")
        << article_line("first") << article_line("boom") << article_line("last");

    IngestOptions options;
    options.database = (folder / "db").string();
    options.inputs = {(folder / "a.jsonl").string()};
    options.steps.push_back([] { return std::make_unique<ThrowingStep>(); });
    options.threads = 2;
    options.quiet = true;
    options.compact_fresh_build = false;
    options.rejects_path = (folder / "rejects.jsonl").string();
    const auto summary = run_ingest(options);

    REQUIRE(summary);
    CHECK(summary->read == 3);
    CHECK(summary->added == 2);
    CHECK(summary->rejected == 1);
    CHECK(summary->articles == 2);
    std::ifstream rejects(folder / "rejects.jsonl");
    const auto entry = nlohmann::json::parse(
        std::string(std::istreambuf_iterator<char>(rejects), std::istreambuf_iterator<char>()));
    CHECK(entry["line"] == 2);
    CHECK(entry["field"] == "record");
    CHECK(entry["reason"] == "internal error while reading this record: step bug");
    CHECK(entry["record"] == article_line("boom").substr(0, article_line("boom").size() - 1));
    fs::remove_all(folder);
}
