// Metrics collection and Prometheus text rendering.
#include "http/metrics.hpp"

#include <charconv>

namespace dateline::server {
namespace {

// Shortest text that reads back as the same double, without an exponent ("0.0005", "10").
std::string number(double value) {
    char text[400];  // fixed notation of a large double needs ~310 digits
    const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed).ptr;
    return std::string(text, end);
}

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string label_value(std::string_view value) {
    std::string escaped;
    for (char c : value) {
        if (c == '\\' || c == '"') escaped += '\\';
        escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return escaped;
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            std::string_view value) {
    out.append(name);
    if (!labels.empty()) out.append("{").append(labels).append("}");
    out.append(" ").append(value).append("\n");
}

}  // namespace

void Metrics::record_request(std::string_view route, unsigned status,
                             std::chrono::duration<double> latency) {
    const double seconds = latency.count();
    std::size_t bucket = 0;
    while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;

    std::lock_guard lock(mutex_);
    ++requests_[{std::string(route), status}];
    auto histogram = latency_.find(route);
    if (histogram == latency_.end()) histogram = latency_.emplace(route, Histogram{}).first;
    if (bucket < kLatencyBuckets.size()) ++histogram->second.buckets[bucket];
    ++histogram->second.count;
    histogram->second.sum_seconds += seconds;
}

void Metrics::record_rejected_connection() {
    ++rejected_connections_;
}

void Metrics::set_index_state(std::uint64_t article_count, std::uint64_t revision) {
    article_count_ = article_count;
    revision_ = revision;
}

void Metrics::set_index_revision(std::uint64_t revision) {
    revision_ = revision;
}

void Metrics::set_searches_in_flight(std::size_t searches) {
    searches_in_flight_ = searches;
}

void Metrics::set_open_connections(std::size_t connections) {
    open_connections_ = connections;
}

std::string Metrics::render() const {
    std::string out;
    render_requests(out);
    render_latency(out);
    render_gauges(out);
    return out;
}

void Metrics::render_requests(std::string& out) const {
    header(out, "dateline_http_requests_total", "counter",
           "HTTP requests answered, by route and status.");
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
        sample(out, "dateline_http_requests_total",
               "route=\"" + label_value(key.first) + "\",status=\"" + std::to_string(key.second) +
                   "\"",
               std::to_string(count));
    }
}

void Metrics::render_latency(std::string& out) const {
    constexpr std::string_view name = "dateline_http_request_duration_seconds";
    header(out, name, "histogram", "Time from a complete request to its response, by route.");
    std::lock_guard lock(mutex_);
    for (const auto& [route, histogram] : latency_) {
        const std::string route_label = "route=\"" + label_value(route) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
            cumulative += histogram.buckets[i];
            sample(out, "dateline_http_request_duration_seconds_bucket",
                   route_label + ",le=\"" + number(kLatencyBuckets[i]) + "\"",
                   std::to_string(cumulative));
        }
        sample(out, "dateline_http_request_duration_seconds_bucket", route_label + ",le=\"+Inf\"",
               std::to_string(histogram.count));
        sample(out, "dateline_http_request_duration_seconds_sum", route_label,
               number(histogram.sum_seconds));
        sample(out, "dateline_http_request_duration_seconds_count", route_label,
               std::to_string(histogram.count));
    }
}

void Metrics::render_gauges(std::string& out) const {
    header(out, "dateline_searches_in_flight", "gauge",
           "Index jobs queued or running in the search pool.");
    sample(out, "dateline_searches_in_flight", "", std::to_string(searches_in_flight_.load()));
    header(out, "dateline_http_connections_open", "gauge", "Client connections open.");
    sample(out, "dateline_http_connections_open", "", std::to_string(open_connections_.load()));
    header(out, "dateline_http_connections_rejected_total", "counter",
           "Connections closed on accept because the connection limit was reached.");
    sample(out, "dateline_http_connections_rejected_total", "",
           std::to_string(rejected_connections_.load()));
    header(out, "dateline_index_articles", "gauge", "Articles in the index, as last seen.");
    sample(out, "dateline_index_articles", "", std::to_string(article_count_.load()));
    header(out, "dateline_index_revision", "gauge", "Revision of the index, as last seen.");
    sample(out, "dateline_index_revision", "", std::to_string(revision_.load()));
}

}  // namespace dateline::server
