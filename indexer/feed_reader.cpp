// RSS and Atom items to SourceRecords. pugixml is not namespace-aware, so elements are matched
// by local name ("content:encoded" -> "encoded") where feeds vary in their prefixes.
#include "feed_reader.hpp"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>

#include "article_draft.hpp"
#include "dateline/html_text.hpp"
#include "dateline/utf8.hpp"
#include "url_resolver.hpp"

namespace dateline::indexer {
namespace {

constexpr std::size_t kRejectedItemBytes = 4096;

struct FeedInfo {
    std::string source;
    std::string lang;
    std::string base_url;
    std::vector<std::string> authors;  // Atom: feed-level authors, for entries without one
};

std::string_view local_name(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node element : node.children())
        if (element.type() == pugi::node_element && local_name(element.name()) == local)
            return element;
    return {};
}

std::vector<pugi::xml_node> children(pugi::xml_node node, std::string_view local) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node element : node.children())
        if (element.type() == pugi::node_element && local_name(element.name()) == local)
            out.push_back(element);
    return out;
}

// All character data of an element (several CDATA sections count as one text).
std::string text_of(pugi::xml_node node) {
    std::string out;
    for (pugi::xml_node part : node.children())
        if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata)
            out += part.value();
    return out;
}

std::string xml_of(pugi::xml_node node, bool inner) {
    std::ostringstream out;
    if (inner) {
        for (pugi::xml_node part : node.children()) part.print(out, "", pugi::format_raw);
    } else {
        node.print(out, "", pugi::format_raw);
    }
    return out.str();
}

std::size_t line_at(std::string_view text, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, std::ssize(text));
    return static_cast<std::size_t>(std::count(text.begin(), end, '\n')) + 1;
}

// An Atom text construct (title, summary, content) as HTML.
std::string atom_html(pugi::xml_node node) {
    const std::string_view type = node.attribute("type").as_string("text");
    if (type == "xhtml") {
        const pugi::xml_node div = child(node, "div");
        return xml_of(div ? div : node, /*inner=*/true);
    }
    const std::string text = text_of(node);
    return type == "html" || type == "text/html" ? text : escape_html(text);
}

// RSS <author> holds "jo@example.com (Jo Bloggs)": the name is in the parentheses.
std::string rss_author_name(const std::string& author) {
    const auto open = author.find('('), close = author.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open + 1)
        return author.substr(open + 1, close - open - 1);
    return author;
}

std::string xml_base(pugi::xml_node node, const std::string& base) {
    const pugi::xml_attribute attribute = node.attribute("xml:base");
    return attribute ? resolve_url(base, attribute.value()) : base;
}

ArticleDraft rss_item_draft(pugi::xml_node item, const FeedInfo& feed) {
    ArticleDraft draft;
    const pugi::xml_node link = item.child("link");
    const std::string base = xml_base(item, feed.base_url);
    draft.set_plain("id", text_of(child(item, "guid")));
    if (link) draft.set_plain("id", resolve_url(base, text_of(link)));
    draft.set_html("title", text_of(child(item, "title")));
    if (link) draft.set_url(resolve_url(base, text_of(link)));
    const pugi::xml_node content = child(item, "encoded");
    const std::string description = text_of(child(item, "description"));
    draft.set_html("body", text_of(content));
    draft.set_html("body", description);
    if (content) draft.set_html("summary", description);
    draft.set_date("date", text_of(child(item, "pubDate")));
    draft.set_date("date", text_of(child(item, "date")));  // dc:date, RFC 3339
    draft.set_date("updated", text_of(child(item, "modified")));
    for (pugi::xml_node category : children(item, "category")) draft.add_tag(text_of(category));
    for (pugi::xml_node subject : children(item, "subject")) draft.add_tag(text_of(subject));
    draft.set_plain("author", text_of(child(item, "creator")));
    draft.set_plain("author", rss_author_name(text_of(item.child("author"))));
    draft.set_lang(text_of(child(item, "language")));
    draft.set_lang(feed.lang);
    draft.set_plain("source", feed.source);
    return draft;
}

std::string atom_link(pugi::xml_node node, std::string_view rel) {
    for (pugi::xml_node link : children(node, "link")) {
        const std::string_view link_rel = link.attribute("rel").as_string("alternate");
        if (link_rel == rel) return link.attribute("href").as_string();
    }
    return {};
}

