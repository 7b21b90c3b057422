// Story fingerprints: a copy with a new headline, added boilerplate or its last paragraph cut
// stays similar; another article on the same news does not; templated reports with other
// figures fail the numbers check; the stored form round-trips.
#include <catch2/catch.hpp>

#include "story_fingerprint.hpp"

using dateline::indexer::StoryFingerprint;

namespace {

const std::string kFirst =
    "The harbour authority said on Monday that the new ferry terminal will open in the spring, "
    "two years later than planned, after the builder ran into trouble with the foundations. ";
const std::string kSecond =
    "Ticket prices will rise by 4.5 pct for the 12 routes that use the terminal, the authority "
    "said, while season passes for island residents stay at the 2023 price of 310 crowns. ";
const std::string kThird =
    "Local shops near the old quay fear they will lose trade when the ferries move, and the "
    "town council has asked the authority to keep a water taxi running to the old landing. ";
const std::string kBody = kFirst + kSecond + kThird;

StoryFingerprint print(const std::string& title, const std::string& body) {
    auto fingerprint = StoryFingerprint::of(title, body);
    REQUIRE(fingerprint);
    return *fingerprint;
}

}  // namespace

TEST_CASE("copies of a body stay similar to it", "[stories]") {
    const StoryFingerprint original = print("Ferry terminal delayed", kBody);
    CHECK(original.similarity(print("Ferry terminal delayed", kBody)) == 1.0);
    const StoryFingerprint retitled = print("Two more years to wait for the terminal", kBody);
    CHECK(original.similarity(retitled) == 1.0);  // a long body is fingerprinted alone
    const StoryFingerprint boilerplate =
        print("Ferry terminal delayed",
              kBody +
                  "This article originally appeared on Harbour Gazette. Subscribe to our "
                  "newsletter for more stories like this one, and share it with your friends.");
    CHECK(original.similarity(boilerplate) >= 0.5);
    const StoryFingerprint trimmed = print("Ferry terminal delayed", kFirst + kSecond);
    CHECK(original.similarity(trimmed) >= 0.5);
    CHECK(original.numbers_agree(trimmed));
    CHECK(original.numbers_agree(boilerplate));
}

TEST_CASE("another article on the same news is not a copy", "[stories]") {
    const StoryFingerprint original = print("Ferry terminal delayed", kBody);
    const StoryFingerprint other = print(
        "Foundations trouble at the ferry terminal",
        "Builders at the new ferry terminal have found soft clay under the foundations, the "
        "harbour authority confirmed, and the opening planned for this spring is off. Island "
        "residents and shop owners near the old quay said the delay was no surprise to them.");
    CHECK(original.similarity(other) < 0.2);
}

TEST_CASE("a templated report with other figures is not a copy", "[stories]") {
    const auto report = [](const std::string& amount, const std::string& rate) {
        return print("Fed adds reserves",
                     "The Federal Reserve entered the government securities market to arrange " +
                         amount +
                         " billion dlrs of customer repurchase agreements, a spokesman said. "
                         "Dealers said Federal funds were trading at " +
                         rate + " pct when the Fed began its temporary supply of reserves.");
    };
    const StoryFingerprint monday = report("1.5", "6-3/16");
    const StoryFingerprint tuesday = report("2.5", "6-1/4");
    CHECK(monday.similarity(tuesday) >= 0.5);  // the words alone would call it a copy
    CHECK_FALSE(monday.numbers_agree(tuesday));
    CHECK(monday.numbers_agree(report("1.5", "6-3/16")));
}

TEST_CASE("short bodies are fingerprinted with their title, very short ones not at all",
          "[stories]") {
    const std::string body = "Qtly div five cts vs five cts prior, pay Nov 19, record Nov 5.";
    const StoryFingerprint first = print("Veeco Instruments sets quarterly", body);
    const StoryFingerprint second = print("Acme Tools sets quarterly", body);
    CHECK_FALSE(first.titles_agree(second));  // another company's report
    const StoryFingerprint corrected = print("Veeco Instruments Inc sets quarterly", body);
    CHECK(first.titles_agree(corrected));
    CHECK(first.similarity(corrected) >= 0.5);
    // A long body is its own evidence: its title is not compared.
    const std::string long_body = body + " " + body + " " + body + " " + body;
    CHECK(print("Veeco", long_body).titles_agree(print("Acme", long_body)));
    CHECK_FALSE(StoryFingerprint::of("Ferry news", "Ferry news."));
}

TEST_CASE("the stored fingerprint round-trips and rejects other shapes", "[stories]") {
    const StoryFingerprint original = print("Ferry terminal delayed", kBody);
    const std::string stored = original.serialise();
    const auto parsed = StoryFingerprint::parse(stored);
    REQUIRE(parsed);
    CHECK(parsed->similarity(original) == 1.0);
    CHECK(parsed->serialise() == stored);
    for (std::size_t band = 0; band < StoryFingerprint::kBands; ++band)
        CHECK(parsed->band_key(band) == original.band_key(band));
    CHECK_FALSE(StoryFingerprint::parse(""));
    CHECK_FALSE(StoryFingerprint::parse(stored.substr(0, 10)));
    CHECK_FALSE(StoryFingerprint::parse(stored + "x"));
}
