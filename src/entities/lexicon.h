// The team-written actor lexicons (data/organizations.tsv, media_outlets.tsv,
// weapons.tsv, actor_roles.tsv; see data/README.md): organizations with CAMEO
// IGO/NGO or state codes, news outlets by name, weapons and designator
// prefixes, person titles, organization head words and metonyms.
//
// The tables are embedded into the library at build time
// (tools/gen/embed_lexicons.mjs); Parse() accepts the same text, which is
// what the tests use.
#ifndef ENTENTE_ENTITIES_LEXICON_H_
#define ENTENTE_ENTITIES_LEXICON_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entente/status.h"

namespace entente {

namespace internal {
// The embedded tables (lexicon_tables.cc in the build directory).
extern const char kOrganizationsTable[];
extern const size_t kOrganizationsTableSize;
extern const char kMediaOutletsTable[];
extern const size_t kMediaOutletsTableSize;
extern const char kWeaponsTable[];
extern const size_t kWeaponsTableSize;
extern const char kActorRolesTable[];
extern const size_t kActorRolesTableSize;
}  // namespace internal

enum class LexiconKind : uint8_t {
  kOrganization,     // An IGO, NGO or named state body.
  kMedia,            // A news outlet.
  kWeapon,           // A named weapon system.
  kAmbiguousWeapon,  // A weapon only when a head noun follows ("Patriot").
  kMetonym,          // A place or building acting for a state body.
};

// What one surface form names.
struct LexiconEntry {
  LexiconKind kind = LexiconKind::kOrganization;
  std::string name;     // Canonical name ("Shanghai Cooperation Organization").
  std::string code;     // CAMEO actor code ("IGOCAS", "RUSMED"); may be empty.
  std::string country;  // CAMEO country code part of `code`; empty for IGOs.
  std::string role;     // Role part of `code` ("GOV", "MED"); may be empty.
};

// The four tables as text, for Parse().
struct LexiconSources {
  std::string_view organizations, media, weapons, roles;
};

// An immutable set of lexicons. Thread-safe for concurrent reads; movable.
class ActorLexicon {
 public:
  // Parses the tables (formats in the headers of the data files). Returns
  // DataLoss naming the table and line for a malformed record.
  static StatusOr<ActorLexicon> Parse(const LexiconSources& sources);

  // Parses the tables embedded in the library.
  static StatusOr<ActorLexicon> BuiltIn();

  // The entry whose surface is exactly `key` (single spaces between words,
  // straight apostrophes), or nullptr.
  const LexiconEntry* Find(std::string_view key) const;
  // True if some surface starts with `word` (exact case).
  bool StartsSurface(std::string_view word) const {
    return first_words_.count(word) > 0;
  }
  // The most words in a surface.
  int max_words() const { return max_words_; }

  // The role of a person title ("foreign minister" -> "GOV"); `lower` is
  // the ASCII-lower-cased phrase. Empty if it is not a title.
  std::string_view TitleRole(std::string_view lower) const;
  bool StartsTitle(std::string_view lower_word) const {
    return title_first_words_.count(lower_word) > 0;
  }
  int max_title_words() const { return max_title_words_; }

  // The role an organization head word gives ("ministry" -> "GOV"), or "".
  std::string_view OrgHeadRole(std::string_view lower) const;
  int max_head_words() const { return max_head_words_; }

  // The role of a collective noun for a domestic group or state body
  // named without a state ("protesters" -> "OPP", "riot police" -> "COP",
  // "government" -> "GOV"); `lower` is the lower-cased phrase. "" if none.
  std::string_view CollectiveRole(std::string_view lower) const;
  int max_collective_words() const { return max_collective_words_; }

  // True for a head word of organization names without a role
  // ("institute"); `lower` is lower-cased.
  bool IsGenericOrgHead(std::string_view lower) const {
    return generic_org_heads_.count(lower) > 0;
  }
  // True for a head word of location names ("bay", "river").
  bool IsLocationHead(std::string_view lower) const {
    return location_heads_.count(lower) > 0;
  }

  // True for a listed weapon-designator prefix ("Su", "S", "MiG").
  bool IsWeaponPrefix(std::string_view prefix) const {
    return weapon_prefixes_.count(prefix) > 0;
  }
  // True for a weapon head noun phrase, lower-cased ("drones",
  // "fighter jets").
  bool IsWeaponHead(std::string_view lower) const {
    return weapon_heads_.count(lower) > 0;
  }
  int max_weapon_head_words() const { return max_weapon_head_words_; }

  size_t size() const { return entries_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;

  Status AddSurface(std::string_view surface, const LexiconEntry& e);

  Map<LexiconEntry> entries_;
  Set first_words_;
  int max_words_ = 1;
  Map<std::string> titles_;
  Set title_first_words_;
  int max_title_words_ = 1;
  Map<std::string> org_heads_;
  int max_head_words_ = 1;
  Map<std::string> collectives_;
  int max_collective_words_ = 1;
  Set generic_org_heads_;
  Set location_heads_;
  Set weapon_prefixes_;
  Set weapon_heads_;
  int max_weapon_head_words_ = 1;
};

// Splits a CAMEO actor code into its country part and role: "RUSGOV" ->
// ("RUS", "GOV"); "IGOCAS" -> ("", ""); "USA" -> ("USA", "").
void SplitActorCode(std::string_view code, std::string* country,
                    std::string* role);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_LEXICON_H_
