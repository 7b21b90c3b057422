// The C++ validation agrees with schemas/article.schema.json: the schema's own examples (valid
// and invalid) get the same verdict here, and the limits it states are the ones C++ enforces.
// (tests/e2e/test_schema.py checks the same examples with a JSON Schema validator.)
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dateline/article.hpp"
#include "dateline/article_json.hpp"

using namespace dateline;
using nlohmann::json;

namespace {
json load_schema() {
    std::ifstream file(std::string(DATELINE_SCHEMA_DIR) + "/article.schema.json");
    REQUIRE(file);
    return json::parse(file);
}
}  // namespace

TEST_CASE("the schema's valid examples pass the C++ validation", "[schema]") {
    const json schema = load_schema();
    REQUIRE(schema["examples"].size() >= 3);
    for (const json& example : schema["examples"]) {
        CAPTURE(example.dump());
        const auto parsed = parse_article(example.dump());
        CHECK(parsed);
    }
}

TEST_CASE("the schema's invalid examples fail the C++ validation", "[schema]") {
    const json schema = load_schema();
    REQUIRE(schema["x-invalid-examples"].size() >= 10);
    for (const json& example : schema["x-invalid-examples"]) {
        CAPTURE(example.dump().substr(0, 200));
        CHECK_FALSE(parse_article(example.dump()));
    }
}

TEST_CASE("the schema states the limits the C++ enforces", "[schema]") {
    const json schema = load_schema();
    const json& properties = schema["properties"];
    CHECK(properties["id"]["maxLength"] == ArticleLimits::kMaxIdChars);
    CHECK(properties["title"]["maxLength"] == ArticleLimits::kMaxTitleChars);
    CHECK(properties["tags"]["maxItems"] == ArticleLimits::kMaxTags);
    std::vector<std::string> required = schema["required"];
    std::sort(required.begin(), required.end());
    CHECK(required == std::vector<std::string>{"body", "date", "id", "source", "title"});
}
