#include "entities/roster.h"

#include <algorithm>
#include <utility>

#include "util/strings.h"

namespace entente {
namespace {

// Base letters of U+00C0..U+017F ('.' for no plain Latin base: "×", "ß").
constexpr std::string_view kLatinBase =
    "AAAAAAACEEEEIIIIDNOOOOO.OUUUUY.."
    "aaaaaaaceeeeiiiidnooooo.ouuuuy.y"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKkkLlLlLlLlLl"
    "NnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(kLatinBase.size() == 0x180 - 0xC0);

// The plain letter for a two-byte UTF-8 Latin letter with a diacritic
// (Latin-1, Latin Extended-A, Romanian Ș/Ț), or 0.
char LatinBase(unsigned char b1, unsigned char b2) {
  if ((b2 & 0xC0) != 0x80) return 0;
  const int cp = ((b1 & 0x1F) << 6) | (b2 & 0x3F);
  if (cp >= 0xC0 && cp < 0x180) {
    const char c = kLatinBase[cp - 0xC0];
    return c == '.' ? 0 : c;
  }
  if (cp >= 0x218 && cp <= 0x21B) return cp < 0x21A ? 'S' : 'T';
  return 0;
}

std::string_view Strip(std::string_view s) { return TrimChars(s, " \t"); }

int CountWords(std::string_view key) {
  return static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
}

// "2024-05-19" -> 20240519; 0 when malformed.
int32_t ParseIsoDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return 0;
  int32_t value = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (s[i] < '0' || s[i] > '9') return 0;
    value = value * 10 + (s[i] - '0');
  }
  const int month = value / 100 % 100, day = value % 100;
  if (value / 10000 < 1900 || month < 1 || month > 12 || day < 1 || day > 31) {
    return 0;
  }
  return value;
}

