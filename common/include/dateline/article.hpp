// The article model: what Dateline indexes and returns, and the limits of the input contract
// (schemas/article.schema.json states the same limits). Plain value types; thread-safe to copy.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dateline/date.hpp"

namespace dateline {

struct ArticleLimits {
    static constexpr std::size_t kMaxIdChars = 256;
    static constexpr std::size_t kMaxTitleChars = 1000;
    static constexpr std::size_t kMaxTags = 100;
    static constexpr std::size_t kMaxRecordBytes = std::size_t{4} * 1024 * 1024;
};

struct Article {
    std::string id;
    std::string title;
    std::string body;  // plain text: markup stripped, entities decoded
    Timestamp date;
    std::string source;
    std::vector<std::string> tags;
    std::optional<std::string> url;
    std::optional<std::string> author;
    std::optional<std::string> summary;
    std::optional<std::string> lang;  // BCP 47, as given
    std::optional<Timestamp> updated;
    // Where a syndicated or aggregated article first appeared, as the input or its footer
    // ("... was originally published in X") says.
    std::optional<std::string> original_source;
    std::optional<std::string> original_url;  // http(s) or a site path, as url
};

}  // namespace dateline
