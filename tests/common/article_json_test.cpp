// The article contract in C++: every class of bad input with its exact message, and the
// normalisation of good input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/article_json.hpp"

using namespace dateline;
using nlohmann::json;

namespace {

json valid_record() {
    return {{"id", "a-1"},
            {"title", "Ferry crews walk out"},
            {"body", "Crews stopped."},
            {"date", "2024-03-12"},
            {"source", "Harbour Gazette"}};
}

json with(json record, const std::string& field, json value) {
    record[field] = std::move(value);
    return record;
}

json without(json record, const std::string& field) {
    record.erase(field);
    return record;
}

}  // namespace

TEST_CASE("bad records are rejected with the field and a reason", "[article]") {
    const auto [record_text, field,
                reason] = GENERATE(table<std::string, std::string, std::string>({
        {"{\"id\": ", "record",
         "invalid JSON: parse error at line 1, column 8: syntax error while parsing value - "
         "unexpected end of input; expected '[', '{', or a literal"},
        {"[1, 2]", "record", "must be a JSON object, got array"},
        {"\"text\"", "record", "must be a JSON object, got string"},
        {"{\"id\": \"a\xff\"}", "record", "invalid UTF-8 at byte 10"},
        {without(valid_record(), "id").dump(), "id", "required field is missing"},
        {with(valid_record(), "id", 42).dump(), "id", "must be a string, got number"},
        {with(valid_record(), "id", nullptr).dump(), "id", "must be a string, got null"},
        {with(valid_record(), "id", "").dump(), "id", "must be 1 to 256 characters, got 0"},
        {with(valid_record(), "id", std::string(257, 'x')).dump(), "id",
         "must be 1 to 256 characters, got 257"},
        {without(valid_record(), "title").dump(), "title", "required field is missing"},
        {with(valid_record(), "title", " \t ").dump(), "title", "must not be empty"},
        {with(valid_record(), "title", std::string(1001, 't')).dump(), "title",
         "longer than 1000 characters (1001)"},
        {without(valid_record(), "body").dump(), "body", "required field is missing"},
        {with(valid_record(), "body", json::array()).dump(), "body", "must be a string, got array"},
        {without(valid_record(), "date").dump(), "date", "required field is missing"},
        {with(valid_record(), "date", "2018-02-30").dump(), "date",
         "no such calendar date: \"2018-02-30\""},
        {with(valid_record(), "date", 1710232200).dump(), "date", "must be a string, got number"},
        {with(valid_record(), "source", "").dump(), "source", "must not be empty"},
        {with(valid_record(), "source", true).dump(), "source", "must be a string, got boolean"},
        {with(valid_record(), "tags", "news").dump(), "tags",
         "must be an array of strings, got string"},
        {with(valid_record(), "tags", json::array({"ok", 7})).dump(), "tags[1]",
         "must be a string, got number"},
        {with(valid_record(), "tags", json(std::vector<std::string>(101, "t"))).dump(), "tags",
         "more than 100 tags (101)"},
        {with(valid_record(), "url", "javascript:alert(1)").dump(), "url",
         "must be an http(s) URL or a path starting with \"/\", got \"javascript:alert(1)\""},
        {with(valid_record(), "author", 5).dump(), "author",
         "must be a string or null, got number"},
        {with(valid_record(), "lang", "en_US").dump(), "lang",
         "not a BCP 47 language tag: \"en_US\" (e.g. \"en\", \"pt-BR\")"},
        {with(valid_record(), "updated", "yesterday").dump(), "updated",
         "not a date: \"yesterday\" (expected RFC 3339 date-time or YYYY-MM-DD)"},
    }));
    CAPTURE(record_text);
    const auto parsed = parse_article(record_text);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().field == field);
    CHECK(parsed.error().reason == reason);
}

TEST_CASE("a record over 4 MiB is rejected before parsing", "[article]") {
    const std::string huge = with(valid_record(), "body", std::string(4 * 1024 * 1024, 'x')).dump();
    const auto parsed = parse_article(huge);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().field == "record");
    CHECK(parsed.error().reason ==
          "larger than the 4 MiB limit (" + std::to_string(huge.size()) + " bytes)");
}

TEST_CASE("strings a reader or step built must be valid UTF-8", "[article]") {
    // Fields set in C++ skip parse_record_json's check of the raw text; dumping them would throw.
    const auto [field, value, rejected_field] = GENERATE(table<std::string, json, std::string>({
        {"title", "Ferry \xc3 crews", "title"},
        {"body", "Crews stopped.\xff", "body"},
        {"source", "\xe2\x82Gazette", "source"},
        {"author",
         "Ren\xe9"
         "e",
         "author"},
        {"tags", json::array({"ok", "bad\xc0\xaf"}), "tags[1]"},
    }));
    CAPTURE(field);
    const auto parsed = article_from_json(with(valid_record(), field, value));
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().field == rejected_field);
    CHECK(parsed.error().reason.rfind("invalid UTF-8 at byte ", 0) == 0);
}

