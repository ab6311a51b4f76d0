// Dateline and metadata date recognition. Hand-written scanning rather than
// std::regex: ParseDateline runs on the first lines of every document and is
// called by other stages, so it must stay cheap and allocation-free.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "entente/reader.h"

namespace entente {
namespace {

// Years outside this range are far more often counts ("May 5, 2000
// protesters") than publication dates.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;
// A place before a dateline is short ("WASHINGTON, D.C.", "KYIV, Ukraine");
// anything longer is a sentence, not a dateline.
constexpr size_t kMaxPlaceBytes = 40;
constexpr int kMaxPlaceSegments = 3;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower_b[i]) return false;
  }
  return true;
}

// Returns 1..12 for a month name or abbreviation ("Aug", "Sept"), else 0.
int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (EqualsIgnoreCase(word, kNames[m])) return m + 1;
    if (EqualsIgnoreCase(word, kNames[m].substr(0, 3))) return m + 1;
  }
  if (EqualsIgnoreCase(word, "sept")) return 9;
  return 0;
}

bool IsWeekday(std::string_view word) {
  static constexpr std::array<std::string_view, 19> kNames = {
      "monday",   "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday",  "mon",       "tue",      "tues",
      "wed",      "thu",     "thur",      "thurs",    "fri",
      "sat",      "sun",     "weds",      "tu"};
  for (std::string_view name : kNames) {
    if (EqualsIgnoreCase(word, name)) return true;
  }
  return false;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::optional<std::string> MakeDate(int y, int m, int d) {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 ||
      d > DaysInMonth(y, m)) {
    return std::nullopt;
  }
  std::string date = "0000-00-00";
  for (int i = 3; i >= 0; --i, y /= 10)
    date[i] = static_cast<char>('0' + y % 10);
  date[5] = static_cast<char>('0' + m / 10);
  date[6] = static_cast<char>('0' + m % 10);
  date[8] = static_cast<char>('0' + d / 10);
  date[9] = static_cast<char>('0' + d % 10);
  return date;
}

// A cursor over one line; every Read* either consumes what it read and
// returns true, or leaves the position unchanged.
class Scanner {
 public:
  explicit Scanner(std::string_view s, size_t pos = 0) : s_(s), pos_(pos) {}

