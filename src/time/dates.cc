// Date and time expression recognition.
//
// The recognizer lexes the text itself into words, numbers and punctuation
// (cheap: one pass, no std::regex) and tries hand-written patterns at every
// word, longest first. Values are normalized against an anchor:
//  - deictic expressions ("yesterday", "on Thursday", "last week", "two days
//    ago") always against the document date;
//  - year-less calendar dates ("19 May", "in May", "the 12th of October
//    last") against the document date, unless the text is about a distant
//    time: when the last full date mentioned before lies more than a year
//    from the document date (a biography, a history), that date is the
//    anchor (the "narrative time" rule of HeidelTime-style normalizers).
// A year-less date against the document date falls on or before it unless
// the sentence has a future cue ("will", "scheduled", "next" …) — syntax is
// not wired yet, so tense is read from these words only.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/time.h"
#include "time/calendar.h"

namespace entente {
namespace {

using time_internal::AddMonths;
using time_internal::CivilDate;
using time_internal::CivilFromDays;
using time_internal::DaysFromCivil;
using time_internal::FormatDay;
using time_internal::FormatIsoWeek;
using time_internal::FormatMonth;
using time_internal::FormatYear;
using time_internal::IsValidDate;
using time_internal::ParseIsoDate;
using time_internal::WeekdayOfDays;

enum class Kind : uint8_t { kAlpha, kNumber, kPunct };

struct Word {
  uint32_t start = 0;
  uint32_t end = 0;
  Kind kind = Kind::kPunct;
  bool capital = false;  // First letter upper case.
  bool ordinal = false;  // "19th": digits with an ordinal suffix.
  int digits = 0;        // Number of digits of a number.
  int number = 0;        // Value of a number (capped).
  std::string lower;     // Lower-cased text (letters and digits only).
};

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// Splits the text into words, numbers and punctuation marks. A multi-byte
// UTF-8 character is one punctuation mark (curly quotes, dashes): dates are
// written in ASCII, and anything else only separates them.
std::vector<Word> Lex(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 5);
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    Word w;
    w.start = static_cast<uint32_t>(i);
    if (IsAlpha(text[i])) {
      w.kind = Kind::kAlpha;
      w.capital = text[i] >= 'A' && text[i] <= 'Z';
      while (i < n && IsAlpha(text[i])) w.lower.push_back(Lower(text[i++]));
    } else if (IsDigit(text[i])) {
      w.kind = Kind::kNumber;
      while (i < n && IsDigit(text[i])) {
        if (w.number < 100000) w.number = w.number * 10 + (text[i] - '0');
        w.lower.push_back(text[i++]);
        ++w.digits;
      }
      // "19th", "1st"; any other letters glued on ("1990s", "5km") make
      // the token something other than a plain number.
      size_t j = i;
      std::string suffix;
      while (j < n && IsAlpha(text[j])) suffix.push_back(Lower(text[j++]));
      if (!suffix.empty()) {
        if (suffix == "st" || suffix == "nd" || suffix == "rd" ||
            suffix == "th") {
          w.ordinal = true;
        } else {
          w.kind = Kind::kAlpha;
          w.lower += suffix;
        }
        i = j;
      }
    } else {
      w.kind = Kind::kPunct;
      size_t len = 1;
      if (c >= 0xF0) {
        len = 4;
      } else if (c >= 0xE0) {
        len = 3;
      } else if (c >= 0xC0) {
        len = 2;
      }
      len = std::min(len, n - i);
      w.lower.assign(text.substr(i, len));
      i += len;
    }
    w.end = static_cast<uint32_t>(i);
    words.push_back(std::move(w));
  }
  return words;
}

// Returns 1..12 for a capitalized month name or abbreviation, else 0.
int MonthOf(const Word& w) {
  if (w.kind != Kind::kAlpha || !w.capital) return 0;
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (w.lower == kNames[m]) return m + 1;
  }
  // Abbreviations only where a month cannot be a word ("Mar", "Jun" are
  // safe only next to numbers; callers check that).
  static constexpr std::array<std::string_view, 12> kShort = {
      "jan", "feb", "mar", "apr", "",    "jun",
      "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    if (!kShort[m].empty() && w.lower == kShort[m]) return m + 1;
  }
  if (w.lower == "sept") return 9;
  return 0;
}

// True for "Aug", "Sept" (month abbreviations); false for full names.
bool IsAbbreviatedMonth(const Word& w) {
  return w.lower.size() <= 4 && w.lower != "may" && w.lower != "june" &&
         w.lower != "july";
}

// Returns 0..6 (Monday..Sunday) for a capitalized weekday name, else -1.
int WeekdayOf(const Word& w) {
  if (w.kind != Kind::kAlpha || !w.capital) return -1;
  static constexpr std::array<std::string_view, 7> kNames = {
      "monday", "tuesday",  "wednesday", "thursday",
      "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; ++d) {
    if (w.lower == kNames[d]) return d;
  }
  return -1;
}

// Small cardinal numbers written as words ("two days ago"); -1 otherwise.
int NumberWord(const Word& w) {
  if (w.kind == Kind::kNumber && !w.ordinal && w.digits <= 4) return w.number;
  if (w.kind != Kind::kAlpha) return -1;
  static constexpr std::array<std::string_view, 21> kWords = {
      "zero",     "one",      "two",      "three",   "four",    "five",
      "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
      "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen", "twenty"};
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (w.lower == kWords[i]) return static_cast<int>(i);
  }
  if (w.lower == "thirty") return 30;
  if (w.lower == "forty") return 40;
  if (w.lower == "fifty") return 50;
  if (w.lower == "hundred") return 100;
  return -1;
}

