#include <string>
#include <string_view>
#include <vector>

#include "entente/time.h"
#include "gtest/gtest.h"
#include "time/calendar.h"

namespace entente {
namespace {

// Sentences split at ". ", "? ", "! " and blank lines: enough for these
// tests, and independent of the tokenizer in src/text.
std::vector<Sentence> SimpleSentences(std::string_view text) {
  std::vector<Sentence> out;
  uint32_t start = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    bool end = false;
    uint32_t stop = i + 1;
    if ((text[i] == '.' || text[i] == '?' || text[i] == '!') &&
        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      end = true;
    } else if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      end = true;
      stop = i;
    }
    if (end) {
      while (start < stop && text[start] == ' ') ++start;
      if (start < stop) out.push_back({start, stop, 0, 0});
      start = i + 1;
    }
  }
  while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) {
    ++start;
  }
  if (start < text.size()) {
    out.push_back({start, static_cast<uint32_t>(text.size()), 0, 0});
  }
  return out;
}

std::vector<DateMention> Find(std::string_view text, std::string_view date) {
  return FindDates(text, {}, SimpleSentences(text), date);
}

// The single date found in `text`, or a failing expectation.
DateMention One(std::string_view text, std::string_view date) {
  std::vector<DateMention> found = Find(text, date);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? DateMention{} : found[0];
}

TEST(CalendarTest, RoundTripsAndWeekdays) {
  using namespace time_internal;
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  CivilDate d = CivilFromDays(DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(FormatDay(d), "2024-02-29");
  EXPECT_EQ(WeekdayOfDays(DaysFromCivil(2015, 8, 21)), 4);  // Friday.
  EXPECT_EQ(FormatIsoWeek(DaysFromCivil(2024, 7, 13)), "2024-W28");
  EXPECT_EQ(FormatIsoWeek(DaysFromCivil(2021, 1, 1)), "2020-W53");
  EXPECT_EQ(FormatIsoWeek(DaysFromCivil(2019, 12, 30)), "2020-W01");
  CivilDate parsed;
  EXPECT_TRUE(ParseIsoDate("2015-08-21", &parsed));
  EXPECT_FALSE(ParseIsoDate("2015-02-30", &parsed));
  EXPECT_FALSE(ParseIsoDate("", &parsed));
}

TEST(FindDatesTest, AbsoluteForms) {
  const char* kDoc = "2024-07-13";
  EXPECT_EQ(One("It happened on August 21, 2015 in Kyiv.", kDoc).value,
            "2015-08-21");
  EXPECT_EQ(One("It happened on 21 August 2015.", kDoc).value, "2015-08-21");
  EXPECT_EQ(One("Filed 21/08/2015 at noon.", kDoc).value, "2015-08-21");
  EXPECT_EQ(One("Filed 2015-08-21 at noon.", kDoc).value, "2015-08-21");
  EXPECT_EQ(One("Filed Aug. 21, 2015 at noon.", kDoc).value, "2015-08-21");
  EXPECT_EQ(One("MARCH 3, 2021", kDoc).value, "2021-03-03");
  DateMention d = One("Friday, August 21, 2015\n\nThe talks ended.", kDoc);
  EXPECT_EQ(d.text, "Friday, August 21, 2015");
  EXPECT_EQ(d.value, "2015-08-21");
  EXPECT_EQ(d.granularity, "day");
  EXPECT_EQ(d.type, "date");
  d = One("Prices rose in May 2014.", kDoc);
  EXPECT_EQ(d.text, "May 2014");
  EXPECT_EQ(d.value, "2014-05");
  EXPECT_EQ(d.granularity, "month");
}

TEST(FindDatesTest, UsOrderWhenTheDayCannotBeAMonth) {
  EXPECT_EQ(One("Filed 08/21/2015.", "2024-07-13").value, "2015-08-21");
}

TEST(FindDatesTest, OffsetsAndSentence) {
  std::string text = "Talks began. He came after the crash on 19 May.";
  std::vector<DateMention> found = Find(text, "2024-07-13");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start),
            "19 May");
  EXPECT_EQ(found[0].text, "19 May");
  EXPECT_EQ(found[0].sentence, 1u);
}

TEST(FindDatesTest, YearlessDateFallsBeforePublication) {
  EXPECT_EQ(One("Raisi died in a crash on 19 May.", "2024-07-13").value,
            "2024-05-19");
  // After the publication day in the calendar year: the previous year.
  EXPECT_EQ(One("The treaty was signed on 19 August.", "2024-07-13").value,
            "2023-08-19");
  EXPECT_EQ(One("It was signed on May 19.", "2024-07-13").value, "2024-05-19");
}

TEST(FindDatesTest, FutureTenseMovesYearlessDateForward) {
  EXPECT_EQ(One("The summit will take place on 19 May.", "2024-07-13").value,
            "2025-05-19");
  EXPECT_EQ(One("Elections are scheduled for 3 November.", "2024-07-13").value,
            "2024-11-03");
}

