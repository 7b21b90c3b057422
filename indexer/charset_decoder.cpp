// Charset sniffing and conversion with ICU (ucnv for conversion, ucsdet for detection).
#include "charset_decoder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "dateline/utf8.hpp"

namespace dateline::indexer {
namespace {

// Declarations are only honoured near the start, as browsers do (HTML5 prescan: 1024 bytes;
// real pages put a long <head> first, so look a little further).
constexpr std::size_t kPrescanBytes = 4096;
constexpr std::string_view kFallbackCharset = "windows-1252";
// ICU's detector is reliable for multi-byte charsets, whose byte patterns are distinctive,
// and not for single-byte ones, which the fallback covers.
constexpr std::array<std::string_view, 6> kDetectableCharsets = {
    "Shift_JIS", "EUC-JP", "GB18030", "EUC-KR", "Big5", "ISO-2022-JP"};
constexpr int kMinDetectionConfidence = 60;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value after `key` (e.g. "encoding=" or "charset="), quoted or not.
std::optional<std::string> value_after(std::string_view text, std::size_t pos) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '-' ||
            text[pos] == '_' || text[pos] == '.' || text[pos] == ':'))
        ++pos;
    if (pos == start) return std::nullopt;
    return std::string(text.substr(start, pos - start));
}

std::optional<std::string> xml_declared(const std::string& head) {
    if (head.compare(0, 5, "<?xml") != 0) return std::nullopt;
    const auto end = head.find("?>");
    const auto key = head.find("encoding", 0);
    if (key == std::string::npos || (end != std::string::npos && key > end)) return std::nullopt;
    const auto equals = head.find('=', key);
    if (equals == std::string::npos) return std::nullopt;
    return value_after(head, equals + 1);
}

// <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">.
std::optional<std::string> meta_declared(const std::string& head) {
    for (auto meta = head.find("<meta"); meta != std::string::npos;
         meta = head.find("<meta", meta + 5)) {
        const auto end = head.find('>', meta);
        const auto key = head.find("charset", meta);
        if (key == std::string::npos || (end != std::string::npos && key > end)) continue;
        auto pos = key + 7;
        while (pos < head.size() && head[pos] == ' ') ++pos;
        if (pos < head.size() && head[pos] == '=') return value_after(head, pos + 1);
    }
    return std::nullopt;
}

// WHATWG Encoding: browsers read "iso-8859-1" and "us-ascii" pages as windows-1252, and
// so do the pages' authors (curly quotes in 0x80-0x9F).
std::string effective_label(const std::string& declared) {
    const std::string label = lower(declared);
    if (label == "iso-8859-1" || label == "latin1" || label == "iso8859-1" || label == "us-ascii" ||
        label == "ascii" || label == "l1")
        return std::string(kFallbackCharset);
    return declared;
}

Result<std::string, std::string> convert(std::string_view bytes, const std::string& charset) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(
        ucnv_open(charset.c_str(), &status), &ucnv_close);
    if (U_FAILURE(status) || !converter)
        return Unexpected("unknown charset " + quoted_excerpt(charset));
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                                  status);
    if (U_FAILURE(status))
        return Unexpected("cannot convert from " + charset + ": " + u_errorName(status));
    std::string out;
    text.toUTF8String(out);
    return out;
}

std::optional<std::string> detect_multibyte(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                        &ucsdet_close);
    if (U_FAILURE(status)) return std::nullopt;
    ucsdet_setText(detector.get(), bytes.data(),
                   static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_FAILURE(status) || !match) return std::nullopt;
    const char* name = ucsdet_getName(match, &status);
    const int confidence = ucsdet_getConfidence(match, &status);
    if (U_FAILURE(status) || !name || confidence < kMinDetectionConfidence) return std::nullopt;
    const auto known = std::find(kDetectableCharsets.begin(), kDetectableCharsets.end(), name);
    if (known == kDetectableCharsets.end()) return std::nullopt;
    return std::string(name);
}

Result<DecodedDocument, std::string> decode_as(std::string_view bytes, const std::string& charset,
                                               bool fallback = false) {
    if (lower(charset) == "utf-8" || lower(charset) == "utf8") {
        if (!find_invalid_utf8(bytes)) return DecodedDocument{std::string(bytes), "UTF-8", false};
    }
    auto converted = convert(bytes, charset);
    if (!converted) return Unexpected(converted.error());
    return DecodedDocument{std::move(*converted), charset, fallback};
}

}  // namespace

std::optional<std::string> declared_charset(std::string_view bytes, MarkupKind kind) {
    const std::string head = lower(bytes.substr(0, kPrescanBytes));
    if (auto xml = xml_declared(head)) return xml;
    if (kind == MarkupKind::kHtml) return meta_declared(head);
    return std::nullopt;
}

Result<DecodedDocument, std::string> decode_to_utf8(std::string_view bytes, MarkupKind kind) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return decode_as(bytes.substr(3), "UTF-8");
    if (bytes.substr(0, 2) == "\xFF\xFE") return decode_as(bytes.substr(2), "UTF-16LE");
    if (bytes.substr(0, 2) == "\xFE\xFF") return decode_as(bytes.substr(2), "UTF-16BE");
    if (auto declared = declared_charset(bytes, kind))
        return decode_as(bytes, effective_label(*declared));
    if (!find_invalid_utf8(bytes)) return DecodedDocument{std::string(bytes), "UTF-8", false};
    if (auto detected = detect_multibyte(bytes)) return decode_as(bytes, *detected);
    return decode_as(bytes, std::string(kFallbackCharset), /*fallback=*/true);
}

}  // namespace dateline::indexer
