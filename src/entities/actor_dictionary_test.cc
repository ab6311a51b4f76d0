// The TABARI/PETRARCH actor dictionary loader, on a small dictionary written
// for these tests, and (Shared) on the real Phoenix country dictionary.
#include "entities/actor_dictionary.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "../../tests/test_util.h"

namespace entente {
namespace {

// Invented people and an invented country code (ZZZ), so nothing here can
// pass by accident through the built-in tables.
constexpr char kSmall[] =
    "# A test dictionary\n"
    "\n"
    "<! a one-line TABARI comment\n"
    "ZORBA_KAMENEV_  # the primary line\n"
    "+PRESIDENT_KAMENEV\n"
    "+KAMENEV\n"
    "\t[ZZZELI 740101-130803]\n"
    "\t[ZZZGOV 130803-170803]\n"
    "\t[ZZZOPP > 170803]\n"
    "\t[ZZZELI]\n"
    "ELSA_MARTINEZ_OLVERA\t[ZZZMIL 20100101-20120101][ZZZGOV 120101-140101]\n"
    "+E._MARTINEZ\n"
    "NORTHERN_ZEDLAND_  [ZZZ]  <!-- inline comment --> \n"
    "PRINCE_OTTO <!-- a comment that runs\n"
    "over two lines -->\n"
    "\t[ZZZGOV <990101]\n"
    "Mixed_Case_Name\t[zzzbus]\n"
    "LAST_RECORD_\t[ZZZCVL]\n";

ActorDictionary ParseOk(std::string_view text) {
  auto d = ActorDictionary::Parse(text, "test.actors");
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(d).value() : ActorDictionary();
}

std::string CodeOn(const ActorDictionary& d, std::string_view phrase,
                   std::string_view iso) {
  const ActorDictionaryEntry* e = d.Find(ActorDictionary::NormalizeKey(phrase));
  if (e == nullptr) return "(none)";
  return std::string(e->CodeOn(IsoDateToInt(iso)));
}

TEST(ActorDictionaryTest, DatedRolesBeforeInsideAndAfterThePeriod) {
  const ActorDictionary d = ParseOk(kSmall);
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2010-05-01"), "ZZZELI");
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2013-08-02"), "ZZZELI");
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2013-08-03"), "ZZZGOV");  // Start in.
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2016-01-01"), "ZZZGOV");
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2017-08-03"), "ZZZOPP");  // End out.
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "2024-01-01"), "ZZZOPP");
  // Before every period: the undated fallback.
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", "1960-01-01"), "ZZZELI");
  // No document date: the undated fallback too.
  EXPECT_EQ(CodeOn(d, "Zorba Kamenev", ""), "ZZZELI");
}

TEST(ActorDictionaryTest, SynonymsShareTheRecordsCodes) {
  const ActorDictionary d = ParseOk(kSmall);
  EXPECT_EQ(CodeOn(d, "President Kamenev", "2015-01-01"), "ZZZGOV");
  EXPECT_EQ(CodeOn(d, "KAMENEV", "2015-01-01"), "ZZZGOV");
  EXPECT_EQ(CodeOn(d, "kamenev", "2018-01-01"), "ZZZOPP");
  EXPECT_EQ(d.Find("KAMENEV")->name, "ZORBA KAMENEV");
}

TEST(ActorDictionaryTest, InlineCodesTabsYearFormatsAndNoFallback) {
  const ActorDictionary d = ParseOk(kSmall);
  EXPECT_EQ(CodeOn(d, "Elsa Martinez Olvera", "2011-06-01"), "ZZZMIL");
  EXPECT_EQ(CodeOn(d, "E. Martinez", "2013-06-01"), "ZZZGOV");
  // Outside both periods and no undated code: no code.
  EXPECT_EQ(CodeOn(d, "Elsa Martinez Olvera", "2015-01-01"), "");
  EXPECT_EQ(CodeOn(d, "Northern Zedland", "2015-01-01"), "ZZZ");
}

TEST(ActorDictionaryTest, CommentsQuirksAndTheLastRecord) {
  const ActorDictionary d = ParseOk(kSmall);
  // The code line after a two-line comment still belongs to PRINCE OTTO.
  EXPECT_EQ(CodeOn(d, "Prince Otto", "1990-01-01"), "ZZZGOV");
  EXPECT_EQ(CodeOn(d, "Prince Otto", "2000-01-01"), "");
  // Mixed case lines match (the reference reader can never match them).
  EXPECT_EQ(CodeOn(d, "Mixed Case Name", ""), "ZZZBUS");
  EXPECT_EQ(CodeOn(d, "mixed-case name", ""), "ZZZBUS");
  // The reference reader drops the last record of a file; we keep it.
  EXPECT_EQ(CodeOn(d, "Last Record", ""), "ZZZCVL");
  EXPECT_EQ(d.Find("ONE"), nullptr);
  EXPECT_EQ(d.size(), 9u);
  EXPECT_EQ(d.max_words(), 3);
  EXPECT_TRUE(d.StartsPhrase("ELSA"));
  EXPECT_FALSE(d.StartsPhrase("MARTINEZ"));
}