std::vector<std::string> atom_authors(pugi::xml_node node) {
    std::vector<std::string> names;
    for (pugi::xml_node author : children(node, "author")) {
        const std::string name = text_of(child(author, "name"));
        if (!is_blank(name)) names.push_back(name);
    }
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

ArticleDraft atom_entry_draft(pugi::xml_node entry, const FeedInfo& feed) {
    ArticleDraft draft;
    const std::string base = xml_base(entry, feed.base_url);
    const std::string link = atom_link(entry, "alternate");
    draft.set_plain("id", text_of(child(entry, "id")));
    if (!link.empty()) draft.set_plain("id", resolve_url(base, link));
    if (const pugi::xml_node title = child(entry, "title"))
        draft.set_html("title", atom_html(title));
    if (!link.empty()) draft.set_url(resolve_url(base, link));
    const pugi::xml_node content = child(entry, "content"), summary = child(entry, "summary");
    if (content) draft.set_html("body", atom_html(content));
    if (summary) draft.set_html(content ? "summary" : "body", atom_html(summary));
    draft.set_date("date", text_of(child(entry, "published")));
    draft.set_date("date", text_of(child(entry, "updated")));
    draft.set_date("updated", text_of(child(entry, "updated")));
    for (pugi::xml_node category : children(entry, "category")) {
        const pugi::xml_attribute label = category.attribute("label");
        draft.add_tag(label ? label.value() : category.attribute("term").value());
    }
    const std::vector<std::string> authors = atom_authors(entry);
    draft.set_plain("author", joined(authors.empty() ? feed.authors : authors));
    draft.set_lang(entry.attribute("xml:lang").value());
    draft.set_lang(feed.lang);
    draft.set_plain("source", feed.source);
    return draft;
}

SourceRecord failed_file(RecordError error) {
    SourceRecord record;
    record.kind = SourceKind::kFeedItem;
    record.fields = Unexpected(std::move(error));
    return record;
}

struct FeedLayout {
    bool atom = false;
    pugi::xml_node channel;             // RSS channel or Atom feed
    std::vector<pugi::xml_node> items;  // items or entries
};

Result<FeedLayout, RecordError> layout_of(const pugi::xml_document& document) {
    const pugi::xml_node root = document.document_element();
    const std::string_view root_name = local_name(root.name());
    FeedLayout layout;
    if (root_name == "feed") {
        layout.atom = true;
        layout.channel = root;
        layout.items = children(root, "entry");
    } else if (root_name == "rss" || root_name == "RDF") {
        layout.channel = child(root, "channel");
        // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
        layout.items = children(layout.channel, "item");
        if (layout.items.empty()) layout.items = children(root, "item");
    } else {
        return Unexpected(RecordError{"file", "not an RSS or Atom feed: the root element is <" +
                                                  std::string(root.name()) +
                                                  ">, expected <rss>, <rdf:RDF> or <feed>"});
    }
    return layout;
}

FeedInfo feed_info(const FeedLayout& layout) {
    FeedInfo info;
    const pugi::xml_node channel = layout.channel;
    const pugi::xml_node title = child(channel, "title");
    info.source = layout.atom && title ? html_to_text(atom_html(title)) : text_of(title);
    if (layout.atom) {
        info.lang = channel.attribute("xml:lang").value();
        info.base_url = xml_base(channel, atom_link(channel, "self"));
        info.authors = atom_authors(channel);
    } else {
        info.lang = text_of(child(channel, "language"));
        std::string link = text_of(channel.child("link"));
        if (!has_scheme(link)) link = resolve_url(atom_link(channel, "self"), link);
        info.base_url = xml_base(channel, link);
    }
    return info;
}

SourceRecord item_record(pugi::xml_node item, std::size_t number, bool atom, const FeedInfo& feed,
                         std::string_view xml, const DocumentContext& context) {
    ArticleDraft draft = atom ? atom_entry_draft(item, feed) : rss_item_draft(item, feed);
    SourceRecord record;
    record.kind = SourceKind::kFeedItem;
    record.location.line = line_at(xml, item.offset_debug());
    record.location.item = number;
    const pugi::xml_node id_node = child(item, atom ? "id" : "guid");
    record.location.item_id = std::string(truncate_utf8(text_of(id_node), 200));
    const ArticleDraft::Hints hints =
        atom ? ArticleDraft::Hints{"<id>, <link rel=\"alternate\">", "<title>",
                                   "<published>, <updated>", "the feed's <title>"}
             : ArticleDraft::Hints{"<guid>, <link>", "<title>", "<pubDate>, <dc:date>",
                                   "the channel's <title>"};
    record.fields = draft.finish(context.defaults, hints);
    if (!record.fields)
        record.raw_text = std::string(truncate_utf8(xml_of(item, false), kRejectedItemBytes));
    return record;
}

}  // namespace

std::vector<SourceRecord> read_feed(std::string_view xml, const DocumentContext& context) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed =
        document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        const std::size_t line = line_at(xml, parsed.offset);
        const auto line_start = xml.rfind('\n', parsed.offset > 0 ? parsed.offset - 1 : 0);
        const std::size_t column = static_cast<std::size_t>(parsed.offset) -
                                   (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        return {failed_file({"file", std::string("not well-formed XML at line ") +
                                         std::to_string(line) + ", column " +
                                         std::to_string(column) + ": " + parsed.description()})};
    }
    auto layout = layout_of(document);
    if (!layout) return {failed_file(layout.error())};
    const FeedInfo info = feed_info(*layout);
    std::vector<SourceRecord> records;
    records.reserve(layout->items.size());
    for (std::size_t i = 0; i < layout->items.size(); ++i)
        records.push_back(item_record(layout->items[i], i + 1, layout->atom, info, xml, context));
    return records;
}

}  // namespace dateline::indexer
