#include "time/calendar.h"

#include <cstdio>

namespace entente::time_internal {

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
  return out;
}

int WeekdayOfDays(int64_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

bool ParseIsoDate(std::string_view s, CivilDate* out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const size_t begins[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = begins[p]; i < begins[p] + lengths[p]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[p] = parts[p] * 10 + (s[i] - '0');
    }
  }
  if (!IsValidDate(parts[0], parts[1], parts[2])) return false;
  *out = {parts[0], parts[1], parts[2]};
  return true;
}

void AddMonths(int* year, int* month, int months) {
  int index = *year * 12 + (*month - 1) + months;
  *year = index / 12;
  *month = index % 12 + 1;
}

std::string FormatDay(const CivilDate& d) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", d.year, d.month,
                d.day);
  return buffer;
}

std::string FormatMonth(int year, int month) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d", year, month);
  return buffer;
}

std::string FormatYear(int year) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d", year);
  return buffer;
}

std::string FormatIsoWeek(int64_t days) {
  // The ISO week belongs to the year of its Thursday.
  const int64_t thursday = days - WeekdayOfDays(days) + 3;
  const int year = CivilFromDays(thursday).year;
  const int week =
      static_cast<int>((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-W%02d", year, week);
  return buffer;
}

}  // namespace entente::time_internal
