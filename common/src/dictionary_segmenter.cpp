// ICU works in UTF-16: the run is converted once, with the byte offset of every UTF-16 unit
// kept, so boundaries map back to the article's bytes.
#include "dictionary_segmenter.hpp"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "script_class.hpp"

namespace dateline::detail {
namespace {

icu::BreakIterator* word_iterator() {
    // BreakIterator instances are not thread-safe; creating one costs ~0.1 ms, so keep one.
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> created(
            icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) created.reset();
        return created;
    }();
    // The analyzer loses track of the thread_local across the lambda and reports a use after
    // free that cannot happen: the pointer lives as long as the thread.
    return iterator.get();  // NOLINT(clang-analyzer-cplusplus.NewDelete)
}

}  // namespace

void segment_words(std::string_view run, std::vector<std::pair<std::size_t, std::size_t>>& words) {
    words.clear();
    icu::UnicodeString text;
    std::vector<std::size_t> byte_at;  // UTF-16 index -> byte offset in run
    for (std::size_t pos = 0; pos < run.size();) {
        const CodePoint c = decode_at(run, pos);
        const int32_t units = U16_LENGTH(c.value);
        for (int32_t i = 0; i < units; ++i) byte_at.push_back(pos);
        text.append(static_cast<UChar32>(c.value));
        pos += c.length;
    }
    byte_at.push_back(run.size());
    icu::BreakIterator* iterator = word_iterator();
    if (iterator == nullptr) {  // no ICU data: the whole run as one word
        if (!run.empty()) words.emplace_back(0, run.size());
        return;
    }
    iterator->setText(text);
    int32_t start = iterator->first();
    for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE;
         start = end, end = iterator->next()) {
        if (iterator->getRuleStatus() == UBRK_WORD_NONE) continue;
        words.emplace_back(byte_at[static_cast<std::size_t>(start)],
                           byte_at[static_cast<std::size_t>(end)]);
    }
    // Keep the iterator from pointing at this (soon destroyed) text.
    iterator->setText(icu::UnicodeString());
}

}  // namespace dateline::detail
