// Name normalization for matching actors across documents.
#ifndef ENTENTE_STORE_NAME_NORM_H_
#define ENTENTE_STORE_NAME_NORM_H_

#include <string>
#include <string_view>

namespace entente::store {

// Lower-cases ASCII letters, turns runs of whitespace into one space, trims,
// drops a leading "the " and a trailing possessive "'s" (also with U+2019),
// so "The  Kremlin's" and "kremlin" match. Other bytes are kept as they are.
// Pure and thread-safe.
inline std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  auto ends_with = [&](std::string_view suffix) {
    return out.size() > suffix.size() + 1 &&
           out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("'s")) {
    out.resize(out.size() - 2);
  } else if (ends_with("\xE2\x80\x99s")) {
    out.resize(out.size() - 4);
  }
  return out;
}

}  // namespace entente::store

#endif  // ENTENTE_STORE_NAME_NORM_H_