enum class Unit : uint8_t {
  kNone,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kYear,
  kDecade
};

Unit UnitOf(const Word& w) {
  if (w.kind != Kind::kAlpha) return Unit::kNone;
  std::string_view s = w.lower;
  if (s.size() > 1 && s.back() == 's') s.remove_suffix(1);
  if (s == "minute") return Unit::kMinute;
  if (s == "hour") return Unit::kHour;
  if (s == "day") return Unit::kDay;
  if (s == "week") return Unit::kWeek;
  if (s == "month") return Unit::kMonth;
  if (s == "year") return Unit::kYear;
  if (s == "decade") return Unit::kDecade;
  return Unit::kNone;
}

const char* UnitName(Unit u) {
  switch (u) {
    case Unit::kMinute:
      return "minute";
    case Unit::kHour:
      return "hour";
    case Unit::kDay:
      return "day";
    case Unit::kWeek:
      return "week";
    case Unit::kMonth:
      return "month";
    case Unit::kYear:
      return "year";
    case Unit::kDecade:
      return "decade";
    case Unit::kNone:
      break;
  }
  return "";
}

std::string IsoDuration(int n, Unit u) {
  std::string count = std::to_string(n);
  switch (u) {
    case Unit::kMinute:
      return "PT" + count + "M";
    case Unit::kHour:
      return "PT" + count + "H";
    case Unit::kDay:
      return "P" + count + "D";
    case Unit::kWeek:
      return "P" + count + "W";
    case Unit::kMonth:
      return "P" + count + "M";
    case Unit::kYear:
      return "P" + count + "Y";
    case Unit::kDecade:
      return "P" + std::to_string(n * 10) + "Y";
    case Unit::kNone:
      break;
  }
  return "";
}

bool IsPartOfDay(const Word& w) {
  return w.kind == Kind::kAlpha &&
         (w.lower == "morning" || w.lower == "afternoon" ||
          w.lower == "evening" || w.lower == "night");
}

// Words that signal a future reading of a year-less date in the sentence.
bool IsFutureCue(const std::vector<Word>& words, size_t i) {
  const Word& w = words[i];
  if (w.kind != Kind::kAlpha) return false;
  // "would" is the future-in-the-past of reported speech ("said they
  // would meet again on 17 March"), which news uses far more than the
  // conditional with a calendar date.
  static constexpr std::array<std::string_view, 15> kCues = {
      "will",     "shall",       "upcoming", "scheduled", "schedule",
      "expected", "expects",     "plans",    "planned",   "plan",
      "tomorrow", "forthcoming", "intends",  "intend",    "would"};
  for (std::string_view cue : kCues) {
    if (w.lower == cue) return true;
  }
  // "they'll": the clitic after an apostrophe glued to the previous word.
  if (w.lower == "ll") return i > 0 && words[i - 1].end == w.start;
  // "is to be held", "are to meet": the modal "be to".
  if (w.lower == "to" && i > 0) {
    const std::string& p = words[i - 1].lower;
    return p == "is" || p == "are";
  }
  // "due on", "due to be held", but not "due to heavy fog".
  if (w.lower == "due") {
    if (i + 1 >= words.size() || words[i + 1].lower != "to") return true;
    return i + 2 < words.size() && words[i + 2].lower == "be";
  }
  return false;
}

// Lower-case words after a year number that show it is still a year ("in
// 2014 and 2015", "in 2014 when"); any other lower-case word makes it a
// count ("in 2000 cases").
bool AllowedAfterYear(const Word& w) {
  if (w.kind != Kind::kAlpha || w.capital) return true;
  static constexpr std::array<std::string_view, 40> kOk = {
      "and",    "or",    "to",    "when",  "the",      "as",   "at",
      "in",     "on",    "for",   "with",  "but",      "by",   "after",
      "before", "until", "where", "that",  "which",    "he",   "she",
      "it",     "they",  "we",    "i",     "was",      "were", "is",
      "are",    "had",   "has",   "have",  "a",        "an",   "his",
      "her",    "their", "its",   "while", "following"};
  for (std::string_view ok : kOk) {
    if (w.lower == ok) return true;
  }
  return false;
}

// Prepositions and modifiers after which a bare four-digit number is a year.
bool IsYearCue(const Word& w) {
  if (w.kind != Kind::kAlpha) return false;
  static constexpr std::array<std::string_view, 22> kCues = {
      "in",     "since",  "by",     "until", "till",    "during",
      "from",   "before", "after",  "early", "late",    "mid",
      "around", "circa",  "year",   "of",    "through", "throughout",
      "fiscal", "summer", "winter", "spring"};
  for (std::string_view cue : kCues) {
    if (w.lower == cue) return true;
  }
  return w.lower == "autumn" || w.lower == "c";
}

struct Match {
  size_t first = 0;  // Word range [first, last).
  size_t last = 0;
  std::string value;
  std::string granularity;
  bool duration = false;
  // Set for an explicit date with a year: it becomes the narrative anchor.
  std::optional<CivilDate> explicit_date;
};

