// The search page document: head, masthead with the form, heading, notices, results, pages.
#include "web/search_page.hpp"

#include <string_view>

#include "dateline/utf8.hpp"
#include "search/html_escape.hpp"
#include "web/display_format.hpp"
#include "web/pagination.hpp"
#include "web/result_list.hpp"
#include "web/search_form.hpp"
#include "web/search_page_query.hpp"

namespace dateline::server {
namespace {

constexpr std::size_t kMaxTitleQueryBytes = 80;

// Quotes a person's words: “oil”.
std::string quoted(std::string_view text) {
    return "\u201C" + html_escaped(text) + "\u201D";
}

void append_head(std::string& out, std::string_view q) {
    out +=
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"color-scheme\" content=\"light dark\">"
        "<meta name=\"robots\" content=\"noindex\"><title>";
    if (!q.empty()) out += quoted(truncate_utf8(q, kMaxTitleQueryBytes)) + " \u2014 ";
    out +=
        "Search \u2014 Dateline</title>"
        "<link rel=\"stylesheet\" href=\"/search-page.css\"></head><body>"
        "<a class=\"skip-link\" href=\"#main\">Skip to results</a>";
}

void append_masthead(std::string& out, const SearchPageContent& content) {
    static const std::vector<FacetValue> kNoSources;
    const std::vector<FacetValue>* sources = &kNoSources;
    if (content.result) {
        const auto found = content.result->facets.find("source");
        if (found != content.result->facets.end()) sources = &found->second;
    }
    out += "<header class=\"masthead\"><div class=\"wrap\"><p class=\"brand\"><a href=\"";
    out += kSearchPagePath;
    out += "\">Dateline</a></p>";
    append_search_form(out, content.params, *sources);
    out += "</div></header>";
}

bool has_filters(const QueryParams& params) {
    for (const auto& [name, value] : params)
        if (name != "q" && name != "sort" && name != "collapse" && name != "page" &&
            name != "per_page")
            return true;
    return false;
}

std::string heading(const SearchPageContent& content, const SearchResult& result) {
    const std::string_view q = param_value(content.params, "q");
    const std::string for_query = q.empty() ? "" : " for " + quoted(q);
    if (result.total == 0)
        return q.empty() ? "No articles match these filters" : "No articles match " + quoted(q);
    if (q.empty() && !has_filters(content.params)) return "Latest articles";
    const std::string count =
        (result.total_is_exact ? "" : "More than ") + with_thousands(result.total);
    const std::string_view noun = q.empty() ? (result.total == 1 ? " article" : " articles")
                                            : (result.total == 1 ? " result" : " results");
    return count + std::string(noun) + for_query;
}

void append_suggestion(std::string& out, const SearchPageContent& content,
                       const std::string& suggestion) {
    const QueryParams target = with_param(with_param(content.params, "q", suggestion), "page", "");
    out += "<p class=\"notice\">Did you mean <a href=\"";
    append_html_escaped(out, search_page_link(target));
    out += "\">";
    append_html_escaped(out, suggestion);
    out += "</a>?</p>";
}

void append_results(std::string& out, const SearchPageContent& content,
                    const SearchResult& result) {
    out += "<h1 class=\"status\">" + heading(content, result) + "</h1>";
    if (result.suggestion) append_suggestion(out, content, *result.suggestion);
    if (result.relaxed)
        out +=
            "<p class=\"notice\">No article has all of your words, so these have some of "
            "them.</p>";
    append_result_list(out, result.hits, (content.page - 1) * content.per_page + 1);
    append_pagination(out, content.params, paginate(result.total, content.page, content.per_page));
}

void append_problem(std::string& out, const ApiError& problem) {
    out +=
        "<h1 class=\"status\">Your search could not be run</h1>"
        "<p class=\"problem\" role=\"alert\">";
    append_html_escaped(out, problem_message(problem));
    out += "</p>";
}

std::string_view parameter_label(std::string_view parameter) {
    if (parameter == "q") return "search words";
    if (parameter == "from") return "start date";
    if (parameter == "to") return "end date";
    if (parameter == "page") return "page number";
    if (parameter == "per_page") return "number of results per page";
    if (parameter == "sort") return "sort order";
    if (parameter == "lang") return "language";
    return parameter;
}

// "from: expected YYYY-MM-DD" -> "expected YYYY-MM-DD": the label says which field.
std::string_view without_parameter_prefix(std::string_view message, std::string_view parameter) {
    const std::string prefix = std::string(parameter) + ": ";
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
}

}  // namespace

std::string problem_message(const ApiError& problem) {
    switch (problem.code) {
        case ErrorCode::kOverloaded:
            return "The search service is busy right now. Please try again in a moment.";
        case ErrorCode::kRateLimited:
            return "Too many searches from your address. Please wait a moment and try again.";
        case ErrorCode::kUnavailable:
            return "The archive cannot be searched right now. Please try again later.";
        case ErrorCode::kInternal:
            return "Something went wrong on our side. Please try again later.";
        default: break;
    }
    if (!problem.parameter) return problem.message;
    return "Please check the " + std::string(parameter_label(*problem.parameter)) + ": " +
           std::string(without_parameter_prefix(problem.message, *problem.parameter));
}

std::string render_search_page(const SearchPageContent& content) {
    std::string out;
    out.reserve(16 * 1024);
    append_head(out, param_value(content.params, "q"));
    append_masthead(out, content);
    out += "<main id=\"main\" class=\"wrap\">";
    if (content.problem) append_problem(out, *content.problem);
    if (content.result) append_results(out, content, *content.result);
    out += "</main></body></html>";
    return out;
}

}  // namespace dateline::server
