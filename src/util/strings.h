// Small string helpers shared by the loaders of tables and treebanks.
#ifndef ENTENTE_UTIL_STRINGS_H_
#define ENTENTE_UTIL_STRINGS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "entente/status.h"

namespace entente {

// Splits `s` at every `separator`: "a\tb\t" gives {"a", "b", ""}. The views
// point into `s`.
std::vector<std::string_view> SplitFields(std::string_view s, char separator);

// `s` without the leading and trailing characters found in `chars` (by
// default the ASCII white space of std::isspace). The view points into `s`.
std::string_view TrimChars(std::string_view s,
                           std::string_view chars = " \t\n\v\f\r");

// Calls `fn(line_number, line)` for every line of `content` (numbered from
// 1, a trailing '\r' removed), stopping at and returning the first non-OK
// Status that `fn` returns.
template <typename Fn>
Status ForEachLine(std::string_view content, Fn fn) {
  size_t line_number = 0;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Status status = fn(line_number, line);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace entente

#endif  // ENTENTE_UTIL_STRINGS_H_
