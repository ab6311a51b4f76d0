// Readers: turn files, directories and stdin into Documents.
//
// Formats: plain text (.txt, .text, .md), JSON Lines (.jsonl, .ndjson and
// .json, one {id, date, source, url, title, text} object per line), and HTML
// (.html, .htm, .xhtml, or any file that starts with "<!DOCTYPE html" or
// "<html"). Extensions are matched case-insensitively. A file named
// explicitly with another extension, and "-" (standard input), are sniffed:
// JSON Lines if the first non-space byte is '{', HTML if it is '<', else
// text. Directories are walked recursively in path order (component by
// component), taking only files with the extensions above and skipping
// hidden files and directories.
//
// Ids: the file stem ("dir/Story One.txt" -> "Story One", stdin -> "stdin");
// for JSON Lines the record's "id", else "<file stem>-<line>". Files with
// the same stem in different directories get the same id.
//
// One bad input never stops the others: every document or error is handed to
// the sink in input order, and errors name the file (and line for JSONL):
//   NotFound           missing file or directory
//   IoError            file that cannot be opened or read
//   InvalidArgument    "binary file" (NUL bytes or >10% control characters
//                      in the first KB), "empty document" (empty or
//                      whitespace-only text, HTML without text, JSON Lines
//                      file without records), a JSON line that is not JSON,
//                      not an object, not valid UTF-8 or has no string
//                      "text", a directory without readable files
//   ResourceExhausted  a document or JSON line over max_document_bytes (the
//                      line is skipped without being held in memory)
// Invalid UTF-8 in text and HTML is not a reader error: the text stage
// reports it.
#ifndef ENTENTE_READER_H_
#define ENTENTE_READER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

enum class InputFormat { kAuto, kText, kJsonl, kHtml };

struct ReaderOptions {
  // kAuto picks the format per input (see above); any other value reads
  // every input in that format (directory walks still pick files by their
  // extension).
  InputFormat format = InputFormat::kAuto;
  // Date ("YYYY-MM-DD") for documents that carry none; a dateline at the top
  // of a plain-text document wins over it.
  std::string default_date;
  // Documents (or JSONL lines) larger than this are rejected with an error.
  size_t max_document_bytes = 16u << 20;
};

// Receives each document, or the error that replaced it, in input order.
using DocumentSink = std::function<void(StatusOr<Document>)>;

// Reads every path in order and hands results to `sink`. Returns OK when all
// inputs were read; otherwise the first error (every error has already been
// passed to the sink as well). Thread-compatible: call from one thread.
Status ReadDocuments(const std::vector<std::string>& paths,
                     const ReaderOptions& options, const DocumentSink& sink);

// Builds a Document from plain text. `name` is the file name the id is made
// from ("dir/Story One.txt" -> "Story One"). The date comes from a dateline
// in the first three non-empty lines ("Friday, August 21, 2015") or else
// options.default_date (whose year also completes year-less wire datelines).
// The text is kept byte for byte except for a leading UTF-8 BOM. The title is
// set only for a markdown "# heading" or a short first line that stands as
// its own paragraph and does not end like a sentence.
StatusOr<Document> ParsePlainText(std::string_view name, std::string text,
                                  const ReaderOptions& options);

// Parses one JSON Lines record; `origin` is "file:line" for messages and for
// the generated id ("feed-12") when the record has none (a numeric id is
// kept as its decimal text). "date" is normalised with NormalizeDate; when
// absent or unreadable, a dateline at the top of the text, else
// options.default_date, is used. Only string source/url/title are taken.
// When a key repeats, its first value counts. A number that fits neither a
// 64-bit integer nor a double ("1e999", a 30-digit id) makes the line an
// InvalidArgument error that says so.
StatusOr<Document> ParseJsonRecord(std::string_view line, std::string origin,
                                   const ReaderOptions& options);

// Extracts title, publication date and main text from an HTML page,
// dropping navigation, scripts, styles, headers, footers and asides.
//
// Main text: the itemprop="articleBody" element, else the <article> with the
// most text, else <main>/role="main", else <body>; inside it, page furniture
// (nav, header, footer, aside, form, figure, iframe, hidden elements, and
// elements whose class/id words start with nav, menu, footer, share, social,
// comment, related, cookie, advert, promo, subscribe, newsletter, breadcrumb,
// sidebar, sponsor, or are "ad"/"ads"/"banner") is dropped. Block elements
// (p, h1-h6, li, blockquote, div, td, br...) become paragraphs joined by
// "\n\n"; whitespace (including NBSP) is collapsed to single spaces.
// Title: og:title, twitter:title, <title>, first <h1>. Date: the usual meta
// tags (article:published_time, datePublished, DC.date, sailthru.date,
// parsely-pub-date, ...), then JSON-LD datePublished, then <time> inside the
// article, then a dateline in the first paragraphs, then
// options.default_date. source = og:site_name; url = og:url or canonical.
// Tags nested more than 512 deep (start tags not yet closed) are dropped
// before parsing and their text kept, since the HTML parser slows down with
// the square of the depth.
StatusOr<Document> ParseHtml(std::string_view name, std::string_view html,
                             const ReaderOptions& options);

// Recognises a dateline such as "Friday, August 21, 2015", "August 21, 2015"
// or "21 August 2015" (optionally after a place: "MOSCOW, 21 August 2015")
// at the start of `line` and returns it as "YYYY-MM-DD".
//
// Also accepted: abbreviated months with or without a period ("Aug. 21,
// 2015", "Sept 21 2015"), ordinals ("21st August 2015"), weekday prefixes
// ("Fri, 21 Aug 2015"), ISO dates ("2015-08-21"), and wire-service places
// ("MOSCOW, Aug. 21, 2015 (Reuters) -", "WASHINGTON, D.C., 21 August 2015").
// The date must start the line (after the place and weekday) and be a real
// calendar date. Pure, allocation-free except for the result; thread-safe.
std::optional<std::string> ParseDateline(std::string_view line);

// Like ParseDateline, but a dateline without a year ("MOSCOW, Aug 21
// (Reuters) -") is completed with `fallback_year` (1000..9999); without a
// fallback (0) such datelines are not recognised.
std::optional<std::string> ParseDateline(std::string_view line,
                                         int fallback_year);

// Normalises a date or timestamp as found in metadata to "YYYY-MM-DD":
// "2015-08-21", "2015-08-21T10:00:00+03:00" (the local date is kept, not
// converted to UTC), "2015/08/21", "20150821", "Fri, 21 Aug 2015 10:00:00
// GMT", "August 21, 2015". Returns nullopt for anything else. Thread-safe.
std::optional<std::string> NormalizeDate(std::string_view value);

}  // namespace entente

#endif  // ENTENTE_READER_H_
