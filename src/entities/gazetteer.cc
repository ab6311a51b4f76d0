#include "entities/gazetteer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "util/strings.h"

namespace entente {
namespace {

constexpr std::string_view kMagic = "entente-gazetteer\t1";

bool HasLowerAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; });
}

int CountWords(std::string_view s) {
  return 1 + static_cast<int>(std::count(s.begin(), s.end(), ' '));
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view FirstWord(std::string_view surface) {
  std::string_view word = surface.substr(0, surface.find(' '));
  if (word.size() > 2 && word.ends_with("'s")) {
    word.remove_suffix(2);
  } else if (word.size() > 1 && word.ends_with(',')) {
    word.remove_suffix(1);
  }
  return word;
}

int Gazetteer::Priority(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kName:
      return 6;
    case PlaceKind::kDemonym:
      return 5;
    case PlaceKind::kCapital:
      return 4;
    case PlaceKind::kPlace:
    case PlaceKind::kLocation:
      return 3;
    case PlaceKind::kSubdivision:
    case PlaceKind::kCity:
      return 2;
    case PlaceKind::kBlocker:
      return 1;
  }
  return 0;
}

StatusOr<Gazetteer> Gazetteer::Parse(std::string_view table) {
  Gazetteer g;
  std::vector<std::string> guards;
  size_t line_no = 0;
  size_t pos = 0;
  auto error = [&line_no](std::string_view what) {
    return DataLossError("gazetteer table line " + std::to_string(line_no) +
                         ": " + std::string(what));
  };
  while (pos < table.size()) {
    size_t nl = table.find('\n', pos);
    if (nl == std::string_view::npos) nl = table.size();
    std::string_view line = table.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line_no == 1) {
      if (line != kMagic) return error("missing magic 'entente-gazetteer 1'");
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string_view> f = SplitFields(line, '\t');
    if (f[0].size() != 1) return error("bad record kind");
    const char kind = f[0][0];
    if (kind == 'C') {
      if (f.size() != 3 || f[1].size() != 3 || f[2].empty()) {
        return error("C needs CODE NAME");
      }
      g.countries_[std::string(f[1])] = std::string(f[2]);
      continue;
    }
    if (kind == 'G') {
      if (f.size() != 2 || f[1].empty()) return error("G needs SURFACE");
      guards.emplace_back(f[1]);
      continue;
    }
    GazetteerEntry e;
    size_t want = 4;
    switch (kind) {
      case 'N':
        e.kind = PlaceKind::kName;
        want = 3;
        break;
      case 'D':
        e.kind = PlaceKind::kDemonym;
        want = 3;
        break;
      case 'K':
        e.kind = PlaceKind::kCapital;
        break;
      case 'P':
        e.kind = PlaceKind::kPlace;
        break;
      case 'S':
        e.kind = PlaceKind::kSubdivision;
        break;
      case 'T':
        e.kind = PlaceKind::kCity;
        break;
      case 'L':
        e.kind = PlaceKind::kLocation;
        break;
      case 'B':
        e.kind = PlaceKind::kBlocker;
        want = 2;
        break;
      default:
        return error("unknown record kind");
    }
    if (f.size() != want || f[1].empty()) return error("wrong field count");
    const std::string_view surface = f[1];
    if (e.kind != PlaceKind::kLocation && e.kind != PlaceKind::kBlocker) {
      auto it = g.countries_.find(f[2]);
      if (it == g.countries_.end()) return error("unknown country code");
      e.code = std::string(f[2]);
      e.name = want == 3 ? it->second : std::string(f[3]);
    } else if (e.kind == PlaceKind::kLocation) {
      e.name = std::string(f[3]);
    }
    if (want == 4 && e.name.empty()) return error("empty name");
    e.acronym = !HasLowerAscii(surface);
    auto [it, inserted] = g.entries_.try_emplace(std::string(surface), e);
    if (!inserted && Priority(e.kind) > Priority(it->second.kind)) {
      it->second = e;
    }
  }
  if (line_no == 0) return error("empty table");
  for (const std::string& s : guards) {
    auto it = g.entries_.find(s);
    if (it != g.entries_.end()) it->second.guarded = true;
  }
  for (const auto& [surface, e] : g.entries_) {
    g.first_words_.emplace(FirstWord(surface));
    g.max_words_ = std::max(g.max_words_, CountWords(surface));
    if (e.acronym) continue;
    std::string lower = AsciiLower(surface);
    g.folded_first_words_.emplace(FirstWord(lower));
    // Two surfaces differing only in case keep the first one seen; both
    // spellings are rare enough in ALL-CAPS text not to matter.
    g.folded_.try_emplace(std::move(lower), surface);
  }
  return g;
}

StatusOr<Gazetteer> Gazetteer::BuiltIn() {
  return Parse(std::string_view(internal::kGazetteerTable,
                                internal::kGazetteerTableSize));
}

const GazetteerEntry* Gazetteer::Find(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

const GazetteerEntry* Gazetteer::FindFolded(std::string_view lower_key) const {
  auto it = folded_.find(lower_key);
  return it == folded_.end() ? nullptr : Find(it->second);
}

std::string_view Gazetteer::CountryName(std::string_view code) const {
  auto it = countries_.find(code);
  return it == countries_.end() ? std::string_view() : it->second;
}

}  // namespace entente
