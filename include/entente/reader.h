// Readers: turn files, directories and stdin into Documents.
//
// Formats: plain text (.txt and anything unrecognised that is text), JSON
// Lines (.jsonl/.ndjson: {id, date, source, url, title, text}), and HTML
// (.html/.htm, or text that starts like HTML). Directories are walked
// recursively in sorted order; "-" reads standard input.
//
// One bad input never stops the others: every document or error is handed to
// the sink in input order, and errors name the file (and line for JSONL).
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
// in the first lines ("Friday, August 21, 2015") or else options.default_date.
StatusOr<Document> ParsePlainText(std::string_view name, std::string text,
                                  const ReaderOptions& options);

// Parses one JSON Lines record; `origin` is "file:line" for messages.
StatusOr<Document> ParseJsonRecord(std::string_view line, std::string origin,
                                   const ReaderOptions& options);

// Extracts title, publication date and main text from an HTML page,
// dropping navigation, scripts, styles, headers, footers and asides.
StatusOr<Document> ParseHtml(std::string_view name, std::string_view html,
                             const ReaderOptions& options);

// Recognises a dateline such as "Friday, August 21, 2015", "August 21, 2015"
// or "21 August 2015" (optionally after a place: "MOSCOW, 21 August 2015")
// at the start of `line` and returns it as "YYYY-MM-DD".
std::optional<std::string> ParseDateline(std::string_view line);

}  // namespace entente

#endif  // ENTENTE_READER_H_