Match M(size_t first, size_t last, std::string value = "",
        std::string granularity = "", bool duration = false) {
  Match m;
  m.first = first;
  m.last = last;
  m.value = std::move(value);
  m.granularity = std::move(granularity);
  m.duration = duration;
  return m;
}

class Recognizer {
 public:
  Recognizer(std::string_view text, const std::vector<Sentence>& sentences,
             std::string_view document_date)
      : text_(text), sentences_(sentences), words_(Lex(text)) {
    has_doc_ = ParseIsoDate(document_date, &doc_);
    if (has_doc_) doc_days_ = DaysFromCivil(doc_);
    future_.assign(std::max<size_t>(sentences.size(), 1), -1);
  }

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < words_.size()) {
      std::optional<Match> m = TryAt(i);
      if (!m) {
        ++i;
        continue;
      }
      if (m->explicit_date) {
        const uint32_t s = SentenceOf(words_[m->first].start);
        if (m->explicit_date->month > 0) {
          anchor_ = m->explicit_date;
          anchor_sentence_ = s;
          anchor_order_ = ++order_;
        } else {
          year_anchor_ = m->explicit_date;
          year_anchor_sentence_ = s;
          year_anchor_order_ = ++order_;
        }
      }
      DateMention d;
      d.start = words_[m->first].start;
      d.end = words_[m->last - 1].end;
      d.sentence = SentenceOf(d.start);
      d.text.assign(text_.substr(d.start, d.end - d.start));
      d.value = std::move(m->value);
      d.granularity = d.value.empty() ? "" : std::move(m->granularity);
      d.type = m->duration ? "duration" : "date";
      out.push_back(std::move(d));
      i = m->last;
    }
    return out;
  }

 private:
  const Word* At(size_t i) const {
    return i < words_.size() ? &words_[i] : nullptr;
  }
  bool Is(size_t i, std::string_view lower) const {
    return i < words_.size() && words_[i].lower == lower;
  }
  // True when word i is glued to word i-1 (no space between them).
  bool Glued(size_t i) const {
    return i > 0 && i < words_.size() && words_[i - 1].end == words_[i].start;
  }
  // True when nothing glued follows word i (a "5" that is not "5.3" or "5/8").
  bool FreeAfter(size_t i) const {
    if (i + 1 >= words_.size() || !Glued(i + 1)) return true;
    const Word& next = words_[i + 1];
    if (next.kind != Kind::kPunct) return false;
    // Sentence punctuation may be glued; "/" "-" "." followed by a digit or
    // letter may not ("5/8", "5-6").
    if (next.lower == "/" || next.lower == "-" || next.lower == "." ||
        next.lower == ":") {
      return !(i + 2 < words_.size() && Glued(i + 2) &&
               words_[i + 2].kind != Kind::kPunct);
    }
    return true;
  }

  uint32_t SentenceOf(uint32_t offset) const {
    if (sentences_.empty()) return 0;
    auto it = std::upper_bound(
        sentences_.begin(), sentences_.end(), offset,
        [](uint32_t off, const Sentence& s) { return off < s.start; });
    if (it == sentences_.begin()) return 0;
    return static_cast<uint32_t>(it - sentences_.begin() - 1);
  }

  // Whether the sentence around word i has a future cue (cached).
  bool FutureAt(size_t i) {
    uint32_t s = SentenceOf(words_[i].start);
    if (future_[s] >= 0) return future_[s] == 1;
    uint32_t begin = 0;
    uint32_t end = static_cast<uint32_t>(text_.size());
    if (!sentences_.empty()) {
      begin = sentences_[s].start;
      end = sentences_[s].end;
    }
    auto first = std::lower_bound(
        words_.begin(), words_.end(), begin,
        [](const Word& w, uint32_t off) { return w.start < off; });
    bool future = false;
    for (auto it = first; it != words_.end() && it->start < end; ++it) {
      if (IsFutureCue(words_, static_cast<size_t>(it - words_.begin()))) {
        future = true;
        break;
      }
    }
    future_[s] = future ? 1 : 0;
    return future;
  }

  // The anchor for year-less calendar dates at word `word`: the narrative
  // time, when there is one, else the document date. The narrative time is
  // the last explicit date with a month when the text is about a time more
  // than a year away from the document date, when there is no document
  // date, or when it was named in the last three sentences ("debuted on
  // September 1, 2012. On September 4, …"); or a bare year named in this or
  // the previous sentence ("In 2013, … called up May 17"). The more recent
  // of the two wins.
  std::optional<CivilDate> CalendarAnchor(size_t word, bool* narrative) const {
    *narrative = false;
    const uint32_t s = SentenceOf(words_[word].start);
    bool full =
        anchor_ && (!has_doc_ || std::abs(anchor_->year - doc_.year) > 1 ||
                    s - anchor_sentence_ <= 2);
    bool year = year_anchor_ && s - year_anchor_sentence_ <= 1;
    if (full && year) {
      if (year_anchor_order_ > anchor_order_) {
        full = false;
      } else {
        year = false;
      }
    }
    if (full || year) {
      *narrative = true;
      return full ? anchor_ : year_anchor_;
    }
    if (has_doc_) return doc_;
    return std::nullopt;
  }

  // Resolves month `m` (and day `d`, 0 for a whole month) without a year.
  // `relation` is +1 for "next", -1 for "last", 0 when the text says
  // neither. Returns the year, or 0 when there is no anchor.
  int ResolveYear(int m, int d, int relation, size_t word) {
    bool narrative = false;
    std::optional<CivilDate> anchor = CalendarAnchor(word, &narrative);
    if (!anchor) return 0;
    const int am = anchor->month;
    const int ad = d == 0 ? 0 : anchor->day;
    // Compare (m, d) with the anchor's (month, day).
    const int cmp = m != am ? (m < am ? -1 : 1)
                            : (d < ad   ? -1
                               : d > ad ? 1
                                        : 0);
    if (relation > 0) return cmp > 0 ? anchor->year : anchor->year + 1;
    if (relation < 0) return cmp < 0 ? anchor->year : anchor->year - 1;
    if (narrative) return anchor->year;
    if (FutureAt(word)) return cmp >= 0 ? anchor->year : anchor->year + 1;
    return cmp <= 0 ? anchor->year : anchor->year - 1;
  }

  std::optional<Match> TryAt(size_t i) {
    // Every Try* may be called with i == words_.size() by a longer pattern.
    if (auto m = TryPartOfDayOf(i)) return m;
    if (auto m = TryBoundaryOf(i)) return m;
    if (auto m = TryCalendar(i)) return m;
    if (auto m = TryDeictic(i)) return m;
    if (auto m = TryRelativePeriod(i)) return m;
    if (auto m = TryCounted(i)) return m;
    if (auto m = TryWeekday(i)) return m;
    if (auto m = TryMonthAlone(i)) return m;
    if (auto m = TryYear(i)) return m;
    return std::nullopt;
  }

  // "the morning of 20 May", "the night of Thursday".
  std::optional<Match> TryPartOfDayOf(size_t i) {
    size_t j = i;
    if (Is(j, "the")) ++j;
    if (!At(j) || !IsPartOfDay(words_[j]) || !Is(j + 1, "of")) {
      return std::nullopt;
    }
    std::optional<Match> m = TryCalendar(j + 2);
    if (!m) m = TryWeekday(j + 2);
    if (!m || m->granularity != "day") return std::nullopt;
    m->first = i;
    return m;
  }

  // "the end of the year", "the beginning of May", "the start of 2015":
  // normalized to the period's last (first) day, the reading of a deadline
  // ("by the end of the year") or a start date.
  std::optional<Match> TryBoundaryOf(size_t i) {
    size_t j = i;
    if (Is(j, "the")) ++j;
    const bool end = Is(j, "end");
    if (!end && !Is(j, "beginning") && !Is(j, "start")) return std::nullopt;
    if (!Is(j + 1, "of")) return std::nullopt;
    size_t k = j + 2;
    std::optional<Match> period;
    if (Is(k, "the") || Is(k, "this")) {
      if (Is(k + 1, "year") || Is(k + 1, "month")) {
        if (!has_doc_) return std::nullopt;
        period = M(k, k + 2);
        if (Is(k + 1, "year")) {
          period->value = FormatYear(doc_.year);
          period->granularity = "year";
        } else {
          period->value = FormatMonth(doc_.year, doc_.month);
          period->granularity = "month";
        }
      }
    }
    if (!period) period = TryRelativePeriod(k);
    if (!period) period = TryCalendar(k);
    if (!period) period = TryMonthAlone(k, /*need_cue=*/false);
    if (!period) period = TryYear(k, /*need_cue=*/false);
    if (!period || period->value.empty() || period->duration) {
      return std::nullopt;
    }
    int year = 0;
    int month = 0;
    if (period->granularity == "year") {
      year = std::stoi(period->value.substr(0, 4));
      month = end ? 12 : 1;
    } else if (period->granularity == "month") {
      year = std::stoi(period->value.substr(0, 4));
      month = std::stoi(period->value.substr(5, 2));
    } else {
      return std::nullopt;
    }
    CivilDate d{year, month, end ? time_internal::DaysInMonth(year, month) : 1};
    Match m = M(i, period->last, FormatDay(d), "day");
    return m;
  }

  // Reads a year after a calendar date: 3 or 4 digits, not followed by
  // a noun ("May 5, 2000 protesters").
  bool ReadYear(size_t k, int* year) const {
    const Word* w = At(k);
    if (!w || w->kind != Kind::kNumber || w->ordinal || w->digits < 3 ||
        w->digits > 4 || w->number < 100 || w->number > 2999 || !FreeAfter(k)) {
      return false;
    }
    if (const Word* next = At(k + 1); next && !AllowedAfterYear(*next)) {
      return false;
    }
    *year = w->number;
    return true;
  }

  // Reads a day of the month (1..31, "19" or "19th") at k.
  bool ReadDay(size_t k, int* day) const {
    const Word* w = At(k);
    if (!w || w->kind != Kind::kNumber || w->digits > 2 || w->number < 1 ||
        w->number > 31 || !FreeAfter(k)) {
      return false;
    }
    *day = w->number;
    return true;
  }

  // Reads a month name at k (an abbreviation may carry a glued period);
  // returns the index after it, or 0.
  size_t ReadMonth(size_t k, int* month) const {
    const Word* w = At(k);
    if (!w) return 0;
    int m = MonthOf(*w);
    if (m == 0) return 0;
    *month = m;
    if (IsAbbreviatedMonth(*w) && Is(k + 1, ".") && Glued(k + 1)) return k + 2;
    return k + 1;
  }

  // Builds the match for a day date; `year` 0 means year-less.
  std::optional<Match> DayMatch(size_t first, size_t last, int year, int month,
                                int day, int relation) {
    Match m = M(first, last);
    m.granularity = "day";
    if (year == 0) {
      year = ResolveYear(month, day, relation, first);
      if (year == 0) return m;  // Unresolved: empty value.
    } else {
      m.explicit_date = CivilDate{year, month, day};
    }
    if (!IsValidDate(year, month, day)) {
      // "February 29" in a year that has none: keep the text, no value.
      if (m.explicit_date) return std::nullopt;
      return m;
    }
    m.value = FormatDay({year, month, day});
    return m;
  }

  // "last"/"next" after a year-less date ("the 12th of October last").
  int ArchaicRelation(size_t k) const {
    if (Is(k, "next") && !IsNounAfter(k + 1)) return 1;
    if (Is(k, "last") && !IsNounAfter(k + 1)) return -1;
    return 0;
  }
  // True when a noun-like lower-case word follows ("May last year" is not
  // "May last").
  bool IsNounAfter(size_t k) const {
    const Word* w = At(k);
    return w && w->kind == Kind::kAlpha && !w->capital && !AllowedAfterYear(*w);
  }

  // Absolute and year-less calendar dates, with an optional weekday before
  // them: "Friday, August 21, 2015", "19 May", "the 1st day of Feb. next",
  // "May 2014", "2015-08-21", "21/08/2015".
  std::optional<Match> TryCalendar(size_t i) {
    if (i >= words_.size()) return std::nullopt;
    size_t j = i;
    if (WeekdayOf(words_[i]) >= 0) {
      j = i + 1;
      if (Is(j, ",")) ++j;
      if (j >= words_.size()) return std::nullopt;
      std::optional<Match> m = TryCalendarCore(j);
      if (!m || m->granularity != "day") return std::nullopt;
      m->first = i;
      if (!m->explicit_date && m->value.size() == 10) {
        FixYearByWeekday(WeekdayOf(words_[i]), &*m);
      }
      return m;
    }
    return TryCalendarCore(i);
  }

  // A year-less date with its weekday ("Tuesday, January 21") names its
  // year: the one within a year of the chosen reading whose calendar has
  // that weekday on that day, the nearest if two do.
  void FixYearByWeekday(int weekday, Match* m) const {
    CivilDate d;
    if (!ParseIsoDate(m->value, &d)) return;
    const int64_t chosen = DaysFromCivil(d);
    int best_year = 0;
    int64_t best_distance = 0;
    for (int year = d.year - 1; year <= d.year + 1; ++year) {
      if (!IsValidDate(year, d.month, d.day)) continue;
      const int64_t days = DaysFromCivil(year, d.month, d.day);
      if (WeekdayOfDays(days) != weekday) continue;
      const int64_t distance = std::abs(days - chosen);
      if (best_year == 0 || distance < best_distance) {
        best_year = year;
        best_distance = distance;
      }
    }
    if (best_year != 0) m->value = FormatDay({best_year, d.month, d.day});
  }

  std::optional<Match> TryCalendarCore(size_t i) {
    const Word& w = words_[i];
    if (w.kind == Kind::kNumber) {
      if (auto m = TryNumeric(i)) return m;
    }
    int month = 0;
    int day = 0;
    int year = 0;
    // Month first: "May 19", "May 19, 2024", "May 2014".
    if (size_t k = ReadMonth(i, &month); k != 0) {
      if (ReadDay(k, &day)) {
        return DayMonthWithYear(i, k + 1, month, day);
      }
      size_t y = k;
      if (Is(y, ",") || Is(y, "of")) ++y;
      if (ReadYear(y, &year) && words_[y].digits == 4) {
        Match m = M(i, y + 1, FormatMonth(year, month), "month");
        m.explicit_date = CivilDate{year, month, 1};
        return m;
      }
      return std::nullopt;
    }
    // Day first: "19 May", "the 12th of October last", "1st day of Feb.".
    size_t k = i;
    if (Is(k, "the")) ++k;
    if (!ReadDay(k, &day)) return std::nullopt;
    size_t mk = k + 1;
    if (Is(mk, "day") && Is(mk + 1, "of")) {
      mk += 2;
    } else if (Is(mk, "of")) {
      ++mk;
    }
    size_t after = ReadMonth(mk, &month);
    if (after == 0) return std::nullopt;
    return DayMonthWithYear(i, after, month, day);
  }

  // A day and month starting at word i, read up to word `after`, then
  // whatever says its year: ", 2024", "2024", "this year", an archaic
  // "last"/"next", or nothing (resolved later against the document).
  std::optional<Match> DayMonthWithYear(size_t i, size_t after, int month,
                                        int day) {
    int year = 0;
    if (Is(after, ",") && ReadYear(after + 1, &year)) {
      return DayMatch(i, after + 2, year, month, day, 0);
    }
    if (ReadYear(after, &year)) {
      return DayMatch(i, after + 1, year, month, day, 0);
    }
    if (ReadRelativeYear(after, &year)) {
      return DayMatch(i, after + 2, year, month, day, 0);
    }
    int relation = ArchaicRelation(after);
    return DayMatch(i, after + (relation != 0 ? 1 : 0), 0, month, day,
                    relation);
  }

  // "this year", "last year", "next year" after a date ("through March 11
  // this year"): the year relative to the document date.
  bool ReadRelativeYear(size_t k, int* year) const {
    if (!has_doc_ || !Is(k + 1, "year")) return false;
    if (Is(k, "this")) {
      *year = doc_.year;
    } else if (Is(k, "last")) {
      *year = doc_.year - 1;
    } else if (Is(k, "next")) {
      *year = doc_.year + 1;
    } else {
      return false;
    }
    return true;
  }

  // "2015-08-21", "21/08/2015", "2015/08/21", "21.08.2015". With both
  // numbers <= 12 "03/04/2015" is read day first (the international order);
  // a first number above 12 cannot be a month, a second above 12 makes it
  // US order.
  std::optional<Match> TryNumeric(size_t i) {
    if (i + 4 >= words_.size()) return std::nullopt;
    const Word& a = words_[i];
    const Word& s1 = words_[i + 1];
    const Word& b = words_[i + 2];
    const Word& s2 = words_[i + 3];
    const Word& c = words_[i + 4];
    if (!Glued(i + 1) || !Glued(i + 2) || !Glued(i + 3) || !Glued(i + 4)) {
      return std::nullopt;
    }
    if (s1.lower != s2.lower ||
        (s1.lower != "-" && s1.lower != "/" && s1.lower != ".")) {
      return std::nullopt;
    }
    if (a.kind != Kind::kNumber || b.kind != Kind::kNumber ||
        c.kind != Kind::kNumber || a.ordinal || b.ordinal || c.ordinal ||
        !FreeAfter(i + 4)) {
      return std::nullopt;
    }
    int year = 0;
    int month = 0;
    int day = 0;
    if (a.digits == 4 && b.digits <= 2 && c.digits <= 2) {
      year = a.number;
      month = b.number;
      day = c.number;
    } else if (a.digits <= 2 && b.digits <= 2 && c.digits == 4) {
      year = c.number;
      if (a.number > 12 || b.number <= 12) {
        day = a.number;
        month = b.number;
      } else {
        month = a.number;
        day = b.number;
      }
    } else {
      return std::nullopt;
    }
    if (year < 1000 || !IsValidDate(year, month, day)) return std::nullopt;
    Match m = M(i, i + 5, FormatDay({year, month, day}), "day");
    m.explicit_date = CivilDate{year, month, day};
    return m;
  }

  // Extends a day match over a following part of the day ("Thursday
  // night", "yesterday morning").
  void ExtendPartOfDay(Match* m) {
    if (At(m->last) && IsPartOfDay(words_[m->last])) ++m->last;
  }

  Match DayFromDoc(size_t first, size_t last, int offset) {
    Match m = M(first, last);
    m.granularity = "day";
    if (has_doc_) m.value = FormatDay(CivilFromDays(doc_days_ + offset));
    return m;
  }

  // "today", "yesterday", "tomorrow", "tonight", "this morning", "last
  // night", "the day before yesterday", "this day".
  std::optional<Match> TryDeictic(size_t i) {
    if (i >= words_.size()) return std::nullopt;
    const Word& w = words_[i];
    if (w.kind != Kind::kAlpha) return std::nullopt;
    if (w.lower == "the" && Is(i + 1, "day") &&
        (Is(i + 2, "before") || Is(i + 2, "after")) &&
        (Is(i + 3, "yesterday") || Is(i + 3, "tomorrow"))) {
      return DayFromDoc(i, i + 4, Is(i + 2, "before") ? -2 : 2);
    }
    std::optional<Match> m;
    if (w.lower == "today" || w.lower == "tonight") {
      m = DayFromDoc(i, i + 1, 0);
    } else if (w.lower == "yesterday") {
      m = DayFromDoc(i, i + 1, -1);
    } else if (w.lower == "tomorrow") {
      m = DayFromDoc(i, i + 1, 1);
    } else if (w.lower == "this" && At(i + 1) &&
               (IsPartOfDay(words_[i + 1]) || Is(i + 1, "day"))) {
      return DayFromDoc(i, i + 2, 0);
    } else if (w.lower == "last" && Is(i + 1, "night")) {
      return DayFromDoc(i, i + 2, -1);
    }
    if (!m) return std::nullopt;
    // "today's" is still today; "Today" as a programme name is rare.
    ExtendPartOfDay(&*m);
    return m;
  }

  // "last week", "this month", "next year", "earlier this year".
  std::optional<Match> TryRelativePeriod(size_t i) {
    int offset = 0;
    if (Is(i, "last") || Is(i, "previous")) {
      offset = -1;
    } else if (Is(i, "next") || Is(i, "coming")) {
      offset = 1;
    } else if (!Is(i, "this")) {
      return std::nullopt;
    }
    const Word* w = At(i + 1);
    if (!w) return std::nullopt;
    Unit unit = UnitOf(*w);
    if (w->lower != "week" && w->lower != "month" && w->lower != "year") {
      return std::nullopt;
    }
    Match m = M(i, i + 2);
    m.granularity = UnitName(unit);
    if (!has_doc_) return m;
    if (unit == Unit::kWeek) {
      m.value = FormatIsoWeek(doc_days_ + 7 * offset);
    } else if (unit == Unit::kMonth) {
      int y = doc_.year;
      int mo = doc_.month;
      AddMonths(&y, &mo, offset);
      m.value = FormatMonth(y, mo);
    } else {
      m.value = FormatYear(doc_.year + offset);
    }
    return m;
  }

  // "two days ago" (a point), and durations: "48 hours", "for two years",
  // "a three-day visit". Ages ("20 years old"), sets ("every two years")
  // and narrative offsets ("two years later") are not dates.
  std::optional<Match> TryCounted(size_t i) {
    if (i >= words_.size()) return std::nullopt;
    const Word& w = words_[i];
    // "2,000 years": the lexer split the number at the comma.
    if (w.kind == Kind::kNumber && Glued(i) &&
        (words_[i - 1].lower == "," || words_[i - 1].lower == ".")) {
      return std::nullopt;
    }
    int n = NumberWord(w);
    bool article = false;
    if (n < 0 && (w.lower == "a" || w.lower == "an") &&
        w.kind == Kind::kAlpha) {
      n = 1;
      article = true;
    }
    if (n <= 0) return std::nullopt;
    if (w.kind == Kind::kNumber && !FreeAfter(i) && !Is(i + 1, "-")) {
      return std::nullopt;
    }
    size_t u = i + 1;
    bool hyphenated = false;
    if (Is(u, "-") && Glued(u) && Glued(u + 1)) {
      ++u;
      hyphenated = true;
    }
    const Word* uw = At(u);
    if (!uw) return std::nullopt;
    Unit unit = UnitOf(*uw);
    if (unit == Unit::kNone) return std::nullopt;
    // "one day" as "some day", "a day" alone: too vague to be a duration.
    const Word* prev = i > 0 ? &words_[i - 1] : nullptr;
    if (prev && (prev->lower == "every" || prev->lower == "each" ||
                 prev->lower == "per")) {
      return std::nullopt;
    }
    if (hyphenated) {
      // "20-year-old" is an age; "three-day visit" a duration.
      if (Is(u + 1, "-") && Is(u + 2, "old")) return std::nullopt;
      Match m = M(i, u + 1, IsoDuration(n, unit), UnitName(unit), true);
      return m;
    }
    const Word* after = At(u + 1);
    if (after && (after->lower == "old" || after->lower == "later" ||
                  after->lower == "earlier" || after->lower == "after" ||
                  after->lower == "before" || after->lower == "of")) {
      return std::nullopt;
    }
    if (after && after->lower == "ago") {
      Match m = M(i, u + 2);
      if (!has_doc_) {
        m.granularity = "day";
        return m;
      }
      switch (unit) {
        case Unit::kMinute:
        case Unit::kHour:
        case Unit::kDay:
          m.granularity = "day";
          m.value = FormatDay(
              CivilFromDays(doc_days_ - (unit == Unit::kDay ? n : 0)));
          break;
        case Unit::kWeek:
          m.granularity = "week";
          m.value = FormatIsoWeek(doc_days_ - 7 * n);
          break;
        case Unit::kMonth: {
          int y = doc_.year;
          int mo = doc_.month;
          AddMonths(&y, &mo, -n);
          m.granularity = "month";
          m.value = FormatMonth(y, mo);
          break;
        }
        case Unit::kYear:
        case Unit::kDecade:
          m.granularity = "year";
          m.value =
              FormatYear(doc_.year - n * (unit == Unit::kDecade ? 10 : 1));
          break;
        case Unit::kNone:
          break;
      }
      return m;
    }
    // An article counts only after a duration preposition ("for a week",
    // "within a month"): "a day of mourning" is not a duration.
    if (article) {
      if (!prev || (prev->lower != "for" && prev->lower != "within" &&
                    prev->lower != "over")) {
        return std::nullopt;
      }
    }
    Match m = M(i, u + 1, IsoDuration(n, unit), UnitName(unit), true);
    return m;
  }

  // "Thursday", "on Thursday", "last Thursday", "next Friday night".
  std::optional<Match> TryWeekday(size_t i) {
    size_t j = i;
    int relation = 0;
    if (Is(i, "last")) {
      relation = -1;
      ++j;
    } else if (Is(i, "next")) {
      relation = 1;
      ++j;
    } else if (Is(i, "this")) {
      ++j;
    }
    const Word* w = At(j);
    if (!w) return std::nullopt;
    int wd = WeekdayOf(*w);
    if (wd < 0) return std::nullopt;
    // "Good Friday", "Super Tuesday": a capitalized word glued before the
    // weekday inside a sentence makes it a name.
    if (j == i && j > 0 && words_[j - 1].kind == Kind::kAlpha &&
        words_[j - 1].capital && WeekdayOf(words_[j - 1]) < 0 &&
        MonthOf(words_[j - 1]) == 0 && !IsSentenceStart(j - 1)) {
      return std::nullopt;
    }
    // "Mondays" is a set and not lexed as a weekday; "Friday prayers" is
    // still a Friday.
    Match m = M(i, j + 1);
    m.granularity = "day";
    ExtendPartOfDay(&m);
    if (!has_doc_) return m;
    const int doc_wd = WeekdayOfDays(doc_days_);
    int offset = 0;
    if (relation < 0) {
      int back = (doc_wd - wd + 7) % 7;
      offset = -(back == 0 ? 7 : back);
    } else if (relation > 0 || FutureAt(j)) {
      int fwd = (wd - doc_wd + 7) % 7;
      if (relation > 0 && fwd == 0) fwd = 7;
      offset = fwd;
    } else {
      offset = -((doc_wd - wd + 7) % 7);
    }
    m.value = FormatDay(CivilFromDays(doc_days_ + offset));
    return m;
  }

  bool IsSentenceStart(size_t k) const {
    if (k == 0) return true;
    const Word& prev = words_[k - 1];
    if (prev.kind == Kind::kPunct) return true;
    if (sentences_.empty()) return false;
    uint32_t s = SentenceOf(words_[k].start);
    return sentences_[s].start == words_[k].start;
  }

  // "in May", "since March", "last May", "early June": a month name alone
  // needs such a cue before it, since "May" is also a verb and a name.
  std::optional<Match> TryMonthAlone(size_t i, bool need_cue = true) {
    size_t j = i;
    int relation = 0;
    bool this_year = false;
    if (Is(i, "last")) {
      relation = -1;
      ++j;
    } else if (Is(i, "next")) {
      relation = 1;
      ++j;
    } else if (Is(i, "this")) {
      this_year = true;
      ++j;
    } else if (need_cue) {
      if (i == 0) return std::nullopt;
      const Word& p = words_[i - 1];
      if (p.kind != Kind::kAlpha ||
          !(p.lower == "in" || p.lower == "since" || p.lower == "until" ||
            p.lower == "during" || p.lower == "early" || p.lower == "late" ||
            p.lower == "mid" || p.lower == "by" || p.lower == "of" ||
            p.lower == "from" || p.lower == "through" || p.lower == "before" ||
            p.lower == "after")) {
        return std::nullopt;
      }
    }
    const Word* w = At(j);
    if (!w || MonthOf(*w) == 0 || IsAbbreviatedMonth(*w)) {
      return std::nullopt;
    }
    const int month = MonthOf(*w);
    // "in May last year" / "in May this year" / "in May next year".
    size_t last = j + 1;
    int year_offset = 0;
    bool explicit_year = false;
    if ((Is(last, "last") || Is(last, "this") || Is(last, "next")) &&
        Is(last + 1, "year")) {
      year_offset = Is(last, "last") ? -1 : Is(last, "next") ? 1 : 0;
      explicit_year = true;
      last += 2;
    }
    Match m = M(i, last);
    m.granularity = "month";
    int year = 0;
    if (explicit_year || this_year) {
      if (has_doc_) year = doc_.year + year_offset;
    } else {
      year = ResolveYear(month, 0, relation, j);
    }
    if (year > 0) m.value = FormatMonth(year, month);
    return m;
  }

  // "in 2014", "since 1998", "by 2030": a bare four-digit number is a year
  // only after such a cue and not before a noun ("in 2000 cases").
  std::optional<Match> TryYear(size_t i, bool need_cue = true) {
    if (i >= words_.size()) return std::nullopt;
    const Word& w = words_[i];
    if (w.kind != Kind::kNumber || w.ordinal || w.digits != 4 ||
        w.number < 1000 || w.number > 2100) {
      return std::nullopt;
    }
    if (need_cue) {
      if (i == 0) return std::nullopt;
      const Word& p = words_[i - 1];
      const bool hyphen_cue = p.lower == "-" && i >= 2 &&
                              words_[i - 2].lower == "mid" && Glued(i - 1);
      if (!IsYearCue(p) && !hyphen_cue) return std::nullopt;
    }
    // "2014-15" (a season) is still 2014; "2014/08/21" was numeric.
    if (!FreeAfter(i) && !(Is(i + 1, "-") || Is(i + 1, "–"))) {
      return std::nullopt;
    }
    if (const Word* next = At(i + 1); next && !AllowedAfterYear(*next)) {
      return std::nullopt;
    }
    Match m = M(i, i + 1, FormatYear(w.number), "year");
    m.explicit_date = CivilDate{w.number, 0, 0};
    return m;
  }

  std::string_view text_;
  const std::vector<Sentence>& sentences_;
  std::vector<Word> words_;
  CivilDate doc_;
  bool has_doc_ = false;
  int64_t doc_days_ = 0;
  // The narrative time (see CalendarAnchor): the last explicit date with a
  // month and the last bare year, with their sentences and their order.
  std::optional<CivilDate> anchor_;
  uint32_t anchor_sentence_ = 0;
  int anchor_order_ = 0;
  std::optional<CivilDate> year_anchor_;
  uint32_t year_anchor_sentence_ = 0;
  int year_anchor_order_ = 0;
  int order_ = 0;
  std::vector<int8_t> future_;  // Per sentence: -1 unknown, 0 no, 1 yes.
};

}  // namespace

std::vector<DateMention> FindDates(std::string_view text,
                                   const std::vector<Token>& tokens,
                                   const std::vector<Sentence>& sentences,
                                   std::string_view document_date) {
  (void)tokens;
  Recognizer recognizer(text, sentences, document_date);
  return recognizer.Run();
}

std::string SentenceDate(const std::vector<DateMention>& dates,
                         uint32_t sentence, std::string_view document_date) {
  for (const DateMention& d : dates) {
    if (d.sentence == sentence && d.type == "date" && !d.value.empty()) {
      return d.value;
    }
  }
  return std::string(document_date);
}

}  // namespace entente
