// Helpers shared by the readers in src/reader/ (not part of the public API).
#ifndef ENTENTE_READER_READER_INTERNAL_H_
#define ENTENTE_READER_READER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "entente/reader.h"
#include "entente/status.h"

namespace entente {

// The year of a "YYYY-MM-DD" date (ReaderOptions::default_date), or 0; it
// completes year-less wire datelines.
int YearOfDate(std::string_view date);

// The first dateline (see ParseDateline) among the first `max_lines`
// non-blank lines of `text`.
std::optional<std::string> FindDateline(std::string_view text, int max_lines,
                                        int fallback_year);

// "dir/Story One.txt" -> "Story One"; "-" or "" -> "stdin".
std::string FileStem(std::string_view name);

// True for empty or whitespace-only text (ASCII whitespace and NBSP).
bool IsBlank(std::string_view text);

// Drops a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);

// True when `head` (the first KB or so of a file) has a NUL byte or more than
// 10% control characters: images, archives, UTF-16 and the like.
bool LooksBinary(std::string_view head);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or
// code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The format implied by a file name's extension (case-insensitive), kAuto
// when the extension is not one the readers know.
InputFormat FormatFromExtension(std::string_view path);

// The format implied by content: kJsonl if the first non-space byte is '{',
// kHtml if it is '<', else kText.
InputFormat SniffFormat(std::string_view head);

// True when content starts like an HTML page ("<!DOCTYPE html", "<html"),
// ignoring case, leading whitespace, a BOM and leading comments.
bool LooksLikeHtmlPage(std::string_view head);

// Splits a stream into lines without ever holding more than about
// max_line_bytes + one chunk in memory: longer lines are skipped and only
// reported. Lines exclude the '\n' (and a trailing '\r').
class LineReader {
 public:
  enum class Result { kLine, kTooLong, kEnd, kError };

  // `head` holds bytes already read from `in` (e.g. for format sniffing).
  LineReader(std::istream& in, std::string head, size_t max_line_bytes);

  // Reads the next line into `line`. Returns kTooLong (with `*too_long_bytes`
  // set to the line's length) for an oversized line, kEnd at end of input,
  // kError on a read error. line_number() is the 1-based number of the line
  // just returned.
  Result Next(std::string* line, uint64_t* too_long_bytes);
  size_t line_number() const { return line_number_; }

 private:
  bool Fill();  // Appends one chunk; false at end of input or on error.

  std::istream& in_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t max_line_bytes_;
  size_t line_number_ = 0;
  bool eof_ = false;
};

// Reads JSON Lines from `in` (after `head`, already read from it) and hands
// every record or error to `sink`. `name` is the file name used in messages
// and for generated ids. Returns the first error, or OK.
Status ReadJsonLines(std::istream& in, std::string head, std::string_view name,
                     const ReaderOptions& options, const DocumentSink& sink);

}  // namespace entente

#endif  // ENTENTE_READER_READER_INTERNAL_H_
