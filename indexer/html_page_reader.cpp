// HTML page metadata and text to a SourceRecord. Field sources in order of trust: JSON-LD
// (written for machines), then OpenGraph/article meta, then the markup itself.
#include "html_page_reader.hpp"

#include <map>
#include <memory>
#include <vector>

#include <gumbo.h>

#include "article_body.hpp"
#include "article_draft.hpp"
#include "json_ld.hpp"
#include "markup_depth.hpp"
#include "url_resolver.hpp"

namespace dateline::indexer {
namespace {

constexpr std::size_t kMaxDepth = 400;  // as article_body: deeper markup is not metadata

struct PageMetadata {
    std::multimap<std::string, std::string> meta;  // property or name -> content, in order
    std::vector<std::string> json_ld;
    std::string canonical, base_href, lang, title, first_h1, time_published, time_in_article;
};

const char* attribute(const GumboElement& element, const char* name) {
    const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
    return found ? found->value : nullptr;
}

std::string text_below(const GumboNode* node, std::size_t depth = 0) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE)
        return node->v.text.text;
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return {};
    std::string out;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        out += text_below(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    return out;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void note_meta(const GumboElement& element, PageMetadata& page) {
    const char* content = attribute(element, "content");
    if (!content) return;
    for (const char* key : {"property", "name", "itemprop"})
        if (const char* name = attribute(element, key)) page.meta.emplace(lower(name), content);
}

void note_time(const GumboElement& element, bool in_article, PageMetadata& page) {
    const char* datetime = attribute(element, "datetime");
    if (!datetime) return;
    const char* itemprop = attribute(element, "itemprop");
    const bool published = attribute(element, "pubdate") ||
                           (itemprop && std::string_view(itemprop) == "datePublished");
    if (published && page.time_published.empty()) page.time_published = datetime;
    if (in_article && page.time_in_article.empty()) page.time_in_article = datetime;
}

void note_element(const GumboNode* node, bool in_article, PageMetadata& page) {
    const GumboElement& element = node->v.element;
    switch (element.tag) {
        case GUMBO_TAG_HTML:
            if (const char* lang = attribute(element, "lang")) page.lang = lang;
            break;
        case GUMBO_TAG_META: note_meta(element, page); break;
        case GUMBO_TAG_LINK: {
            const char* rel = attribute(element, "rel");
            const char* href = attribute(element, "href");
            if (rel && href && lower(rel) == "canonical" && page.canonical.empty())
                page.canonical = href;
            break;
        }
        case GUMBO_TAG_BASE:
            if (const char* href = attribute(element, "href")) page.base_href = href;
            break;
        case GUMBO_TAG_TITLE:
            if (page.title.empty()) page.title = text_below(node);
            break;
        case GUMBO_TAG_H1:
            if (page.first_h1.empty()) page.first_h1 = text_below(node);
            break;
        case GUMBO_TAG_TIME: note_time(element, in_article, page); break;
        case GUMBO_TAG_SCRIPT: {
            const char* type = attribute(element, "type");
            if (type && lower(type) == "application/ld+json")
                page.json_ld.push_back(text_below(node));
            break;
        }
        default: break;
    }
}

void collect_metadata(const GumboNode* node, bool in_article, PageMetadata& page,
                      std::size_t depth = 0) {
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
    note_element(node, in_article, page);
    const GumboTag tag = node->v.element.tag;
    in_article = in_article || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        collect_metadata(static_cast<const GumboNode*>(children.data[i]), in_article, page,
                         depth + 1);
}

std::vector<std::string> meta_all(const PageMetadata& page, const std::string& key) {
    std::vector<std::string> values;
    const auto [first, last] = page.meta.equal_range(key);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
}

std::string meta(const PageMetadata& page, const std::string& key) {
    const auto found = page.meta.find(key);
    return found == page.meta.end() ? std::string() : found->second;
}

void apply_open_graph(const PageMetadata& page, ArticleDraft& draft) {
    draft.set_text("title", meta(page, "og:title"));
    for (const char* key : {"article:published_time", "datepublished", "date", "dc.date",
                            "dcterms.created", "pubdate"})
        draft.set_date("date", meta(page, key));
    draft.set_date("updated", meta(page, "article:modified_time"));
    draft.set_date("updated", meta(page, "datemodified"));
    draft.set_plain("source", meta(page, "og:site_name"));
    std::string authors;
    for (const std::string& author : meta_all(page, "article:author"))
        if (!has_scheme(author)) authors += (authors.empty() ? "" : ", ") + author;
    draft.set_plain("author", authors);
    draft.set_plain("author", meta(page, "author"));
    for (const std::string& tag : meta_all(page, "article:tag")) draft.add_tag(tag);
    for (const std::string& section : meta_all(page, "article:section")) draft.add_tag(section);
    draft.set_text("summary", meta(page, "og:description"));
    draft.set_text("summary", meta(page, "description"));
    draft.set_lang(meta(page, "og:locale"));
}

void apply_markup(const PageMetadata& page, ArticleDraft& draft) {
    draft.set_date("date", page.time_published);
    draft.set_date("date", page.time_in_article);
    draft.set_text("title", page.first_h1);
    draft.set_text("title", page.title);
    draft.set_lang(page.lang);
}

// Canonical URL, else og:url, else the file's path below the walked directory.
void apply_identity(const PageMetadata& page, const DocumentContext& context, ArticleDraft& draft) {
    const std::string og_url = meta(page, "og:url");
    const std::string base = !page.base_href.empty() ? page.base_href : og_url;
    for (const std::string& candidate : {page.canonical, og_url}) {
        if (candidate.empty()) continue;
        const std::string url = resolve_url(base, candidate);
        draft.set_plain("id", url);
        draft.set_url(url);
    }
    draft.set_plain("id", context.relative_path);
}

void apply_body(const GumboNode* document, const std::optional<nlohmann::json>& json_ld,
                ArticleDraft& draft) {
    const ArticleBody body = extract_article_body(document);
    const std::string json_ld_text = json_ld ? json_ld_body(*json_ld) : std::string();
    // articleBody is usually the same text flattened; the markup keeps the paragraphs, so it
    // wins unless the page hid most of its text from the extractor.
    if (body.text_bytes * 2 < json_ld_text.size())
        draft.set_text("body", json_ld_text);
    else
        draft.set_html("body", body.html);
}

}  // namespace

SourceRecord read_html_page(std::string_view html, const DocumentContext& context) {
    SourceRecord record;
    record.kind = SourceKind::kHtmlPage;
    if (markup_nests_deeper_than(html)) {
        record.fields = Unexpected(RecordError{"file", "HTML nested deeper than " +
                                                           std::to_string(kMaxMarkupDepth) +
                                                           " elements; not an article page"});
        return record;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // gumbo copies the open-element stack into every error it keeps
    const std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, html.data(), html.size()),
        [](GumboOutput* parsed) { gumbo_destroy_output(&kGumboDefaultOptions, parsed); });
    PageMetadata page;
    collect_metadata(output->root, false, page);
    const std::optional<nlohmann::json> json_ld = find_json_ld_article(page.json_ld);
    ArticleDraft draft;
    apply_identity(page, context, draft);
    if (json_ld) apply_json_ld(*json_ld, draft);
    apply_open_graph(page, draft);
    apply_markup(page, draft);
    apply_body(output->document, json_ld, draft);

    record.fields = draft.finish(context.defaults,
                                 {"<link rel=\"canonical\">, og:url, the file path",
                                  "JSON-LD headline, og:title, <h1>, <title>",
                                  "JSON-LD datePublished, article:published_time, <time datetime>",
                                  "JSON-LD publisher.name, og:site_name"});
    return record;
}

}  // namespace dateline::indexer