TEST(ActorDictionaryTest, APhraseInSeveralRecordsAccumulatesCodes) {
  const ActorDictionary d = ParseOk(
      "ZEDLAND [ZZZ]\n"
      "OTHER_NAME\n"
      "+ZEDLAND\n"
      "\t[ZZZREB 900101-950101]\n");
  // The first record's undated code is only a fallback for the second's
  // dated one.
  EXPECT_EQ(CodeOn(d, "Zedland", "1992-01-01"), "ZZZREB");
  EXPECT_EQ(CodeOn(d, "Zedland", "1996-01-01"), "ZZZ");
}

TEST(ActorDictionaryTest, MalformedLinesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"ZEDLAND\n\t[ZZZGOV 130803-1708]\n", "test.actors:2: date '1708'"},
      {"ZEDLAND\n\t[ZZZGOV 131303-170803]\n", "test.actors:2: date '131303'"},
      {"ZEDLAND\n\t[ZZZGOV 130803\n", "test.actors:2: '[' without"},
      {"ZEDLAND\n\t[ ]\n", "test.actors:2: empty code"},
      {"# c\n+ZED\n", "test.actors:2: synonym '+ZED' before any actor"},
      {"[ZZZ]\n", "test.actors:1: code line '[ZZZ]' before any actor"},
      {"ZEDLAND\t[ZZ%Z]\n", "test.actors:1: code 'ZZ%Z'"},
      {"ZEDLAND <!-- open\n", "test.actors: '<!--' comment not closed"},
  };
  for (const Case& c : cases) {
    auto d = ActorDictionary::Parse(c.text, "test.actors");
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_NE(d.status().message().find(c.message), std::string::npos)
        << d.status().message();
  }
}

TEST(ActorDictionaryTest, MissingFileIsNotFound) {
  auto d = ActorDictionary::Load("/nonexistent/dir/x.actors.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
  EXPECT_NE(d.status().message().find("/nonexistent/dir/x.actors.txt"),
            std::string::npos);
}

TEST(ActorDictionaryTest, MergeKeepsBothDictionaries) {
  ActorDictionary a = ParseOk("ZEDLAND [ZZZ]\n");
  const ActorDictionary b = ParseOk("ZEDLAND\n[ZZZGOV >200101]\nYLAND [YYY]\n");
  a.Merge(b);
  EXPECT_EQ(CodeOn(a, "Zedland", "2021-01-01"), "ZZZGOV");
  EXPECT_EQ(CodeOn(a, "Zedland", "1999-01-01"), "ZZZ");
  EXPECT_EQ(CodeOn(a, "Yland", ""), "YYY");
}

TEST(ActorDictionarySharedTest, LoadsThePhoenixCountriesDictionary) {
  ENTENTE_REQUIRE_SHARED("petrarch/Phoenix.Countries.actors.txt");
  const auto path =
      testing::SharedDir() / "petrarch" / "Phoenix.Countries.actors.txt";
  const auto started = std::chrono::steady_clock::now();
  auto d = ActorDictionary::Load(path.string());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // FORMATS.md counts 25,917 phrases in this file; some repeat.
  EXPECT_GT(d->size(), 24000u);
  EXPECT_LT(d->size(), 26000u);
  EXPECT_LT(seconds, 2.0) << "loading took " << seconds << " s";
  // Ahmadinejad: elite, then president 2005-08-03 to 2013-08-03, then elite.
  EXPECT_EQ(CodeOn(*d, "Mahmoud Ahmadinejad", "2009-06-12"), "IRNGOV");
  EXPECT_EQ(CodeOn(*d, "Ahmadinejad", "2015-01-01"), "IRNELI");
  EXPECT_EQ(CodeOn(*d, "President Ahmadinejad", "2013-08-02"), "IRNGOV");
  EXPECT_EQ(CodeOn(*d, "Afghanistan", ""), "AFG");
  EXPECT_EQ(CodeOn(*d, "Afghan", "2020-01-01"), "AFG");
  // The file's last record, which the reference reader drops.
  EXPECT_NE(d->Find("WITNESS MANGWENDE"), nullptr);
}

}  // namespace
}  // namespace entente
