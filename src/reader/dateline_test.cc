#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "entente/reader.h"

namespace entente {
namespace {

std::string Date(std::string_view line, int fallback_year = 0) {
  return ParseDateline(line, fallback_year).value_or("<none>");
}

TEST(DatelineTest, MonthFirst) {
  EXPECT_EQ(Date("August 21, 2015"), "2015-08-21");
  EXPECT_EQ(Date("August 21 2015"), "2015-08-21");
  EXPECT_EQ(Date("Aug. 21, 2015"), "2015-08-21");
  EXPECT_EQ(Date("Aug 21, 2015 - The ministry said"), "2015-08-21");
  EXPECT_EQ(Date("Sept. 3, 2019"), "2019-09-03");
  EXPECT_EQ(Date("sep 3, 2019"), "2019-09-03");
  EXPECT_EQ(Date("August 21st, 2015"), "2015-08-21");
  EXPECT_EQ(Date("  December 31, 1999  "), "1999-12-31");
}

TEST(DatelineTest, DayFirst) {
  EXPECT_EQ(Date("21 August 2015"), "2015-08-21");
  EXPECT_EQ(Date("21 Aug. 2015"), "2015-08-21");
  EXPECT_EQ(Date("1st March 2020"), "2020-03-01");
  EXPECT_EQ(Date("21-Aug-2015"), "2015-08-21");
  EXPECT_EQ(Date("3 May, 2021"), "2021-05-03");
}

TEST(DatelineTest, Weekday) {
  EXPECT_EQ(Date("Friday, August 21, 2015"), "2015-08-21");
  EXPECT_EQ(Date("Friday, January 4, 2019 "), "2019-01-04");
  EXPECT_EQ(Date("Fri, 21 Aug 2015 10:00:00 GMT"), "2015-08-21");
  EXPECT_EQ(Date("Tuesday 1 September 2020"), "2020-09-01");
}

TEST(DatelineTest, Iso) {
  EXPECT_EQ(Date("2015-08-21"), "2015-08-21");
  EXPECT_EQ(Date("2015-08-21 story continues"), "2015-08-21");
  EXPECT_EQ(Date("2015-02-30"), "<none>");
}

TEST(DatelineTest, PlacePrefix) {
  EXPECT_EQ(Date("MOSCOW, 21 August 2015"), "2015-08-21");
  EXPECT_EQ(Date("MOSCOW, Aug. 21, 2015 (Reuters) - Russia said"),
            "2015-08-21");
  EXPECT_EQ(Date("WASHINGTON, D.C., August 21, 2015 -"), "2015-08-21");
  EXPECT_EQ(Date("KYIV, Ukraine, Friday, August 21, 2015"), "2015-08-21");
  EXPECT_EQ(Date("S\xC3\x83O PAULO, Aug 21, 2015"), "2015-08-21");
  EXPECT_EQ(Date("Published: August 21, 2015"), "2015-08-21");
}

TEST(DatelineTest, YearlessWireDatelineNeedsFallbackYear) {
  EXPECT_EQ(Date("MOSCOW, Aug 21 (Reuters) - Russia"), "<none>");
  EXPECT_EQ(Date("MOSCOW, Aug 21 (Reuters) - Russia", 2015), "2015-08-21");
  EXPECT_EQ(Date("BEIRUT, 3 March - Lebanon", 2020), "2020-03-03");
  // A sentence that opens with a date is not a dateline.
  EXPECT_EQ(Date("March 15 marked the anniversary", 2020), "<none>");
  EXPECT_EQ(Date("Feb 30 (Reuters)", 2021), "<none>");
}

TEST(DatelineTest, RejectsNonDatelines) {
  EXPECT_EQ(Date(""), "<none>");
  EXPECT_EQ(Date("The president said on August 21, 2015 that"), "<none>");
  EXPECT_EQ(Date("August 32, 2015"), "<none>");
  EXPECT_EQ(Date("February 29, 2015"), "<none>");
  EXPECT_EQ(Date("February 29, 2016"), "2016-02-29");
  EXPECT_EQ(Date("May 5, 20000 people"), "<none>");
  EXPECT_EQ(Date("August 21, 1066"), "<none>");  // Not a news date.
  EXPECT_EQ(Date("Augustus 21, 2015"), "<none>");
  EXPECT_EQ(Date("21 Augusta 2015"), "<none>");
  EXPECT_EQ(Date("MOSCOW (Reuters) - Russia said"), "<none>");
  EXPECT_EQ(Date("Russia and China, in a joint statement, said"), "<none>");
  EXPECT_EQ(Date("123 August 2015"), "<none>");
}

TEST(DatelineTest, NormalizeDate) {
  EXPECT_EQ(NormalizeDate("2015-08-21").value_or(""), "2015-08-21");
  EXPECT_EQ(NormalizeDate("2015-08-21T23:30:00-05:00").value_or(""),
            "2015-08-21");
  EXPECT_EQ(NormalizeDate("2015-08-21T10:00:00.000Z").value_or(""),
            "2015-08-21");
  EXPECT_EQ(NormalizeDate("2015-08-21 10:00:00").value_or(""), "2015-08-21");
  EXPECT_EQ(NormalizeDate(" 2015/8/1").value_or(""), "2015-08-01");
  EXPECT_EQ(NormalizeDate("20150821").value_or(""), "2015-08-21");
  EXPECT_EQ(NormalizeDate("20150821T101010Z").value_or(""), "2015-08-21");
  EXPECT_EQ(NormalizeDate("Fri, 21 Aug 2015 10:00:00 +0000").value_or(""),
            "2015-08-21");
  EXPECT_EQ(NormalizeDate("August 21, 2015").value_or(""), "2015-08-21");
  EXPECT_FALSE(NormalizeDate("").has_value());
  EXPECT_FALSE(NormalizeDate("yesterday").has_value());
  EXPECT_FALSE(NormalizeDate("2015-13-01").has_value());
  EXPECT_FALSE(NormalizeDate("2015").has_value());
  EXPECT_FALSE(NormalizeDate("1440160000").has_value());
}

}  // namespace
}  // namespace entente
