// Fuzz target: arbitrary bytes read as a feed — charset decoding (charset_decoder), then RSS or
// Atom items (feed_reader), then validation. Corpus: fuzz/corpus/feed_reader_fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "document_fuzz_check.hpp"
#include "document_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const dateline::indexer::DocumentContext context{"fuzz/feed.xml", "fuzz/feed.xml", {}};
    dateline::fuzz::check_records(
        dateline::indexer::read_document(bytes, dateline::indexer::InputFormat::kFeed, context));
    return 0;
}
