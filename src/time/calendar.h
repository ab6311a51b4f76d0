// Proleptic Gregorian calendar arithmetic on day numbers, for the time stage.
// Day numbers count days since 1970-01-01 (negative before it); the
// conversion is Howard Hinnant's days_from_civil / civil_from_days, exact for
// every year the time stage produces.
#ifndef ENTENTE_TIME_CALENDAR_H_
#define ENTENTE_TIME_CALENDAR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace entente::time_internal {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// True for a real calendar date (year 1..9999).
bool IsValidDate(int year, int month, int day);

int64_t DaysFromCivil(int year, int month, int day);
inline int64_t DaysFromCivil(const CivilDate& d) {
  return DaysFromCivil(d.year, d.month, d.day);
}
CivilDate CivilFromDays(int64_t days);

// 0 = Monday … 6 = Sunday.
int WeekdayOfDays(int64_t days);

// Parses exactly "YYYY-MM-DD" (a real date); false otherwise.
bool ParseIsoDate(std::string_view s, CivilDate* out);

// Adds `months` (may be negative) to year/month; the day is not used.
void AddMonths(int* year, int* month, int months);

// ISO 8601 renderings: "2024-05-19", "2024-05", "2024", "2024-W20" (the ISO
// week containing the day, whose year may differ from the calendar year).
std::string FormatDay(const CivilDate& d);
std::string FormatMonth(int year, int month);
std::string FormatYear(int year);
std::string FormatIsoWeek(int64_t days);

}  // namespace entente::time_internal

#endif  // ENTENTE_TIME_CALENDAR_H_