TEST_CASE("the limits are inclusive", "[article]") {
    CHECK(parse_article(with(valid_record(), "id", std::string(256, 'x')).dump()));
    // 256 characters of two bytes each are 512 bytes but still 256 characters.
    std::string accented;
    for (int i = 0; i < 256; ++i) accented += "é";
    CHECK(parse_article(with(valid_record(), "id", accented).dump()));
    CHECK(parse_article(with(valid_record(), "title", std::string(1000, 't')).dump()));
    CHECK(parse_article(
        with(valid_record(), "tags", json(std::vector<std::string>(100, "t"))).dump()));
}

TEST_CASE("good records are normalised", "[article]") {
    json record = valid_record();
    record["date"] = "2024-03-12T08:30:00+01:00";
    record["body"] =
        "<p>Smith &amp; Sons</p><p>said <a href=\"/x\">this</a>.</p><script>evil()</script>";
    record["url"] = "";
    record["author"] = nullptr;
    record["summary"] = "A standfirst.";
    record["tags"] = json::array({"transport", " ", "transport", "strikes"});
    record["lang"] = "en-GB";
    record["updated"] = "";
    record["shoe_size"] = 44;
    const auto parsed = parse_article(record.dump());
    REQUIRE(parsed);
    const Article& article = parsed->article;
    CHECK(article.body == "Smith & Sons\n\nsaid this.");
    CHECK(to_rfc3339(article.date) == "2024-03-12T07:30:00Z");
    CHECK_FALSE(article.url);
    CHECK_FALSE(article.author);
    CHECK_FALSE(article.updated);
    CHECK(article.summary == "A standfirst.");
    CHECK(article.tags == std::vector<std::string>{"transport", "strikes"});
    CHECK(article.lang == "en-GB");
    CHECK(parsed->unknown_fields == std::vector<std::string>{"shoe_size"});
}

TEST_CASE("wire-service angle brackets are text, not HTML", "[article]") {
    const auto parsed =
        parse_article(with(valid_record(), "body", "said <BP> and <I> shares rose").dump());
    REQUIRE(parsed);
    CHECK(parsed->article.body == "said <BP> and <I> shares rose");
}

TEST_CASE("the stored form is the normalised article", "[article]") {
    json record = valid_record();
    record["date"] = "2024-03-12T08:30:00-05:00";
    record["tags"] = json::array({"a"});
    record["author"] = "Ana Ruiz";
    const auto parsed = parse_article(record.dump());
    REQUIRE(parsed);
    const json stored = article_to_json(parsed->article);
    CHECK(stored == json{{"id", "a-1"},
                         {"title", "Ferry crews walk out"},
                         {"body", "Crews stopped."},
                         {"date", "2024-03-12T13:30:00Z"},
                         {"source", "Harbour Gazette"},
                         {"tags", {"a"}},
                         {"author", "Ana Ruiz"}});
    const auto reparsed = article_from_json(stored);
    REQUIRE(reparsed);
    CHECK(article_to_json(reparsed->article) == stored);
}

TEST_CASE("the stored form reads back as the same article, untouched", "[article]") {
    json record = valid_record();
    // Plain text that looks like markup once stored: reading it back must not decode it again.
    record["body"] = "<p>Prices &amp;lt; 5 &amp;amp; rising</p>";
    record["tags"] = json::array({"Port", "Transport"});
    record["url"] = "https://gazette.example/a-1";
    record["author"] = "Ana Ruiz";
    record["summary"] = "Crews stopped.";
    record["lang"] = "pt-BR";
    record["updated"] = "2024-03-13T09:00:00+01:00";
    record["original_source"] = "Wire";
    record["original_url"] = "/wire/a-1";
    const auto parsed = parse_article(record.dump());
    REQUIRE(parsed);
    const json stored = article_to_json(parsed->article);
    REQUIRE(stored["body"] == "Prices &lt; 5 &amp; rising");
    const auto read = article_from_stored_json(stored);
    REQUIRE(read);
    CHECK(article_to_json(*read) == stored);
    CHECK(read->body == "Prices &lt; 5 &amp; rising");
}

TEST_CASE("stored JSON that the indexer did not write is refused", "[article]") {
    const json stored = article_to_json(parse_article(valid_record().dump())->article);
    const auto [bad, field] = GENERATE_COPY(table<json, std::string>({
        {json::array(), "record"},
        {without(stored, "title"), "title"},
        {with(stored, "body", 5), "body"},
        {with(stored, "date", "yesterday"), "date"},
        {with(stored, "tags", "Port"), "tags"},
        {with(stored, "tags", json::array({1})), "tags"},
        {with(stored, "lang", json::array()), "lang"},
        {with(stored, "updated", "13/03/2024"), "updated"},
    }));
    CAPTURE(bad.dump());
    const auto read = article_from_stored_json(bad);
    REQUIRE_FALSE(read);
    CHECK(read.error().field == field);
}
