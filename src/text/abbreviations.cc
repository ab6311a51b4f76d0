// The lexicons are small and compiled in: they change rarely and the text
// stage must work without any resource files.
#include "text/abbreviations.h"

#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace entente::text_internal {
namespace {

struct Entry {
  std::string_view canonical;  // Case as it must appear unless any_case.
  AbbrevKind kind;
  bool any_case;
};

constexpr Entry kAbbreviations[] = {
    // Titles and ranks: always followed by a name.
    {"Mr", AbbrevKind::kTitle, false},
    {"Mrs", AbbrevKind::kTitle, false},
    {"Ms", AbbrevKind::kTitle, false},
    {"Messrs", AbbrevKind::kTitle, false},
    {"Dr", AbbrevKind::kTitle, false},
    {"Drs", AbbrevKind::kTitle, false},
    {"Prof", AbbrevKind::kTitle, false},
    {"Gen", AbbrevKind::kTitle, false},
    {"Lt", AbbrevKind::kTitle, false},
    {"Col", AbbrevKind::kTitle, false},
    {"Maj", AbbrevKind::kTitle, false},
    {"Capt", AbbrevKind::kTitle, false},
    {"Cpt", AbbrevKind::kTitle, false},
    {"Sgt", AbbrevKind::kTitle, false},
    {"Cpl", AbbrevKind::kTitle, false},
    {"Pvt", AbbrevKind::kTitle, true},
    {"Adm", AbbrevKind::kTitle, false},
    {"Cmdr", AbbrevKind::kTitle, false},
    {"Cdr", AbbrevKind::kTitle, false},
    {"Brig", AbbrevKind::kTitle, false},
    {"Rep", AbbrevKind::kTitle, false},
    {"Reps", AbbrevKind::kTitle, false},
    {"Sen", AbbrevKind::kTitle, false},
    {"Sens", AbbrevKind::kTitle, false},
    {"Gov", AbbrevKind::kTitle, false},
    {"Pres", AbbrevKind::kTitle, false},
    {"Rev", AbbrevKind::kTitle, false},
    {"Hon", AbbrevKind::kTitle, false},
    {"Fr", AbbrevKind::kTitle, false},
    {"Msgr", AbbrevKind::kTitle, false},
    {"Atty", AbbrevKind::kTitle, false},
    {"Supt", AbbrevKind::kTitle, false},
    {"Det", AbbrevKind::kTitle, false},
    {"Insp", AbbrevKind::kTitle, false},
    {"Amb", AbbrevKind::kTitle, false},
    {"Mt", AbbrevKind::kTitle, false},
    {"Ft", AbbrevKind::kTitle, false},
    {"Pt", AbbrevKind::kTitle, false},
    {"St", AbbrevKind::kTitle, false},
    {"Ste", AbbrevKind::kTitle, false},
    {"Sts", AbbrevKind::kTitle, false},
    {"Gens", AbbrevKind::kTitle, false},
    // Months and weekdays precede a day or year. "May", "June", "July" have
    // no period; "Sun"/"Sat"/"Wed" are left out: they are words as well.
    {"Jan", AbbrevKind::kTitle, false},
    {"Feb", AbbrevKind::kTitle, false},
    {"Mar", AbbrevKind::kTitle, false},
    {"Apr", AbbrevKind::kTitle, false},
    {"Jun", AbbrevKind::kTitle, false},
    {"Jul", AbbrevKind::kTitle, false},
    {"Aug", AbbrevKind::kTitle, false},
    {"Sep", AbbrevKind::kTitle, false},
    {"Sept", AbbrevKind::kTitle, false},
    {"Oct", AbbrevKind::kTitle, false},
    {"Nov", AbbrevKind::kTitle, false},
    {"Dec", AbbrevKind::kTitle, false},
    {"Mon", AbbrevKind::kTitle, false},
    {"Tue", AbbrevKind::kTitle, false},
    {"Tues", AbbrevKind::kTitle, false},
    {"Thu", AbbrevKind::kTitle, false},
    {"Thur", AbbrevKind::kTitle, false},
    {"Thurs", AbbrevKind::kTitle, false},
    {"Fri", AbbrevKind::kTitle, false},
    // Latin and scholarly abbreviations followed by more of the sentence.
    {"vs", AbbrevKind::kTitle, true},
    {"v", AbbrevKind::kTitle, false},
    {"cf", AbbrevKind::kTitle, false},
    {"ca", AbbrevKind::kTitle, false},
    {"c", AbbrevKind::kTitle, false},
    {"approx", AbbrevKind::kTitle, true},
    {"viz", AbbrevKind::kTitle, false},
    {"al", AbbrevKind::kGeneral, false},
    {"ed", AbbrevKind::kTitle, false},
    {"eds", AbbrevKind::kTitle, false},
    {"esp", AbbrevKind::kTitle, false},
    {"incl", AbbrevKind::kTitle, false},
    // Often at the end of a name, so they may end a sentence.
    {"Inc", AbbrevKind::kGeneral, true},
    {"Corp", AbbrevKind::kGeneral, true},
    {"Ltd", AbbrevKind::kGeneral, true},
    {"Co", AbbrevKind::kGeneral, false},
    {"CO", AbbrevKind::kGeneral, false},
    {"Bros", AbbrevKind::kGeneral, true},
    {"Jr", AbbrevKind::kGeneral, true},
    {"Sr", AbbrevKind::kGeneral, true},
    {"Plc", AbbrevKind::kGeneral, true},
    {"Assn", AbbrevKind::kGeneral, false},
    {"Dept", AbbrevKind::kGeneral, true},
    {"Univ", AbbrevKind::kGeneral, false},
    {"Ave", AbbrevKind::kGeneral, false},
    {"Blvd", AbbrevKind::kGeneral, false},
    {"Rd", AbbrevKind::kGeneral, false},
    {"etc", AbbrevKind::kGeneral, true},
    {"ect", AbbrevKind::kGeneral, false},
    {"est", AbbrevKind::kGeneral, false},
    {"ext", AbbrevKind::kGeneral, false},
    {"Esq", AbbrevKind::kGeneral, false},
    {"PhD", AbbrevKind::kGeneral, false},
    // U.S. states in AP style.
    {"Ala", AbbrevKind::kGeneral, false},
    {"Ariz", AbbrevKind::kGeneral, false},
    {"Ark", AbbrevKind::kGeneral, false},
    {"Calif", AbbrevKind::kGeneral, false},
    {"Cal", AbbrevKind::kGeneral, false},
    {"Colo", AbbrevKind::kGeneral, false},
    {"Conn", AbbrevKind::kGeneral, false},
    {"Fla", AbbrevKind::kGeneral, false},
    {"Ga", AbbrevKind::kGeneral, false},
    {"Ill", AbbrevKind::kGeneral, false},
    {"Kan", AbbrevKind::kGeneral, false},
    {"Kans", AbbrevKind::kGeneral, false},
    {"Ky", AbbrevKind::kGeneral, false},
    {"Md", AbbrevKind::kGeneral, false},
    {"Mass", AbbrevKind::kGeneral, false},
    {"Mich", AbbrevKind::kGeneral, false},
    {"Minn", AbbrevKind::kGeneral, false},
    {"Mont", AbbrevKind::kGeneral, false},
    {"Neb", AbbrevKind::kGeneral, false},
    {"Nev", AbbrevKind::kGeneral, false},
    {"Okla", AbbrevKind::kGeneral, false},
    {"Ore", AbbrevKind::kGeneral, false},
    {"Tenn", AbbrevKind::kGeneral, false},
    {"Tex", AbbrevKind::kGeneral, false},
    {"Va", AbbrevKind::kGeneral, false},
    {"Vt", AbbrevKind::kGeneral, false},
    {"Wis", AbbrevKind::kGeneral, false},
    {"Wyo", AbbrevKind::kGeneral, false},
    // Only abbreviations when a number follows ("No. 5", "pp. 12-14").
    {"No", AbbrevKind::kNumeric, false},
    {"no", AbbrevKind::kNumeric, false},
    {"Nos", AbbrevKind::kNumeric, false},
    {"Art", AbbrevKind::kNumeric, false},
    {"art", AbbrevKind::kNumeric, false},
    {"Vol", AbbrevKind::kNumeric, true},
    {"p", AbbrevKind::kNumeric, false},
    {"pp", AbbrevKind::kNumeric, false},
    {"Fig", AbbrevKind::kNumeric, true},
    {"ch", AbbrevKind::kNumeric, false},
    {"Ch", AbbrevKind::kNumeric, false},
    {"sec", AbbrevKind::kNumeric, false},
    {"Sec", AbbrevKind::kNumeric, false},
    {"para", AbbrevKind::kNumeric, false},
    {"Para", AbbrevKind::kNumeric, false},
    {"op", AbbrevKind::kNumeric, false},
    {"Op", AbbrevKind::kNumeric, false},
    {"Nr", AbbrevKind::kNumeric, false},
    {"tel", AbbrevKind::kNumeric, true},
    {"ph", AbbrevKind::kNumeric, false},
};

constexpr std::string_view kSentenceStarters[] = {
    "A",        "After",   "Also",    "An",      "And",       "As",
    "At",       "But",     "By",      "During",  "For",       "From",
    "He",       "Her",     "His",     "However", "I",         "If",
    "In",       "It",      "Its",     "Many",    "Meanwhile", "More",
    "Most",     "No",      "On",      "One",     "Only",      "Other",
    "Our",      "She",     "Since",   "So",      "Some",      "That",
    "The",      "Their",   "There",   "These",   "They",      "This",
    "Those",    "Thus",    "To",      "Two",     "We",        "What",
    "When",     "While",   "With",    "Yet",     "You",       "According",
    "Although", "Because", "Earlier", "Later",   "Officials", "Police",
    "Several",  "Such",    "Then",    "Under",   "Until",     "Where",
    "Who",      "Why",     "How",     "Despite", "Both",      "Each",
};

// Keys are lower-case so that case-insensitive entries are found with one
// lookup; the entry then says whether the exact case must match as well.
const std::unordered_multimap<std::string, const Entry*>& Table() {
  static const auto* table = [] {
    auto* t = new std::unordered_multimap<std::string, const Entry*>();
    for (const Entry& e : kAbbreviations) {
      std::string key(e.canonical);
      for (char& c : key) c = static_cast<char>(std::tolower(c));
      t->emplace(std::move(key), &e);
    }
    return t;
  }();
  return *table;
}

}  // namespace

AbbrevKind LookupAbbreviation(std::string_view word) {
  if (word.empty() || word.size() > 8) return AbbrevKind::kNone;
  char buffer[8];
  for (size_t i = 0; i < word.size(); ++i) {
    buffer[i] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  }
  const auto& table = Table();
  auto [begin, end] = table.equal_range(std::string(buffer, word.size()));
  AbbrevKind found = AbbrevKind::kNone;
  for (auto it = begin; it != end; ++it) {
    const Entry& e = *it->second;
    if (e.canonical == word) return e.kind;
    if (e.any_case) found = e.kind;
  }
  return found;
}

bool IsSentenceStarter(std::string_view word) {
  static const auto* starters = new std::unordered_set<std::string_view>(
      std::begin(kSentenceStarters), std::end(kSentenceStarters));
  return starters->count(word) > 0;
}

}  // namespace entente::text_internal
