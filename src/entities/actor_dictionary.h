// TABARI/PETRARCH actor dictionaries (`--actors FILE`): phrases with CAMEO
// actor codes, some valid only for a period ("[IRNGOV 20050803-20130803]").
// Format and the reference reader's quirks: ../shared/petrarch/FORMATS.md
// §3.0 and §3.2. Where the reference reader has a bug this loader follows the
// documented intent instead (see docs/actors.md):
// - the last record of a file is stored (the reference drops it);
// - undated codes are fallbacks: the first dated code valid on the date wins,
//   else the first undated one (the reference lets an inline code on the
//   primary line override every dated line);
// - a single date "[C d]" applies from d on (the reference applies it always);
// - phrases match case-insensitively, so mixed-case lines are usable.
#ifndef ENTENTE_ENTITIES_ACTOR_DICTIONARY_H_
#define ENTENTE_ENTITIES_ACTOR_DICTIONARY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entente/status.h"

namespace entente {

// One code with the period it applies to. Dates are YYYYMMDD integers.
struct DatedCode {
  enum class Span : uint8_t {
    kAlways,  // [CODE]
    kBefore,  // [CODE <d]: date < d
    kFrom,    // [CODE >d] or [CODE d]: date >= d
    kRange,   // [CODE d1-d2]: d1 <= date < d2
  };
  std::string code;
  Span span = Span::kAlways;
  int32_t from = 0, to = 0;

  bool AppliesOn(int32_t date) const;
};

// The codes of one phrase, in file order (records sharing a phrase
// accumulate), and the phrase as written in its record's primary line.
struct ActorDictionaryEntry {
  std::string name;  // Primary phrase, words separated by spaces.
  std::vector<DatedCode> codes;

  // The code valid on `date` (YYYYMMDD; 0 when unknown): the first dated
  // code whose period holds it, else the first undated code, else "".
  std::string_view CodeOn(int32_t date) const;
};

// An immutable phrase -> codes map. Thread-safe for concurrent reads.
class ActorDictionary {
 public:
  // Parses dictionary text. `origin` names it in errors
  // ("file.txt:12: ..."). DataLoss for a malformed line.
  static StatusOr<ActorDictionary> Parse(std::string_view text,
                                         std::string_view origin);
  // Reads and parses one file (NotFound/IoError if it cannot be read).
  static StatusOr<ActorDictionary> Load(const std::string& path);
  // Adds another dictionary's phrases; a phrase in both accumulates codes,
  // this dictionary's first.
  void Merge(const ActorDictionary& other);

  // The entry for a normalized key (see NormalizeKey), or nullptr.
  const ActorDictionaryEntry* Find(std::string_view key) const;
  // True if some phrase starts with this normalized word.
  bool StartsPhrase(std::string_view word) const {
    return first_words_.count(word) > 0;
  }
  int max_words() const { return max_words_; }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // The lookup form of a phrase or of text: ASCII upper case, '_' and '-'
  // as spaces, curly apostrophes straight, single spaces, no edge spaces.
  static std::string NormalizeKey(std::string_view phrase);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  void Add(const std::string& key, const std::string& name,
           const std::vector<DatedCode>& codes);

  std::unordered_map<std::string, ActorDictionaryEntry, Hash, std::equal_to<>>
      entries_;
  std::unordered_set<std::string, Hash, std::equal_to<>> first_words_;
  int max_words_ = 1;
};

// "2024-05-19" -> 20240519; 0 for an empty or malformed date.
int32_t IsoDateToInt(std::string_view iso);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_ACTOR_DICTIONARY_H_
