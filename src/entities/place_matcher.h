// Longest-match lookup of gazetteer names over a tokenized text, and the
// word-shape helpers the entity rules share.
#ifndef ENTENTE_ENTITIES_PLACE_MATCHER_H_
#define ENTENTE_ENTITIES_PLACE_MATCHER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entities/gazetteer.h"

namespace entente {

// True if `word` starts with an upper-case letter (ASCII, or Latin-1
// upper-case such as "Ö"). Digits and punctuation are not capitalized.
bool IsCapitalizedWord(std::string_view word);

// True if `word` has an ASCII letter and no lower-case ASCII letter
// ("MOSCOW", "U.S.").
bool IsAllCapsWord(std::string_view word);

// True for capitalized function words that start sentences or headlines
// ("The", "In", "According") and so are never part of a proper name.
bool IsCapitalizedFunctionWord(std::string_view word);

// True for weekday and month names ("said in Beijing Monday").
bool IsCalendarWord(std::string_view word);

// One gazetteer match: `tokens` tokens starting at the queried index.
struct PlaceMatch {
  size_t tokens = 0;  // 0 when nothing matched.
  const GazetteerEntry* entry = nullptr;
  bool folded = false;  // Matched case-insensitively (ALL-CAPS text).
};

// Matches gazetteer surfaces against the tokens of one text. A cheap,
// short-lived view: it owns nothing and must not outlive its arguments.
// Thread-compatible (const methods only).
class PlaceMatcher {
 public:
  PlaceMatcher(const Gazetteer& gazetteer, std::string_view text,
               const std::vector<Token>& tokens)
      : gazetteer_(gazetteer), text_(text), tokens_(tokens) {}

  // The token's text; empty for a token whose span lies outside the text.
  std::string_view Word(size_t i) const;

  // True if tokens i-1 and i are on the same paragraph with nothing but
  // spaces (or nothing) between them.
  bool Joined(size_t i) const;

  // The longest surface starting at token `i` and ending before token
  // `end`. Exact case first; a run of ALL-CAPS words may also match a
  // surface case-insensitively (datelines: "MOSCOW"), except acronyms.
  // Curly apostrophes match straight ones.
  PlaceMatch LongestMatch(size_t i, size_t end) const;

  // The entry for one word on its own (used for the parts of hyphenated
  // tokens, "Iran-backed"), or nullptr.
  const GazetteerEntry* MatchWord(std::string_view word) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }
  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }

 private:
  const Gazetteer& gazetteer_;
  std::string_view text_;
  const std::vector<Token>& tokens_;
};

// Appends `word` with curly single quotes (U+2018, U+2019) made straight.
void AppendNormalizedWord(std::string_view word, std::string* out);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_PLACE_MATCHER_H_
