// Fuzz target: arbitrary bytes read as an HTML page — charset decoding (charset_decoder), then
// gumbo, JSON-LD, OpenGraph and the article text (html_page_reader, article_body), then
// validation. Corpus: fuzz/corpus/html_page_reader_fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "document_fuzz_check.hpp"
#include "document_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const dateline::indexer::DocumentContext context{"fuzz/page.html", "fuzz/page.html", {}};
    dateline::fuzz::check_records(
        dateline::indexer::read_document(bytes, dateline::indexer::InputFormat::kHtml, context));
    return 0;
}