TEST(FindDatesTest, TenseCues) {
  // "due to" a cause is not the future "due to be held".
  EXPECT_EQ(One("He died in a crash on 19 May due to fog.", "2024-07-13").value,
            "2024-05-19");
  EXPECT_EQ(One("The vote is due to be held on 19 May.", "2024-07-13").value,
            "2025-05-19");
  EXPECT_EQ(One("The vote is to be held on 20 November.", "2024-07-13").value,
            "2024-11-20");
  EXPECT_EQ(
      One("Talks resume on 20 November, they'll say.", "2024-07-13").value,
      "2024-11-20");
  // Reported future: "would" in a sentence about an arrangement.
  EXPECT_EQ(
      One("Both sides said they would meet again on 17 March.", "2026-03-03")
          .value,
      "2026-03-17");
}

TEST(FindDatesTest, WeekdayPicksTheYearOfAYearlessDate) {
  // Past reading would be 2019-01-21 (a Monday); Tuesday puts it in 2020.
  EXPECT_EQ(
      One("The trial may start on Tuesday, January 21.", "2020-01-15").value,
      "2020-01-21");
}

TEST(FindDatesTest, YearWordAfterDate) {
  DateMention d =
      One("The festival runs through March 11 this year.", "2007-03-05");
  EXPECT_EQ(d.text, "March 11 this year");
  EXPECT_EQ(d.value, "2007-03-11");
  EXPECT_EQ(One("It ended on 3 May last year.", "2007-03-05").value,
            "2006-05-03");
}

TEST(FindDatesTest, RecentFullDateAnchorsYearlessDate) {
  std::vector<DateMention> found =
      Find("He made his debut on September 1, 2012. On September 4, he scored.",
           "2011-04-13");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].value, "2012-09-04");
  found =
      Find("In 2013, he was injured. He was called up May 17.", "2018-09-12");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].value, "2013-05-17");
}

TEST(FindDatesTest, JanuaryArticleReferringToPreviousDecember) {
  EXPECT_EQ(One("The ceasefire began on December 28.", "2015-01-05").value,
            "2014-12-28");
  EXPECT_EQ(One("Protests started in December.", "2015-01-05").value,
            "2014-12");
}

TEST(FindDatesTest, WeekdayJustAfterYearBoundary) {
  // 2015-01-02 is a Friday; the Tuesday before is in the previous year.
  DateMention d = One("The minister resigned on Tuesday.", "2015-01-02");
  EXPECT_EQ(d.text, "Tuesday");
  EXPECT_EQ(d.value, "2014-12-30");
  // "last week" across the boundary is an ISO week of the previous year.
  EXPECT_EQ(One("It was agreed last week.", "2021-01-06").value, "2020-W53");
}

TEST(FindDatesTest, Weekdays) {
  // 2024-07-13 is a Saturday.
  EXPECT_EQ(One("Talks were held on Thursday.", "2024-07-13").value,
            "2024-07-11");
  EXPECT_EQ(One("Talks were held last Saturday.", "2024-07-13").value,
            "2024-07-06");
  EXPECT_EQ(One("They will meet on Monday.", "2024-07-13").value, "2024-07-15");
  EXPECT_EQ(One("They meet next Saturday.", "2024-07-13").value, "2024-07-20");
  DateMention d = One("Shelling resumed Thursday night.", "2024-07-13");
  EXPECT_EQ(d.text, "Thursday night");
  EXPECT_EQ(d.value, "2024-07-11");
  EXPECT_TRUE(Find("Crowds gathered on Good Friday.", "2024-07-13").empty());
}

TEST(FindDatesTest, DeicticDays) {
  EXPECT_EQ(One("He arrived yesterday.", "2015-08-21").value, "2015-08-20");
  EXPECT_EQ(One("Today the talks resume.", "2015-08-21").value, "2015-08-21");
  EXPECT_EQ(One("He leaves tomorrow.", "2015-08-21").value, "2015-08-22");
  EXPECT_EQ(One("Fighting broke out last night.", "2015-08-21").value,
            "2015-08-20");
  EXPECT_EQ(One("He spoke this afternoon.", "2015-08-21").value, "2015-08-21");
  EXPECT_EQ(One("It ended the day before yesterday.", "2015-08-21").value,
            "2015-08-19");
}

TEST(FindDatesTest, PartialAndRelativePeriods) {
  const char* kDoc = "2024-07-13";
  DateMention d = One("The law passed in May.", kDoc);
  EXPECT_EQ(d.text, "May");
  EXPECT_EQ(d.value, "2024-05");
  EXPECT_EQ(One("Sanctions were imposed in 2014.", kDoc).value, "2014");
  EXPECT_EQ(One("Sanctions were imposed in 2014.", kDoc).granularity, "year");
  EXPECT_EQ(One("Trade grew last year.", kDoc).value, "2023");
  EXPECT_EQ(One("Trade grew last month.", kDoc).value, "2024-06");
  EXPECT_EQ(One("Trade will grow next month.", kDoc).value, "2024-08");
  EXPECT_EQ(One("Trade grew this week.", kDoc).value, "2024-W28");
  d = One("Trade grew last week.", kDoc);
  EXPECT_EQ(d.value, "2024-W27");
  EXPECT_EQ(d.granularity, "week");
  EXPECT_EQ(One("Talks resume in May next year.", kDoc).value, "2025-05");
}

