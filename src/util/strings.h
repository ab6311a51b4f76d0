// Small string helpers shared by the loaders of tables and treebanks.
#ifndef ENTENTE_UTIL_STRINGS_H_
#define ENTENTE_UTIL_STRINGS_H_

#include <string_view>
#include <vector>

namespace entente {

// Splits `s` at every `separator`: "a\tb\t" gives {"a", "b", ""}. The views
// point into `s`.
std::vector<std::string_view> SplitFields(std::string_view s, char separator);

}  // namespace entente

#endif  // ENTENTE_UTIL_STRINGS_H_
