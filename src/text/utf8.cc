// UTF-8 validation and repair for the text stage.
#include "text/utf8.h"

#include <cstring>
#include <string>
#include <vector>

#include "entente/text.h"

namespace entente {
namespace {

using text_internal::DecodeUtf8;

// Length of the run of ASCII bytes starting at `i`. Checked eight bytes at a
// time because news text is overwhelmingly ASCII.
size_t AsciiRun(std::string_view text, size_t i) {
  const size_t start = i;
  while (i + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i - start;
}

}  // namespace

std::vector<size_t> FindInvalidUtf8(std::string_view text) {
  std::vector<size_t> invalid;
  size_t i = 0;
  while (i < text.size()) {
    i += AsciiRun(text, i);
    if (i >= text.size()) break;
    char32_t cp;
    const int len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      invalid.push_back(i);
      ++i;
    } else {
      i += len;
    }
  }
  return invalid;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t run = AsciiRun(text, i);
    out.append(text.substr(i, run));
    i += run;
    if (i >= text.size()) break;
    char32_t cp;
    const int len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      out.append(kReplacement);
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace entente
