// Fuzz target: a whole search on a small in-memory index of articles in several languages —
// parse_search_request, then Searcher::search (query text, QueryBuilder and QueryParser with
// our flags, relaxing, facets, HitBuilder and SnippetBuilder). The first input byte picks the
// other parameters (partial, sort, lang, facets, snippet_words, page), the rest is q.
// Checks: any q is a result or a client error (never kInternal), and every highlighted title
// and snippet keeps the output contract of html_escape/snippet_builder — valid UTF-8, escaped
// text whose only markup is balanced, unnested <mark>…</mark>. Corpus: fuzz/corpus/search_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/utf8.hpp"
#include "search_fuzz_articles.hpp"
#include "test_index.hpp"

namespace {

using dateline::server::ErrorCode;
using dateline::server::QueryParams;

void require(bool condition) {
    if (!condition) std::abort();
}

// The parameters besides q, from the bits of one byte, so every input is a valid request
// shape and the fuzzer spends its time on q.
QueryParams params_from(std::uint8_t control, std::string_view q) {
    QueryParams params{{"q", std::string(q)}};
    if (control & 0x01) params.emplace("partial", "true");
    static constexpr const char* kSorts[] = {"relevance", "newest", "oldest", "relevance"};
    params.emplace("sort", kSorts[(control >> 1) & 0x03]);
    if (control & 0x08) params.emplace("facets", "source,tag,lang,date:month");
    static constexpr const char* kLangs[] = {nullptr, "en", "fr", "ja"};
    if (const char* lang = kLangs[(control >> 4) & 0x03]) params.emplace("lang", lang);
    if (control & 0x40) params.emplace("snippet_words", "5");
    if (control & 0x80) params.emplace("per_page", "2");
    return params;
}

// The snippet contract: entities for & < > " ', and <mark> / </mark> as the only tags, never
// nested and always closed.
void check_highlighted(std::string_view html) {
    require(!dateline::find_invalid_utf8(html));
    static constexpr std::string_view kOpen = "<mark>", kClose = "</mark>";
    static constexpr std::string_view kEntities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    bool open = false;
    for (std::size_t i = 0; i < html.size();) {
        const std::string_view rest = html.substr(i);
        if (rest.starts_with(kOpen)) {
            require(!open);
            open = true;
            i += kOpen.size();
        } else if (rest.starts_with(kClose)) {
            require(open);
            open = false;
            i += kClose.size();
        } else if (html[i] == '&') {
            std::size_t length = 0;
            for (std::string_view entity : kEntities)
                if (rest.starts_with(entity)) length = entity.size();
            require(length > 0);
            i += length;
        } else {
            require(html[i] != '<' && html[i] != '>' && html[i] != '"' && html[i] != '\'');
            ++i;
        }
    }
    require(!open);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // Built once: the index is read-only here, and building it costs more than a search.
    static const dateline::server::testing::TestIndex index(dateline::fuzz::search_fuzz_articles());
    static dateline::server::Searcher searcher = index.searcher();

    const std::string_view q(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto request = dateline::server::parse_search_request(params_from(data[0], q),
                                                          dateline::server::testing::kNow);
    if (!request) {
        // q is the only free parameter: too long, or not UTF-8 / containing what URLs cannot.
        require(request.error().code == ErrorCode::kQueryTooLong ||
                request.error().code == ErrorCode::kInvalidParameter);
        return 0;
    }
    auto result = searcher.search(*request);
    if (!result) {
        require(result.error().code == ErrorCode::kInvalidParameter ||
                result.error().code == ErrorCode::kQueryTooLong);
        return 0;
    }
    require(result->hits.size() <= request->per_page);
    for (const dateline::server::Hit& hit : result->hits) {
        check_highlighted(hit.title_highlighted);
        check_highlighted(hit.snippet);
    }
    return 0;
}
