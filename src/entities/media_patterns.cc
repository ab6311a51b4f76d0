#include "entities/media_patterns.h"

#include <string_view>
#include <unordered_set>

namespace entente {
namespace {

using WordSet = std::unordered_set<std::string_view>;

// Words that end an outlet's name.
bool IsMediaHead(std::string_view w) {
  static const WordSet* const kHeads = new WordSet{
      "Broadcasting", "Chronicle", "Courier",   "Daily",      "Dispatch",
      "Examiner",     "Gazette",   "Guardian",  "Herald",     "Inquirer",
      "Journal",      "News",      "Observer",  "Post",       "Press",
      "Radio",        "TV",        "Telegraph", "Television", "Times",
      "Tribune",
  };
  return kHeads->count(w) > 0;
}

// Words that may follow a media head ("News Agency", "Broadcasting
// Corporation") but are not media words on their own.
bool IsMediaSuffix(std::string_view w) {
  static const WordSet* const kSuffixes = new WordSet{
      "Agency",      "Authority", "Channel", "Company",
      "Corporation", "Network",   "Service", "System",
  };
  return kSuffixes->count(w) > 0;
}

// A token that can be part of a proper-noun run.
bool IsNameWord(const PlaceMatcher& m, size_t i) {
  if (m.tokens()[i].kind != TokenKind::kWord) return false;
  const std::string_view w = m.Word(i);
  return IsCapitalizedWord(w) && !IsCapitalizedFunctionWord(w);
}

// The CAMEO code of the first coded place among tokens [i, end).
std::string CountryInside(const PlaceMatcher& m, size_t i, size_t end) {
  while (i < end) {
    const PlaceMatch pm = m.LongestMatch(i, end);
    if (pm.tokens > 0 && !pm.entry->code.empty()) return pm.entry->code;
    i += pm.tokens > 0 ? pm.tokens : 1;
  }
  return "";
}

}  // namespace

MediaMatch MatchMediaOutlet(const PlaceMatcher& m, size_t first, size_t i,
                            size_t end) {
  MediaMatch none;
  if (i >= end || !IsNameWord(m, i)) return none;
  if (i > first && m.Joined(i) && IsNameWord(m, i - 1)) return none;

  // "Times of India", "Voice of America".
  const std::string_view w = m.Word(i);
  if ((w == "Times" || w == "Voice") && i + 2 < end && m.Joined(i + 1) &&
      m.Joined(i + 2) && m.Word(i + 1) == "of") {
    const PlaceMatch pm = m.LongestMatch(i + 2, end);
    if (pm.tokens > 0 && !pm.entry->code.empty() &&
        (pm.entry->kind == PlaceKind::kName ||
         pm.entry->kind == PlaceKind::kCapital ||
         pm.entry->kind == PlaceKind::kSubdivision)) {
      return {i + 2 + pm.tokens, pm.entry->code};
    }
  }

  // The proper-noun run, at most 8 words, on one line of the sentence.
  size_t run_end = i + 1;
  while (run_end < end && run_end - i < 8 && IsNameWord(m, run_end) &&
         m.Joined(run_end) && !m.tokens()[run_end].newline_before) {
    ++run_end;
  }
  size_t last = run_end - 1;
  size_t head;
  if (IsMediaHead(m.Word(last))) {
    head = last;
  } else if (IsMediaSuffix(m.Word(last)) && last > i &&
             IsMediaHead(m.Word(last - 1))) {
    head = last - 1;
  } else {
    return none;
  }
  if (head == i) return none;  // A bare "News Agency" or "Times".
  // "American Journal of Preventive Medicine", "New England Journal of
  // Medicine": journals and institutions, not news outlets.
  if (run_end < end && m.Joined(run_end) && m.Word(run_end) == "of") {
    return none;
  }
  return {run_end, CountryInside(m, i, head)};
}

}  // namespace entente