TEST(FindDatesTest, Ago) {
  const char* kDoc = "2024-07-13";
  EXPECT_EQ(One("He left two days ago.", kDoc).value, "2024-07-11");
  EXPECT_EQ(One("He left 3 weeks ago.", kDoc).value, "2024-W25");
  EXPECT_EQ(One("He left a month ago.", kDoc).value, "2024-06");
  EXPECT_EQ(One("He left ten years ago.", kDoc).value, "2014");
}

TEST(FindDatesTest, PartOfDayOfDate) {
  DateMention d =
      One("On the morning of 20 May, Iran confirmed the deaths.", "2024-07-13");
  EXPECT_EQ(d.text, "the morning of 20 May");
  EXPECT_EQ(d.value, "2024-05-20");
}

TEST(FindDatesTest, DurationsAreKeptApart) {
  DateMention d = One("They must leave within 48 hours.", "2024-07-13");
  EXPECT_EQ(d.text, "48 hours");
  EXPECT_EQ(d.type, "duration");
  EXPECT_EQ(d.value, "PT48H");
  EXPECT_EQ(d.granularity, "hour");
  d = One("He was jailed for two years.", "2024-07-13");
  EXPECT_EQ(d.type, "duration");
  EXPECT_EQ(d.value, "P2Y");
  d = One("A three-day visit began.", "2024-07-13");
  EXPECT_EQ(d.value, "P3D");
  EXPECT_EQ(d.type, "duration");
  // An age and a repetition are neither dates nor durations.
  EXPECT_TRUE(Find("A 20-year-old man was hurt.", "2024-07-13").empty());
  EXPECT_TRUE(Find("He was 20 years old.", "2024-07-13").empty());
  EXPECT_TRUE(Find("Polls are held every four years.", "2024-07-13").empty());
}

TEST(FindDatesTest, NotDates) {
  const char* kDoc = "2024-07-13";
  EXPECT_TRUE(Find("It may rain. We march on.", kDoc).empty());
  EXPECT_TRUE(Find("May God protect them.", kDoc).empty());
  EXPECT_TRUE(Find("It happened in 2000 cases.", kDoc).empty());
  EXPECT_TRUE(
      Find("The score was 3-2 and 5/8 of voters agreed.", kDoc).empty());
  EXPECT_TRUE(Find("", kDoc).empty());
}

TEST(FindDatesTest, BoundaryOfPeriod) {
  DateMention d = One("Rules are due by the end of the year.", "2006-02-23");
  EXPECT_EQ(d.text, "the end of the year");
  EXPECT_EQ(d.value, "2006-12-31");
  EXPECT_EQ(One("It opens at the beginning of March 2020.", "2006-02-23").value,
            "2020-03-01");
}

TEST(FindDatesTest, NarrativeTimeAnchorsYearlessDates) {
  // A biography: the document date (2001) is far from the story (1859), so
  // year-less dates are read against the last full date in the text.
  std::string text =
      "On September 17, 1859, he sent letters to the papers. He ordered the "
      "delegates to assemble on the 1st day of Feb. next. He cited his edict "
      "of the 12th of October last.";
  std::vector<DateMention> found = Find(text, "2001-11-15");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].value, "1859-09-17");
  EXPECT_EQ(found[1].text, "the 1st day of Feb. next");
  EXPECT_EQ(found[1].value, "1860-02-01");
  EXPECT_EQ(found[2].text, "the 12th of October last");
  EXPECT_EQ(found[2].value, "1858-10-12");
}

TEST(FindDatesTest, WithoutDocumentDate) {
  std::vector<DateMention> found =
      Find("He arrived yesterday. It was agreed on 21 August 2015.", "");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].text, "yesterday");
  EXPECT_EQ(found[0].value, "");
  EXPECT_EQ(found[0].granularity, "");
  EXPECT_EQ(found[1].value, "2015-08-21");
  // A later year-less date takes its year from the full date before it.
  found =
      Find("It was agreed on 21 August 2015. Talks ended on 3 September.", "");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].value, "2015-09-03");
}

TEST(FindDatesTest, InvalidCalendarDatesAreNotResolved) {
  EXPECT_TRUE(Find("Filed 31/02/2015.", "2024-07-13").empty());
  EXPECT_TRUE(Find("It happened on February 30, 2015.", "2024-07-13").empty());
}

TEST(SentenceDateTest, FirstPointDateElseDocumentDate) {
  std::string text =
      "Talks lasted two days. They met on 19 May and on 20 May. Nothing.";
  std::vector<DateMention> found = Find(text, "2024-07-13");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(SentenceDate(found, 0, "2024-07-13"), "2024-07-13");  // Duration.
  EXPECT_EQ(SentenceDate(found, 1, "2024-07-13"), "2024-05-19");
  EXPECT_EQ(SentenceDate(found, 2, "2024-07-13"), "2024-07-13");
}

}  // namespace
}  // namespace entente
