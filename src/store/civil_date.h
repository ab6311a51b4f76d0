// Calendar arithmetic on ISO dates, for clustering (±1 day) and timelines.
#ifndef ENTENTE_STORE_CIVIL_DATE_H_
#define ENTENTE_STORE_CIVIL_DATE_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace entente::store {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// algorithm).
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

constexpr CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// The day number of "YYYY-MM-DD" (a longer value such as a timestamp is cut
// to its first 10 characters); nullopt when it is not a full, real date.
inline std::optional<int64_t> DayNumber(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int v[8];
  const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    char c = iso[pos[i]];
    if (c < '0' || c > '9') return std::nullopt;
    v[i] = c - '0';
  }
  int year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
  unsigned month = v[4] * 10 + v[5], day = v[6] * 10 + v[7];
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  int64_t n = DaysFromCivil(year, month, day);
  CivilDate back = CivilFromDays(n);
  if (back.month != month || back.day != day) return std::nullopt;
  return n;
}

inline std::string IsoFromDays(int64_t days) {
  CivilDate c = CivilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u",
                static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

// ISO 8601 week of a day number: "2024-W28".
inline std::string IsoWeek(int64_t days) {
  // 1970-01-01 was a Thursday; ISO weekday 1 = Monday.
  int64_t weekday = ((days + 3) % 7 + 7) % 7 + 1;
  int64_t thursday = days - weekday + 4;  // The week's year is its Thursday's.
  CivilDate t = CivilFromDays(thursday);
  int64_t jan1 = DaysFromCivil(t.year, 1, 1);
  int64_t week = (thursday - jan1) / 7 + 1;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-W%02lld",
                static_cast<long long>(t.year), static_cast<long long>(week));
  return buf;
}

}  // namespace entente::store

#endif  // ENTENTE_STORE_CIVIL_DATE_H_
