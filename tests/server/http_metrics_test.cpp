// Metrics rendering: Prometheus text exposition 0.0.4 — HELP and TYPE before each family,
// cumulative histogram buckets ending in +Inf with _sum and _count, escaped labels, gauges.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "http/metrics.hpp"

using namespace dateline::server;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has_line(const std::string& text, const std::string& line) {
    const auto lines = lines_of(text);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// The family a sample belongs to: its name less a histogram suffix.
std::string family_of(const std::string& sample) {
    std::string name = sample.substr(0, sample.find_first_of("{ "));
    for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (name.ends_with(suffix) && name.starts_with("dateline_http_request_duration"))
            return name.substr(0, name.size() - suffix.size());
    }
    return name;
}

}  // namespace

TEST_CASE("requests are counted by route and status", "[metrics]") {
    Metrics metrics;
    metrics.record_request("/v1/search", 200, 2ms);
    metrics.record_request("/v1/search", 200, 3ms);
    metrics.record_request("/v1/search", 400, 0ms);
    metrics.record_request("unmatched", 404, 0ms);
    const std::string text = metrics.render();
    CHECK(has_line(text, "# TYPE dateline_http_requests_total counter"));
    CHECK(has_line(text, "dateline_http_requests_total{route=\"/v1/search\",status=\"200\"} 2"));
    CHECK(has_line(text, "dateline_http_requests_total{route=\"/v1/search\",status=\"400\"} 1"));
    CHECK(has_line(text, "dateline_http_requests_total{route=\"unmatched\",status=\"404\"} 1"));
}

TEST_CASE("latency is a histogram with cumulative buckets", "[metrics]") {
    Metrics metrics;
    metrics.record_request("/v1/search", 200, 300us);  // first bucket (0.0005)
    metrics.record_request("/v1/search", 200, 1ms);    // exactly on the 0.001 bound
    metrics.record_request("/v1/search", 200, 40ms);   // 0.05
    metrics.record_request("/v1/search", 200, 30s);    // beyond the last bound
    const std::string text = metrics.render();
    const std::string bucket =
        "dateline_http_request_duration_seconds_bucket{route=\"/v1/search\",le=";
    CHECK(has_line(text, "# TYPE dateline_http_request_duration_seconds histogram"));
    CHECK(has_line(text, bucket + "\"0.0005\"} 1"));
    CHECK(has_line(text, bucket + "\"0.001\"} 2"));
    CHECK(has_line(text, bucket + "\"0.025\"} 2"));
    CHECK(has_line(text, bucket + "\"0.05\"} 3"));
    CHECK(has_line(text, bucket + "\"10\"} 3"));
    CHECK(has_line(text, bucket + "\"+Inf\"} 4"));
    CHECK(has_line(text, "dateline_http_request_duration_seconds_count{route=\"/v1/search\"} 4"));
    const std::string sum = "dateline_http_request_duration_seconds_sum{route=\"/v1/search\"} ";
    const auto at = text.find(sum);
    REQUIRE(at != std::string::npos);
    CHECK(std::stod(text.substr(at + sum.size())) == Approx(30.0413));
}

TEST_CASE("gauges show the latest values", "[metrics]") {
    Metrics metrics;
    metrics.set_index_state(48, 7);
    metrics.set_index_revision(9);
    metrics.set_searches_in_flight(3);
    metrics.set_open_connections(12);
    metrics.record_rejected_connection();
    const std::string text = metrics.render();
    CHECK(has_line(text, "# TYPE dateline_index_articles gauge"));
    CHECK(has_line(text, "dateline_index_articles 48"));
    CHECK(has_line(text, "dateline_index_revision 9"));
    CHECK(has_line(text, "dateline_searches_in_flight 3"));
    CHECK(has_line(text, "dateline_http_connections_open 12"));
    CHECK(has_line(text, "# TYPE dateline_http_connections_rejected_total counter"));
    CHECK(has_line(text, "dateline_http_connections_rejected_total 1"));
}

TEST_CASE("label values are escaped", "[metrics]") {
    Metrics metrics;
    metrics.record_request("a\"b\\c\nd", 200, 1ms);
    CHECK(has_line(metrics.render(),
                   "dateline_http_requests_total{route=\"a\\\"b\\\\c\\nd\",status=\"200\"} 1"));
}

TEST_CASE("every sample follows its family's HELP and TYPE", "[metrics]") {
    Metrics metrics;
    metrics.record_request("/healthz", 200, 1ms);
    metrics.record_request("/v1/search", 503, 1ms);
    std::set<std::string> typed, helped, finished;
    std::string current;
    for (const std::string& line : lines_of(metrics.render())) {
        CAPTURE(line);
        REQUIRE_FALSE(line.empty());
        if (line.starts_with("# HELP ")) {
            const std::string name = line.substr(7, line.find(' ', 7) - 7);
            CHECK(helped.insert(name).second);
            continue;
        }
        if (line.starts_with("# TYPE ")) {
            const std::string name = line.substr(7, line.find(' ', 7) - 7);
            CHECK(helped.count(name) == 1);
            CHECK(typed.insert(name).second);
            if (!current.empty()) finished.insert(current);
            current = name;
            continue;
        }
        CHECK(line.starts_with("dateline_"));
        CHECK(family_of(line) == current);  // samples of a family are contiguous
        CHECK(finished.count(family_of(line)) == 0);
    }
    CHECK(typed.size() == 7);
}
