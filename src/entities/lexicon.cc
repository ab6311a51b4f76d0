#include "entities/lexicon.h"

#include <algorithm>
#include <string>
#include <vector>

#include "entities/gazetteer.h"
#include "util/strings.h"

namespace entente {
namespace {

int CountWords(std::string_view s) {
  return 1 + static_cast<int>(std::count(s.begin(), s.end(), ' '));
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Calls `fn(fields)` for every non-comment, non-empty line; a non-empty
// result is that line's error.
template <typename Fn>
Status ForEachRecord(std::string_view table, std::string_view name, Fn fn) {
  return ForEachLine(table, [&](size_t line_no, std::string_view line) {
    if (line.empty() || line[0] == '#') return Status::Ok();
    std::string error = fn(SplitFields(line, '\t'));
    if (error.empty()) return Status::Ok();
    return DataLossError("lexicon " + std::string(name) + " line " +
                         std::to_string(line_no) + ": " + error);
  });
}

}  // namespace

void SplitActorCode(std::string_view code, std::string* country,
                    std::string* role) {
  country->clear();
  role->clear();
  if (code.size() < 3 || code.starts_with("IGO") || code.starts_with("NGO")) {
    return;
  }
  *country = std::string(code.substr(0, 3));
  if (code.size() >= 6) *role = std::string(code.substr(3, 3));
}

Status ActorLexicon::AddSurface(std::string_view surface,
                                const LexiconEntry& e) {
  if (surface.empty()) return Status::Ok();
  const std::string key(surface);
  // The first record for a surface wins: tables list the specific first.
  if (!entries_.try_emplace(key, e).second) return Status::Ok();
  first_words_.emplace(FirstWord(key));
  max_words_ = std::max(max_words_, CountWords(key));
  return Status::Ok();
}

StatusOr<ActorLexicon> ActorLexicon::Parse(const LexiconSources& src) {
  ActorLexicon lex;
  auto valid_code = [](std::string_view c) {
    return c.size() >= 3 && std::all_of(c.begin(), c.end(), IsUpper);
  };
  // A record's name and its '|'-separated aliases all stand for `e`.
  auto add_name_and_aliases = [&lex](std::string_view name,
                                     std::string_view aliases,
                                     const LexiconEntry& e) {
    (void)lex.AddSurface(name, e);
    if (aliases.empty()) return;
    for (std::string_view a : SplitFields(aliases, '|')) {
      (void)lex.AddSurface(a, e);
    }
  };
  Status s =
      ForEachRecord(src.organizations, "organizations.tsv",
                    [&](const std::vector<std::string_view>& f) -> std::string {
                      if (f.size() != 3) return "want CODE NAME ALIASES";
                      if (!valid_code(f[0])) return "bad CAMEO code";
                      if (f[1].empty()) return "empty name";
                      LexiconEntry e;
                      e.kind = LexiconKind::kOrganization;
                      e.name = std::string(f[1]);
                      e.code = std::string(f[0]);
                      SplitActorCode(e.code, &e.country, &e.role);
                      add_name_and_aliases(f[1], f[2], e);
                      return "";
                    });
  if (!s.ok()) return s;
  s = ForEachRecord(src.media, "media_outlets.tsv",
                    [&](const std::vector<std::string_view>& f) -> std::string {
                      if (f.size() != 3) return "want COUNTRY NAME ALIASES";
                      if (f[0].size() != 3 || !valid_code(f[0]))
                        return "bad country code";
                      if (f[1].empty()) return "empty name";
                      LexiconEntry e;
                      e.kind = LexiconKind::kMedia;
                      e.name = std::string(f[1]);
                      e.country = std::string(f[0]);
                      e.role = "MED";
                      e.code = e.country + "MED";
                      add_name_and_aliases(f[1], f[2], e);
                      return "";
                    });
  if (!s.ok()) return s;
  s = ForEachRecord(src.weapons, "weapons.tsv",
                    [&](const std::vector<std::string_view>& f) -> std::string {
                      if (f[0] == "N" || f[0] == "A") {
                        if (f.size() != 3 || f[1].empty())
                          return "want N|A NAME ALIASES";
                        LexiconEntry e;
                        e.kind = f[0] == "N" ? LexiconKind::kWeapon
                                             : LexiconKind::kAmbiguousWeapon;
                        e.name = std::string(f[1]);
                        add_name_and_aliases(f[1], f[2], e);
                      } else if (f[0] == "P") {
                        if (f.size() != 2 || f[1].empty())
                          return "want P PREFIX";
                        lex.weapon_prefixes_.emplace(f[1]);
                      } else if (f[0] == "H") {
                        if (f.size() != 2 || f[1].empty()) return "want H WORD";
                        lex.weapon_heads_.emplace(AsciiLower(f[1]));
                        lex.max_weapon_head_words_ = std::max(
                            lex.max_weapon_head_words_, CountWords(f[1]));
                      } else {
                        return "unknown record kind";
                      }
                      return "";
                    });
  if (!s.ok()) return s;
  s = ForEachRecord(
      src.roles, "actor_roles.tsv",
      [&](const std::vector<std::string_view>& f) -> std::string {
        if (f.size() != 3 || f[1].empty() || f[2].empty()) {
          return "want KIND PHRASE VALUE";
        }
        if (f[0] == "C") {
          if (f[2].size() != 3 || !valid_code(f[2])) return "bad role code";
          const std::string lower = AsciiLower(f[1]);
          lex.collectives_.try_emplace(lower, std::string(f[2]));
          lex.max_collective_words_ =
              std::max(lex.max_collective_words_, CountWords(lower));
        } else if (f[0] == "T" || f[0] == "O") {
          if (f[2].size() != 3 || !valid_code(f[2])) return "bad role code";
          const std::string lower = AsciiLower(f[1]);
          if (f[0] == "T") {
            lex.titles_.try_emplace(lower, std::string(f[2]));
            lex.title_first_words_.emplace(FirstWord(lower));
            lex.max_title_words_ =
                std::max(lex.max_title_words_, CountWords(lower));
          } else {
            lex.org_heads_.try_emplace(lower, std::string(f[2]));
            lex.max_head_words_ =
                std::max(lex.max_head_words_, CountWords(lower));
          }
        } else if (f[0] == "G" || f[0] == "L") {
          (f[0] == "G" ? lex.generic_org_heads_ : lex.location_heads_)
              .emplace(AsciiLower(f[1]));
        } else if (f[0] == "M") {
          if (f[2].size() != 6 || !valid_code(f[2])) return "bad actor code";
          LexiconEntry e;
          e.kind = LexiconKind::kMetonym;
          e.name = std::string(f[1]);
          e.code = std::string(f[2]);
          SplitActorCode(e.code, &e.country, &e.role);
          (void)lex.AddSurface(f[1], e);
        } else {
          return "unknown record kind";
        }
        return "";
      });
  if (!s.ok()) return s;
  if (lex.entries_.empty() || lex.titles_.empty()) {
    return DataLossError("lexicon tables are empty");
  }
  return lex;
}

StatusOr<ActorLexicon> ActorLexicon::BuiltIn() {
  using namespace internal;  // NOLINT: the generated symbols.
  return Parse({std::string_view(kOrganizationsTable, kOrganizationsTableSize),
                std::string_view(kMediaOutletsTable, kMediaOutletsTableSize),
                std::string_view(kWeaponsTable, kWeaponsTableSize),
                std::string_view(kActorRolesTable, kActorRolesTableSize)});
}

const LexiconEntry* ActorLexicon::Find(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string_view ActorLexicon::TitleRole(std::string_view lower) const {
  auto it = titles_.find(lower);
  return it == titles_.end() ? std::string_view() : it->second;
}

std::string_view ActorLexicon::CollectiveRole(std::string_view lower) const {
  auto it = collectives_.find(lower);
  return it == collectives_.end() ? std::string_view() : it->second;
}

std::string_view ActorLexicon::OrgHeadRole(std::string_view lower) const {
  auto it = org_heads_.find(lower);
  return it == org_heads_.end() ? std::string_view() : it->second;
}

}  // namespace entente