// A CAMEO actor code: upper-case letters in groups of three.
bool ValidCode(std::string_view code) {
  return !code.empty() && code.size() % 3 == 0 &&
         std::all_of(code.begin(), code.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::string Roster::Key(std::string_view phrase) {
  std::string out;
  out.reserve(phrase.size());
  bool space = false;
  auto put = [&](char c) {
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out.push_back(c);
  };
  for (size_t i = 0; i < phrase.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(phrase[i]);
    if (c == '_' || c == '-' || c == ' ' || c == '\t' || c == '\n' ||
        c == '\r') {
      space = true;
      continue;
    }
    if (c >= 0xC2 && c <= 0xC8 && i + 1 < phrase.size()) {
      if (const char base =
              LatinBase(c, static_cast<unsigned char>(phrase[i + 1]))) {
        put(base);
        ++i;
        continue;
      }
    }
    // U+2018/U+2019 as a straight apostrophe.
    if (c == 0xE2 && i + 2 < phrase.size() &&
        static_cast<unsigned char>(phrase[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(phrase[i + 2]) == 0x98 ||
         static_cast<unsigned char>(phrase[i + 2]) == 0x99)) {
      put('\'');
      i += 2;
      continue;
    }
    put(static_cast<char>(c));
  }
  return out;
}

std::string_view RosterPerson::CodeOn(int32_t date) const {
  const RosterRole* latest = nullptr;
  for (const RosterRole& r : roles) {
    if (date != 0 && r.HeldOn(date)) return r.code;
    if (latest == nullptr || r.from > latest->from) latest = &r;
  }
  if (date == 0 && latest != nullptr) return latest->code;
  return {};
}

bool RosterPerson::Fits(std::string_view name) const {
  std::vector<std::string> words;
  const std::string key = Roster::Key(name);
  for (size_t p = 0; p <= key.size();) {
    size_t q = key.find(' ', p);
    if (q == std::string::npos) q = key.size();
    if (q > p) words.push_back(key.substr(p, q - p));
    p = q + 1;
  }
  if (words.size() <= 1) return true;
  for (const std::string& full : full_names) {
    bool all = true;
    size_t p = 0;
    while (all && p < full.size()) {
      size_t q = full.find(' ', p);
      if (q == std::string::npos) q = full.size();
      const std::string word = full.substr(p, q - p);
      // Arabic articles and kinship particles are written joined or not
      // ("al-Assad", "Assad"): they need not appear.
      static const char* const kParticles[] = {"AL", "EL",  "AD",  "AR",
                                               "AS", "ASH", "AT",  "AZ",
                                               "AN", "BIN", "IBN", "BEN"};
      bool particle = false;
      for (const char* k : kParticles) particle = particle || word == k;
      all = particle ||
            std::find(words.begin(), words.end(), word) != words.end();
      p = q + 1;
    }
    if (all) return true;
  }
  return false;
}

StatusOr<Roster> Roster::Parse(std::string_view text, std::string_view origin) {
  Roster roster;
  std::unordered_map<std::string, size_t> by_name;  // NAME column -> person.
  // Short forms and full names seen, with the person and line that gave
  // them: a name may belong to one person only.
  std::unordered_map<std::string, std::pair<size_t, size_t>> owners;
  Status status = ForEachLine(text, [&](size_t line_no, std::string_view line) {
    auto fail = [&](const std::string& message) {
      return DataLossError(std::string(origin) + ":" + std::to_string(line_no) +
                           ": " + message);
    };
    if (Strip(line).empty() || line[0] == '#') return Status::Ok();
    std::vector<std::string_view> f = SplitFields(line, '\t');
    if (f.size() < 4 || f.size() > 7) {
      return fail("expected NAME, CODE, FROM, TO [, OFFICE, SURNAME, " +
                  std::string("VARIANTS] separated by tabs, found ") +
                  std::to_string(f.size()) + " field(s)");
    }
    f.resize(7);
    for (std::string_view& s : f) s = Strip(s);
    const std::string name(f[0]);
    if (Key(name).find(' ') == std::string::npos) {
      return fail("name '" + name + "' is not a full name (two words or more)");
    }
    RosterRole role;
    role.code = std::string(f[1]);
    role.office = std::string(f[4]);
    role.line = static_cast<int>(line_no);
    if (!ValidCode(role.code)) {
      return fail("code '" + role.code +
                  "' is not a CAMEO actor code (upper-case letters in "
                  "groups of three)");
    }
    role.from = ParseIsoDay(f[2]);
    if (role.from == 0) {
      return fail("start date '" + std::string(f[2]) + "' is not YYYY-MM-DD");
    }
    if (!f[3].empty()) {
      role.to = ParseIsoDay(f[3]);
      if (role.to == 0) {
        return fail("end date '" + std::string(f[3]) +
                    "' is not YYYY-MM-DD (leave it empty while in office)");
      }
      if (role.to <= role.from) {
        return fail("end date " + std::string(f[3]) +
                    " is not after the start date " + std::string(f[2]));
      }
    }
    auto [it, added] = by_name.try_emplace(name, roster.people_.size());
    if (added) {
      RosterPerson p;
      p.name = name;
      roster.people_.push_back(std::move(p));
    }
    const size_t index = it->second;
    RosterPerson& person = roster.people_[index];
    if (!f[5].empty()) {
      const std::string surname = Key(f[5]);
      if (surname.find(' ') != std::string::npos) {
        return fail("surname '" + std::string(f[5]) + "' is not one word");
      }
      if (!person.surname.empty() && person.surname != surname) {
        return fail("surname '" + std::string(f[5]) + "' differs from " +
                    person.surname + " given before for " + name);
      }
      person.surname = surname;
    }
    person.roles.push_back(std::move(role));
    std::vector<std::string_view> names = {f[0]};
    if (!f[6].empty()) {
      for (std::string_view v : SplitFields(f[6], '|')) {
        v = Strip(v);
        if (v.empty())
          return fail("empty variant in '" + std::string(f[6]) + "'");
        names.push_back(v);
      }
    }
    for (std::string_view n : names) {
      const std::string key = Key(n);
      auto [owner, fresh] = owners.try_emplace(key, index, line_no);
      if (!fresh && owner->second.first != index) {
        return fail("name '" + std::string(n) + "' already names " +
                    roster.people_[owner->second.first].name + " (line " +
                    std::to_string(owner->second.second) + ")");
      }
      if (key.find(' ') != std::string::npos &&
          std::find(person.full_names.begin(), person.full_names.end(), key) ==
              person.full_names.end()) {
        person.full_names.push_back(key);
      }
      roster.names_[key] = index;
      roster.first_words_.insert(key.substr(0, key.find(' ')));
      roster.max_words_ = std::max(roster.max_words_, CountWords(key));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (size_t i = 0; i < roster.people_.size(); ++i) {
    RosterPerson& p = roster.people_[i];
    if (p.surname.empty()) {
      const std::string key = Key(p.name);
      p.surname = key.substr(key.rfind(' ') + 1);
    }
    roster.surnames_.emplace(p.surname, i);
  }
  return roster;
}

StatusOr<Roster> Roster::BuiltIn() {
  using namespace internal;  // NOLINT: the generated symbols.
  return Parse(std::string_view(kOfficialsTable, kOfficialsTableSize),
               "data/officials.tsv");
}

const RosterPerson* Roster::FindName(std::string_view key) const {
  auto it = names_.find(std::string(key));
  return it == names_.end() ? nullptr : &people_[it->second];
}

std::vector<const RosterPerson*> Roster::FindSurname(
    std::string_view key) const {
  std::vector<const RosterPerson*> out;
  auto [begin, end] = surnames_.equal_range(std::string(key));
  for (auto it = begin; it != end; ++it) out.push_back(&people_[it->second]);
  return out;
}

}  // namespace entente
