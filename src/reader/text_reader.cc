// Plain-text documents: the text is kept byte for byte (offsets downstream
// refer to it), only a leading BOM is dropped; the date comes from a dateline
// near the top and the title from a first line that is clearly a headline.
#include <string>
#include <string_view>
#include <utility>

#include "entente/reader.h"
#include "reader/reader_internal.h"
#include "util/strings.h"

namespace entente {
namespace {

// Datelines sit above the story, possibly under a headline and a byline.
constexpr int kDatelineLines = 3;
constexpr size_t kMaxTitleBytes = 200;
constexpr int kMaxTitleWords = 25;

std::string_view Trim(std::string_view s) { return TrimChars(s, " \t\r\f"); }

// Splits off the line starting at *pos and advances *pos past its newline.
std::string_view NextLine(std::string_view text, size_t* pos) {
  size_t end = text.find('\n', *pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(*pos, end - *pos);
  *pos = end < text.size() ? end + 1 : text.size();
  return line;
}

// Conservative on purpose: a wrong title is worse than none, so only a short
// line standing alone as its own paragraph, starting with a capital or digit
// and not ending like a sentence, counts.
bool LooksLikeHeadline(std::string_view line) {
  if (line.empty() || line.size() > kMaxTitleBytes) return false;
  char first = line.front();
  bool starts_ok = (first >= 'A' && first <= 'Z') ||
                   (first >= '0' && first <= '9') || first == '"' ||
                   first == '\'' || static_cast<unsigned char>(first) >= 0x80;
  if (!starts_ok) return false;
  if (line.substr(0, 3) == "By " || line.substr(0, 3) == "BY ") return false;
  char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-') {
    return false;
  }
  int words = 1;
  for (char c : line) words += c == ' ';
  return words >= 2 && words <= kMaxTitleWords;
}

}  // namespace

StatusOr<Document> ParsePlainText(std::string_view name, std::string text,
                                  const ReaderOptions& options) {
  std::string label = name.empty() ? "stdin" : std::string(name);
  if (text.size() > options.max_document_bytes) {
    return ResourceExhaustedError(
        label + ": document is " + std::to_string(text.size()) +
        " bytes, more than max_document_bytes (" +
        std::to_string(options.max_document_bytes) + ")");
  }
  if (StripBom(text).size() != text.size()) text.erase(0, 3);
  if (IsBlank(text)) return InvalidArgumentError(label + ": empty document");

  Document doc;
  doc.id = FileStem(name);
  doc.origin = label;

  const int fallback_year = YearOfDate(options.default_date);
  size_t pos = 0;
  int nonempty = 0;
  bool first_line = true;
  while (pos < text.size() && nonempty < kDatelineLines) {
    std::string_view line = Trim(NextLine(text, &pos));
    if (line.empty()) continue;
    ++nonempty;
    if (doc.date.empty()) {
      if (auto date = ParseDateline(line, fallback_year)) {
        // A headline may still follow the dateline.
        doc.date = *std::move(date);
        continue;
      }
    }
    if (first_line) {
      first_line = false;
      // Markdown heading: "# Title".
      if (line.front() == '#') {
        size_t hashes = line.find_first_not_of('#');
        if (hashes != std::string_view::npos && hashes <= 6 &&
            line[hashes] == ' ') {
          doc.title = std::string(Trim(line.substr(hashes + 1)));
          continue;
        }
      }
      // A headline stands alone above the story: a blank line, then more.
      size_t after = pos;
      std::string_view next = Trim(NextLine(text, &after));
      if (next.empty() && after < text.size() &&
          !IsBlank(std::string_view(text).substr(after)) &&
          LooksLikeHeadline(line)) {
        doc.title = std::string(line);
      }
    }
  }
  if (doc.date.empty()) doc.date = options.default_date;
  doc.text = std::move(text);
  return doc;
}

}  // namespace entente