  size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  size_t SkipSpaces() {
    size_t start = pos_;
    while (!AtEnd() && IsSpace(s_[pos_])) ++pos_;
    return pos_ - start;
  }
  bool ReadChar(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }
  std::string_view ReadWord() {
    size_t start = pos_;
    while (!AtEnd() && IsAsciiAlpha(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // Reads between min and max digits; fails (consuming nothing) if the run of
  // digits is shorter or longer.
  bool ReadNumber(int min_digits, int max_digits, int* value) {
    size_t end = pos_;
    while (end < s_.size() && IsDigit(s_[end])) ++end;
    int n = static_cast<int>(end - pos_);
    if (n < min_digits || n > max_digits) return false;
    int v = 0;
    for (size_t i = pos_; i < end; ++i) v = v * 10 + (s_[i] - '0');
    *value = v;
    pos_ = end;
    return true;
  }
  // True when the date ends here: not in the middle of a word or number.
  bool AtBoundary() const {
    char c = Peek();
    return AtEnd() || !(IsDigit(c) || IsAsciiAlpha(c));
  }
  void Reset(size_t pos) { pos_ = pos; }

 private:
  std::string_view s_;
  size_t pos_;
};

// Skips "st", "nd", "rd", "th" after a day number.
void SkipOrdinal(Scanner& sc) {
  size_t start = sc.pos();
  std::string_view suffix = sc.ReadWord();
  if (suffix.empty()) return;
  if (!(EqualsIgnoreCase(suffix, "st") || EqualsIgnoreCase(suffix, "nd") ||
        EqualsIgnoreCase(suffix, "rd") || EqualsIgnoreCase(suffix, "th"))) {
    sc.Reset(start);
  }
}

// "2015-08-21" at the cursor.
std::optional<std::string> ParseIso(Scanner& sc) {
  size_t start = sc.pos();
  int y = 0, m = 0, d = 0;
  if (sc.ReadNumber(4, 4, &y) && sc.ReadChar('-') && sc.ReadNumber(2, 2, &m) &&
      sc.ReadChar('-') && sc.ReadNumber(2, 2, &d) && sc.AtBoundary()) {
    if (auto date = MakeDate(y, m, d)) return date;
  }
  sc.Reset(start);
  return std::nullopt;
}

// Reads the year after a day or month; without one, falls back to
// `fallback_year` when the date clearly ends there.
bool ReadYear(Scanner& sc, int fallback_year, int* year) {
  size_t start = sc.pos();
  sc.ReadChar(',');
  if (sc.SkipSpaces() > 0 || sc.pos() > start) {
    if (sc.ReadNumber(4, 4, year) && sc.AtBoundary()) return true;
  }
  sc.Reset(start);
  // Without a year, only the wire-service form counts ("Aug 21 (Reuters) -",
  // "Aug 21 - "): a bare "March 15 marked..." opens many ordinary sentences.
  if (fallback_year > 0 && sc.AtBoundary()) {
    sc.SkipSpaces();
    char c = sc.Peek();
    bool dash = sc.Peek() == '\xE2' && sc.Peek(1) == '\x80' &&
                (sc.Peek(2) == '\x93' || sc.Peek(2) == '\x94');
    sc.Reset(start);
    if (c == '(' || c == '-' || dash) {
      *year = fallback_year;
      return true;
    }
  }
  return false;
}

// "August 21, 2015", "Aug. 21 2015", "21 August 2015", "21st Aug. 2015", and
// ISO dates, at the cursor (after an optional weekday).
std::optional<std::string> ParseDateAt(Scanner& sc, int fallback_year) {
  size_t start = sc.pos();
  // Weekday: "Friday, ", "Fri. ", "Fri, ".
  {
    std::string_view word = sc.ReadWord();
    if (!word.empty() && IsWeekday(word)) {
      sc.ReadChar('.');
      sc.ReadChar(',');
      if (sc.SkipSpaces() == 0) {
        sc.Reset(start);
        return std::nullopt;
      }
    } else {
      sc.Reset(start);
    }
  }
  if (IsDigit(sc.Peek())) {
    if (auto iso = ParseIso(sc)) return iso;
    // Day first: "21 August 2015".
    int day = 0, year = 0;
    if (!sc.ReadNumber(1, 2, &day)) return std::nullopt;
    SkipOrdinal(sc);
    sc.ReadChar('.');  // "21. August 2015"
    if (sc.SkipSpaces() == 0 && !sc.ReadChar('-')) return std::nullopt;
    int month = MonthNumber(sc.ReadWord());
    if (month == 0) return std::nullopt;
    sc.ReadChar('.');
    if (sc.ReadChar('-')) {  // "21-Aug-2015"
      if (!sc.ReadNumber(4, 4, &year) || !sc.AtBoundary()) return std::nullopt;
      return MakeDate(year, month, day);
    }
    if (!ReadYear(sc, fallback_year, &year)) return std::nullopt;
    return MakeDate(year, month, day);
  }
  // Month first: "August 21, 2015".
  int month = MonthNumber(sc.ReadWord());
  if (month == 0) return std::nullopt;
  sc.ReadChar('.');
  if (sc.SkipSpaces() == 0) return std::nullopt;
  int day = 0, year = 0;
  if (!sc.ReadNumber(1, 2, &day)) return std::nullopt;
  SkipOrdinal(sc);
  if (!ReadYear(sc, fallback_year, &year)) return std::nullopt;
  return MakeDate(year, month, day);
}

// Skips one place segment ("MOSCOW", "D.C.", "Ukraine") and the comma after
// it. Places start with a capital (or a non-ASCII letter) and hold letters,
// spaces, periods, hyphens and apostrophes only.
bool SkipPlaceSegment(std::string_view line, size_t* pos) {
  size_t i = *pos;
  if (i >= line.size()) return false;
  unsigned char first = static_cast<unsigned char>(line[i]);
  if (!(IsUpper(line[i]) || first >= 0x80)) return false;
  size_t start = i;
  while (i < line.size() && i - start <= kMaxPlaceBytes) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == ',' || c == ':') break;
    if (!(IsAsciiAlpha(line[i]) || c >= 0x80 || c == ' ' || c == '.' ||
          c == '-' || c == '\'' || c == '&')) {
      return false;
    }
    ++i;
  }
  if (i >= line.size() || i - start > kMaxPlaceBytes) return false;
  ++i;  // The comma or colon.
  while (i < line.size() && IsSpace(line[i])) ++i;
  *pos = i;
  return true;
}

}  // namespace

std::optional<std::string> ParseDateline(std::string_view line,
                                         int fallback_year) {
  if (fallback_year < 1000 || fallback_year > 9999) fallback_year = 0;
  size_t pos = 0;
  while (pos < line.size() && IsSpace(line[pos])) ++pos;
  for (int segment = 0; segment <= kMaxPlaceSegments; ++segment) {
    Scanner sc(line, pos);
    if (auto date = ParseDateAt(sc, fallback_year)) return date;
    if (!SkipPlaceSegment(line, &pos)) break;
  }
  return std::nullopt;
}

std::optional<std::string> ParseDateline(std::string_view line) {
  return ParseDateline(line, 0);
}

std::optional<std::string> NormalizeDate(std::string_view value) {
  while (!value.empty() && (IsSpace(value.front()) || value.front() == '\n' ||
                            value.front() == '\r')) {
    value.remove_prefix(1);
  }
  Scanner sc(value);
  int y = 0, m = 0, d = 0;
  if (sc.ReadNumber(4, 4, &y)) {
    // "2015-08-21", "2015/8/21", "2015.08.21", optionally followed by a time.
    char sep = sc.Peek();
    if ((sep == '-' || sep == '/' || sep == '.') && sc.ReadChar(sep) &&
        sc.ReadNumber(1, 2, &m) && sc.ReadChar(sep) &&
        sc.ReadNumber(1, 2, &d) && !IsDigit(sc.Peek())) {
      return MakeDate(y, m, d);
    }
    return std::nullopt;
  }
  if (sc.ReadNumber(8, 8, &y) && (sc.AtEnd() || sc.Peek() == 'T')) {
    return MakeDate(y / 10000, y / 100 % 100, y % 100);
  }
  return ParseDateline(value);
}

}  // namespace entente
