// The default roster of officials (data/officials.tsv, embedded at build
// time): heads of state and government, foreign and defence ministers and
// heads of international organizations, each role with its CAMEO code and
// the dates it was held. A person named in a document is coded with the
// role they held on the document's date, and with nothing outside their
// roles (docs/actors.md).
//
// Table format (TAB-separated, '#' comments), one row per role:
//   NAME  CODE  FROM  TO  OFFICE  SURNAME  VARIANTS
// NAME is the full name (rows with the same NAME are one person); CODE a
// CAMEO actor code (USAGOV, IGOUNO); FROM and TO are YYYY-MM-DD, TO the
// first day out of office (exclusive), empty while in office; OFFICE is for
// readers only ("prime minister"); SURNAME is the word a title goes with
// ("President Xi"), empty for the last word of NAME; VARIANTS are
// |-separated other spellings: several words are another full name, one
// word a short form distinctive enough to stand alone ("Netanyahu").
#ifndef ENTENTE_ENTITIES_ROSTER_H_
#define ENTENTE_ENTITIES_ROSTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entente/status.h"

namespace entente {

namespace internal {
// The embedded data/officials.tsv (lexicon_tables.cc in the build directory).
extern const char kOfficialsTable[];
extern const size_t kOfficialsTableSize;
}  // namespace internal

// One role: `code` from `from` (YYYYMMDD) up to but not including `to`
// (0 while the role is held).
struct RosterRole {
  std::string code;
  std::string office;
  int32_t from = 0, to = 0;
  int line = 0;  // Line of the table, for messages.

  bool HeldOn(int32_t date) const {
    return date >= from && (to == 0 || date < to);
  }
};

struct RosterPerson {
  std::string name;
  std::string surname;  // Roster key form (see Roster::Key).
  // NAME and the variants of several words, in Key() form.
  std::vector<std::string> full_names;
  std::vector<RosterRole> roles;

  // True if a person called `name` can be this person: a name of one word,
  // or one holding all the words of one of the full names ("Donald John
  // Trump" can be Donald Trump; "Ivanka Trump" cannot).
  bool Fits(std::string_view name) const;

  // The code of the role held on `date` (YYYYMMDD), "" if none. Without a
  // date (0), the code of the role that started last: an undated text about
  // an official is read as current.
  std::string_view CodeOn(int32_t date) const;
};

// Immutable after Parse; thread-safe for concurrent reads.
class Roster {
 public:
  // Parses the table; `origin` names it in errors ("officials.tsv:12:
  // ..."). DataLoss for a malformed row.
  static StatusOr<Roster> Parse(std::string_view text, std::string_view origin);
  // The embedded data/officials.tsv.
  static StatusOr<Roster> BuiltIn();

  // The person a full name or a standalone short form names, or nullptr.
  // `key` is in Key() form.
  const RosterPerson* FindName(std::string_view key) const;
  // Everyone whose SURNAME is `key` (Key() form), for "President Xi".
  std::vector<const RosterPerson*> FindSurname(std::string_view key) const;
  // True if some name or short form starts with this Key() word.
  bool StartsName(std::string_view word) const {
    return first_words_.count(std::string(word)) > 0;
  }
  int max_words() const { return max_words_; }
  const std::vector<RosterPerson>& people() const { return people_; }

  // The lookup form of a name or of text: Latin letters without their
  // accents ("Erdoğan" -> "ERDOGAN"), ASCII upper case, '-' and '_' as
  // spaces, curly apostrophes straight, single spaces.
  static std::string Key(std::string_view phrase);

 private:
  std::vector<RosterPerson> people_;
  std::unordered_map<std::string, size_t> names_;  // Key -> people_ index.
  std::unordered_multimap<std::string, size_t> surnames_;
  std::unordered_set<std::string> first_words_;
  int max_words_ = 1;
};

}  // namespace entente

#endif  // ENTENTE_ENTITIES_ROSTER_H_
