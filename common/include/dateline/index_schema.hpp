// The Xapian index schema, defined once: every term prefix, value slot and weight that the
// indexer writes and the server reads. Constants and pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dateline/date.hpp"

namespace dateline::schema {

// Bumped when the meaning of a term or slot changes; stored as database metadata so a
// reader can refuse an index it does not understand.
// 2: terms from dateline's own analysis (accent-folded words, exact accented forms under
// kExactPrefix, ICU-segmented CJK and Thai words, Hangul bigrams, joined hyphenated words) and
// detected languages; `dateline-index reindex` upgrades an index from version 1.
// 3: stories (near-duplicate clusters): fingerprints and story ids below.
inline constexpr std::string_view kVersion = "3";
inline constexpr std::string_view kVersionMetadataKey = "dateline.schema_version";
// True when a stored version is older than kVersion (so `dateline-index reindex` upgrades the
// index); a version that is no whole number, never written by Dateline, counts as older.
bool is_older_version(std::string_view version);
// The language assumed for articles whose language is neither given nor detectable, and for
// queries in no recognisable language (a primary subtag, "en" unless the operator chose one).
inline constexpr std::string_view kDefaultLanguageMetadataKey = "dateline.default_language";

// Free-text prefixes (positional, searchable as title:, author:). Title and body text is
// also indexed unprefixed so plain words match either.
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kAuthorTextPrefix = "A";
// Stems of unprefixed words ("Z" + stem), of title words ("ZS" + stem): Xapian's convention.
inline constexpr std::string_view kStemPrefix = "Z";
// The exact, unfolded form of a word whose accent-folded form is what it is indexed under
// ("XEcafé" beside "cafe"): no positions, used to rank exact accented matches first.
inline constexpr std::string_view kExactPrefix = "XE";

// Boolean filter prefixes: exact, normalised values (see filter_term).
inline constexpr std::string_view kSourcePrefix = "XS";
inline constexpr std::string_view kTagPrefix = "K";
inline constexpr std::string_view kAuthorPrefix = "XA";
inline constexpr std::string_view kLangPrefix = "L";
inline constexpr std::string_view kYearPrefix = "Y";   // YYYY
inline constexpr std::string_view kMonthPrefix = "M";  // YYYYMM
inline constexpr std::string_view kDayPrefix = "D";    // YYYYMMDD

// Unique id terms: "Q" + id, or for ids too long for a Xapian term a hashed form.
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kLongIdPrefix = "XQH";

// Stories: an article and its near-copies (indexer/story_assigner.hpp). Every article carries
// kStoryPrefix + the story's id (story_term) and the story id in kStorySlot, Xapian's collapse
// key. A story's id is the id of the first article indexed in it (reindex goes oldest first),
// and stays when that article changes or goes.
inline constexpr std::string_view kStoryPrefix = "XT";

// `dateline-index sync` keeps, per source file it read, one metadata entry: the file's content
// hash and the ids of the articles it produced (indexer/sync_state.hpp). Keys are this prefix,
// a tag for the synced tree (the PATH argument), and the file's path below it.
inline constexpr std::string_view kSyncFileMetadataPrefix = "dateline.sync.file:";

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;         // sortable_serialise(unix seconds, UTC)
inline constexpr Xapian::valueno kSourceSlot = 1;       // display form, for facets
inline constexpr Xapian::valueno kTagsSlot = 2;         // display forms, encode_list()
inline constexpr Xapian::valueno kLangSlot = 3;         // primary language subtag
inline constexpr Xapian::valueno kStorySlot = 4;        // the story's id
inline constexpr Xapian::valueno kFingerprintSlot = 5;  // StoryFingerprint::serialise()

// Title words count this many times a body word (within-document frequency increment), for a
// new index; an index keeps its own under kTitleWeightMetadataKey (`reindex --title-weight`
// changes it). bench/relevance measured 2 best; indexes written before the key existed used 5.
inline constexpr Xapian::termcount kTitleWeight = 2;
inline constexpr Xapian::termcount kLegacyTitleWeight = 5;
inline constexpr Xapian::termcount kMaxTitleWeight = 20;
inline constexpr std::string_view kTitleWeightMetadataKey = "dateline.title_weight";
// "off" when the index keeps no word positions (`add --no-positions`): smaller, and quoted
// phrases match their words anywhere (Xapian reads a phrase as AND without positions).
// Absent or "on": positions kept.
inline constexpr std::string_view kPositionsMetadataKey = "dateline.positions";

// Xapian's hard limit on a term is 245 bytes; stay clear of it.
inline constexpr std::size_t kMaxTermBytes = 240;

std::string id_term(std::string_view id);
std::string story_term(std::string_view story_id);

// Normalised value for filters: NFKC + case folding, inner whitespace collapsed, trimmed,
// cut to fit a term. "  The  Guardian " and "the guardian" give the same term.
std::string filter_value(std::string_view value);
std::string filter_term(std::string_view prefix, std::string_view value);

std::string date_value(Timestamp t);
Timestamp date_from_value(const std::string& value);

// Lists in a value slot (tags): length-prefixed, so no separator can clash with a value.
std::string encode_list(const std::vector<std::string>& items);
std::vector<std::string> decode_list(std::string_view encoded);
// The same items as views into `encoded`, into `items` (cleared first): no allocation per item.
void list_items(std::string_view encoded, std::vector<std::string_view>& items);

}  // namespace dateline::schema
