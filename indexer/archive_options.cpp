// The archive-reading flags of `add` and `sync`: registration, checks, reports.
#include "archive_options.hpp"

#include <cstdio>

#include "boilerplate_setup.hpp"
#include "dateline/utf8.hpp"
#include "default_language.hpp"
#include "web_date.hpp"

namespace dateline::indexer {
namespace {

// Files found in directories that hold no archive format: named, since a file the user meant
// to index may be among them, but not counted as rejected. (`sync` names them when first seen;
// unchanged later, they are not opened again.)
void print_skipped(const std::vector<std::string>& skipped) {
    constexpr std::size_t kMaxNamed = 10;
    if (skipped.empty()) return;
    std::fprintf(stderr, "skipped %zu %s neither JSON, a feed nor an HTML page:", skipped.size(),
                 skipped.size() == 1 ? "file that is" : "files that are");
    for (std::size_t i = 0; i < skipped.size() && i < kMaxNamed; ++i)
        std::fprintf(stderr, " %s", skipped[i].c_str());
    std::fputs(skipped.size() > kMaxNamed ? " ...\n" : "\n", stderr);
}

}  // namespace

ArchiveOptions::ArchiveOptions(CLI::App& command) {
    command
        .add_option("--format", format_,
                    "Read every input as this format: auto, jsonl, json, rss, atom, feed (rss or "
                    "atom), html")
        ->capture_default_str();
    command.add_option("--source", source_,
                       "Source name for feed items and pages that do not name one");
    command.add_option("--default-date", default_date_,
                       "Date for feed items and pages that carry none (RFC 3339 or YYYY-MM-DD)");
    command.add_option("--default-lang", default_lang_,
                       "Language (BCP 47 tag; its primary subtag is kept) of articles that give "
                       "none and whose language cannot be detected, and of queries in no "
                       "recognisable language. Kept in the index; default: the index's, else en");
    command.add_flag("--keep-boilerplate", keep_boilerplate_,
                     "Index bodies as given: no boilerplate rules, no learnt repeated lines, no "
                     "title repeated in the body removed");
    command.add_option("--boilerplate-rules", rule_files_,
                       "A rules file (format: docs/formats.md), applied before the built-in "
                       "rules; may be repeated");
    command.add_flag("-v,--verbose", verbose_,
                     "Report what boilerplate was removed: learnt repeated lines, rule hits");
}

Result<void, std::string> ArchiveOptions::apply(IngestOptions& options) {
    const auto format = format_from_name(format_);
    if (!format)
        return Unexpected("--format: unknown format " + quoted_excerpt(format_) +
                          " (expected auto, jsonl, json, rss, atom, feed or html)");
    options.format = *format;
    options.defaults.source = source_;
    if (!default_date_.empty()) {
        auto date = parse_web_date(default_date_);
        if (!date) return Unexpected("--default-date: " + date.error());
        options.defaults.date = to_rfc3339(*date);
    }
    if (default_lang_) {
        auto language = default_language_from_tag(*default_lang_);
        if (!language) return Unexpected("--default-lang: " + language.error());
        options.default_language = std::move(*language);
    }
    if (keep_boilerplate_) return {};
    auto rules = load_boilerplate_rules(rule_files_);
    if (!rules) return Unexpected("--boilerplate-rules: " + rules.error());
    rules_ = std::move(*rules);
    return {};
}

void ArchiveOptions::report(const BoilerplateReport* removed,
                            const std::vector<std::string>& skipped, bool quiet) const {
    if (removed && rules_ && verbose_) removed->print(*rules_, stderr);
    if (!quiet) print_skipped(skipped);
}

}  // namespace dateline::indexer
