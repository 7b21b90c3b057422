// HTML of the search form.
#include "web/search_form.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "search/html_escape.hpp"
#include "web/search_page_query.hpp"

namespace dateline::server {
namespace {

struct Choice {
    std::string_view value;
    std::string_view label;
};

constexpr std::array<Choice, 4> kDateChoices = {{
    {"", "Any time"},
    {"now-7d", "Past week"},
    {"now-30d", "Past month"},
    {"now-365d", "Past year"},
}};

constexpr std::array<Choice, 3> kSortChoices = {{
    {"relevance", "Relevance"},
    {"newest", "Newest first"},
    {"oldest", "Oldest first"},
}};

void append_option(std::string& out, std::string_view value, std::string_view label,
                   bool selected) {
    out += "<option value=\"";
    append_html_escaped(out, value);
    out += selected ? "\" selected>" : "\">";
    append_html_escaped(out, label);
    out += "</option>";
}

void append_hidden(std::string& out, std::string_view name, std::string_view value) {
    out += "<input type=\"hidden\" name=\"";
    append_html_escaped(out, name);
    out += "\" value=\"";
    append_html_escaped(out, value);
    out += "\">";
}

// Opens a labelled field: <div class="field"><label for="id">Label</label>
void open_field(std::string& out, std::string_view id, std::string_view label) {
    out += "<div class=\"field\"><label for=\"";
    out += id;
    out += "\">";
    out += label;
    out += "</label>";
}

void append_query_row(std::string& out, std::string_view q) {
    out +=
        "<div class=\"search-row\"><label class=\"search-label\" for=\"q\">Search the archive"
        "</label><div class=\"search-box\"><input type=\"search\" id=\"q\" name=\"q\" value=\"";
    append_html_escaped(out, q);
    out +=
        "\" autocomplete=\"off\" spellcheck=\"false\">"
        "<button type=\"submit\">Search</button></div></div>";
}

bool is_preset_range(const QueryParams& params) {
    const std::string_view from = param_value(params, "from");
    return param_value(params, "to").empty() &&
           std::any_of(kDateChoices.begin(), kDateChoices.end(),
                       [from](const Choice& choice) { return choice.value == from; });
}

void append_date_select(std::string& out, std::string_view from) {
    open_field(out, "from", "Date");
    out += "<select id=\"from\" name=\"from\">";
    for (const Choice& choice : kDateChoices)
        append_option(out, choice.value, choice.label, choice.value == from);
    out += "</select></div>";
}

bool looks_like_date(std::string_view value) {
    return value.size() == 10 && value[4] == '-' && value[7] == '-';
}

// A range from a link or a hand-written URL: shown as it is, editable, and clearable.
void append_date_input(std::string& out, std::string_view id, std::string_view label,
                       std::string_view value) {
    open_field(out, id, label);
    out += "<input id=\"";
    out += id;
    out += "\" name=\"";
    out += id;
    out += looks_like_date(value) || value.empty() ? "\" type=\"date\"" : "\" type=\"text\"";
    out += " value=\"";
    append_html_escaped(out, value);
    out += "\"></div>";
}

void append_date_controls(std::string& out, const QueryParams& params) {
    if (is_preset_range(params)) {
        append_date_select(out, param_value(params, "from"));
        return;
    }
    append_date_input(out, "from", "From", param_value(params, "from"));
    append_date_input(out, "to", "To", param_value(params, "to"));
    QueryParams any_time = with_param(with_param(params, "from", ""), "to", "");
    out += "<p class=\"field field-link\"><a href=\"";
    append_html_escaped(out, search_page_link(with_param(std::move(any_time), "page", "")));
    out += "\">Any time</a></p>";
}

void append_source_select(std::string& out, std::string_view selected,
                          const std::vector<FacetValue>& sources) {
    open_field(out, "source", "Source");
    out += "<select id=\"source\" name=\"source\">";
    append_option(out, "", "All sources", selected.empty());
    const bool offered =
        std::any_of(sources.begin(), sources.end(),
                    [selected](const FacetValue& f) { return f.value == selected; });
    if (!selected.empty() && !offered) append_option(out, selected, selected, true);
    for (const FacetValue& source : sources)
        append_option(out, source.value, source.value, source.value == selected);
    out += "</select></div>";
}

void append_sort_select(std::string& out, std::string_view sort) {
    open_field(out, "sort", "Sort by");
    out += "<select id=\"sort\" name=\"sort\">";
    for (const Choice& choice : kSortChoices)
        append_option(out, choice.value, choice.label,
                      choice.value == sort || (sort.empty() && choice.value == "relevance"));
    out += "</select></div>";
}

// What the visible controls do not show: filters from links (tags, authors, languages, a
// second source) and the page size. `page` is left out: a new search starts at page 1.
void append_hidden_params(std::string& out, const QueryParams& params) {
    bool first_source = true;
    for (const auto& [name, value] : params) {
        if (name == "source" && std::exchange(first_source, false)) continue;
        if (name == "source" || name == "tag" || name == "author" || name == "lang" ||
            name == "per_page")
            append_hidden(out, name, value);
    }
}

}  // namespace

void append_search_form(std::string& out, const QueryParams& params,
                        const std::vector<FacetValue>& sources) {
    out += "<form class=\"search-form\" role=\"search\" action=\"";
    out += kSearchPagePath;
    out += "\" method=\"get\">";
    append_query_row(out, param_value(params, "q"));
    out += "<div class=\"filters\">";
    append_date_controls(out, params);
    append_source_select(out, param_value(params, "source"), sources);
    append_sort_select(out, param_value(params, "sort"));
    out += "</div>";
    append_hidden_params(out, params);
    out += "</form>";
}

}  // namespace dateline::server
