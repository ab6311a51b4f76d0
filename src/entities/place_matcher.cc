#include "entities/place_matcher.h"

#include <algorithm>
#include <unordered_set>

namespace entente {
namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

using WordSet = std::unordered_set<std::string_view>;

const WordSet& FunctionWords() {
  static const WordSet* const kWords = new WordSet{
      "A",       "About",     "According", "Across",  "After",    "Against",
      "All",     "Also",      "Amid",      "Among",   "An",       "And",
      "Any",     "As",        "At",        "Because", "Before",   "Being",
      "Between", "Both",      "But",       "By",      "Despite",  "During",
      "Each",    "Earlier",   "Even",      "Every",   "Ex",       "Following",
      "For",     "Former",    "From",      "Has",     "Have",     "He",
      "Her",     "Here",      "His",       "How",     "However",  "I",
      "If",      "In",        "Including", "Inside",  "Into",     "Is",
      "It",      "Its",       "Just",      "Last",    "Later",    "Like",
      "Many",    "Meanwhile", "More",      "Most",    "My",       "Near",
      "Next",    "No",        "Nor",       "Not",     "Now",      "Of",
      "On",      "Once",      "Only",      "Or",      "Other",    "Our",
      "Outside", "Over",      "Per",       "She",     "Since",    "So",
      "Some",    "Still",     "Such",      "Than",    "That",     "The",
      "Their",   "Then",      "There",     "These",   "They",     "This",
      "Those",   "Through",   "To",        "Today",   "Tomorrow", "Under",
      "Unlike",  "Until",     "Upon",      "Was",     "We",       "What",
      "When",    "Where",     "While",
  };
  return *kWords;
}

const WordSet& CalendarWords() {
  static const WordSet* const kWords = new WordSet{
      "April",   "August",   "December", "February",  "Friday",
      "January", "July",     "June",     "March",     "May",
      "Monday",  "November", "October",  "Saturday",  "September",
      "Sunday",  "Thursday", "Tuesday",  "Wednesday",
  };
  return *kWords;
}

}  // namespace

bool IsCapitalizedWord(std::string_view word) {
  if (word.empty()) return false;
  if (IsAsciiUpper(word[0])) return true;
  // UTF-8 for U+00C0..U+00DE (Latin-1 capitals, minus U+00D7 '×').
  if (word.size() >= 2 && static_cast<unsigned char>(word[0]) == 0xC3) {
    const unsigned char b = static_cast<unsigned char>(word[1]);
    return b >= 0x80 && b <= 0x9E && b != 0x97;
  }
  return false;
}

bool IsAllCapsWord(std::string_view word) {
  bool upper = false;
  for (char c : word) {
    if (IsAsciiLower(c)) return false;
    upper = upper || IsAsciiUpper(c);
  }
  return upper;
}

bool IsCapitalizedFunctionWord(std::string_view word) {
  return FunctionWords().count(word) > 0;
}

bool IsCalendarWord(std::string_view word) {
  return CalendarWords().count(word) > 0;
}

void AppendNormalizedWord(std::string_view word, std::string* out) {
  for (size_t i = 0; i < word.size(); ++i) {
    // U+2018 and U+2019 are E2 80 98 and E2 80 99.
    if (static_cast<unsigned char>(word[i]) == 0xE2 && i + 2 < word.size() &&
        static_cast<unsigned char>(word[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(word[i + 2]) == 0x98 ||
         static_cast<unsigned char>(word[i + 2]) == 0x99)) {
      out->push_back('\'');
      i += 2;
    } else {
      out->push_back(word[i]);
    }
  }
}

std::string_view PlaceMatcher::Word(size_t i) const {
  if (i >= tokens_.size()) return {};
  const Token& t = tokens_[i];
  if (t.start > t.end || t.end > text_.size()) return {};
  return text_.substr(t.start, t.end - t.start);
}

bool PlaceMatcher::Joined(size_t i) const {
  if (i == 0 || i >= tokens_.size()) return false;
  const Token& prev = tokens_[i - 1];
  const Token& t = tokens_[i];
  if (t.paragraph_before || prev.end > t.start || t.start > text_.size()) {
    return false;
  }
  for (size_t p = prev.end; p < t.start; ++p) {
    const char c = text_[p];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

PlaceMatch PlaceMatcher::LongestMatch(size_t i, size_t end) const {
  PlaceMatch best;
  end = std::min(end, tokens_.size());
  if (i >= end || tokens_[i].kind != TokenKind::kWord) return best;
  const std::string_view first = Word(i);
  std::string key;
  AppendNormalizedWord(first, &key);
  const bool exact_ok = gazetteer_.StartsSurface(key);
  bool caps_run = IsAllCapsWord(first);
  const bool fold_ok =
      caps_run && gazetteer_.StartsFoldedSurface(AsciiLower(key));
  if (!exact_ok && !fold_ok) return best;
  int words = 1;
  for (size_t j = i; j < end; ++j) {
    if (j > i) {
      if (!Joined(j)) break;
      const Token& t = tokens_[j];
      if (t.kind == TokenKind::kUrl || t.kind == TokenKind::kNumber ||
          t.kind == TokenKind::kSymbol) {
        break;
      }
      if (t.start > tokens_[j - 1].end) {
        key.push_back(' ');
        if (++words > gazetteer_.max_words()) break;
      }
      const std::string_view w = Word(j);
      if (w.empty()) break;
      if (t.kind == TokenKind::kWord && !IsAllCapsWord(w)) caps_run = false;
      AppendNormalizedWord(w, &key);
    }
    if (exact_ok || j > i) {
      if (const GazetteerEntry* e = gazetteer_.Find(key)) {
        best = {j - i + 1, e, false};
        continue;
      }
    }
    if (caps_run && fold_ok) {
      if (const GazetteerEntry* e = gazetteer_.FindFolded(AsciiLower(key))) {
        best = {j - i + 1, e, true};
      }
    }
  }
  return best;
}

const GazetteerEntry* PlaceMatcher::MatchWord(std::string_view word) const {
  std::string key;
  AppendNormalizedWord(word, &key);
  if (const GazetteerEntry* e = gazetteer_.Find(key)) return e;
  if (IsAllCapsWord(key)) return gazetteer_.FindFolded(AsciiLower(key));
  return nullptr;
}

}  // namespace entente
