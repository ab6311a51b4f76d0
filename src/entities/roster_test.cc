#include "entities/roster.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "entities/gazetteer.h"

namespace entente {
namespace {

// Invented people, real country codes.
constexpr char kTable[] =
    "# NAME\tCODE\tFROM\tTO\tOFFICE\tSURNAME\tVARIANTS\n"
    "Zorba Kamenev\tIRNGOV\t2013-08-03\t2017-08-03\tpresident\t\t"
    "Kamenev|Zorba Kamenov\n"
    "Zorba Kamenev\tIGOUNO\t2019-01-01\t\tsecretary-general\n"
    "\n"
    "Li Wenqiang\tCHNGOV\t2012-03-15\t\tpremier\tLi\n"
    "Ödön Çelikoğlu\tTURGOV\t2010-01-01\t2011-01-01\tminister\n";

TEST(RosterTest, CodeFollowsTheDate) {
  auto r = Roster::Parse(kTable, "t.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const RosterPerson* p = r->FindName(Roster::Key("Zorba Kamenev"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->CodeOn(20150101), "IRNGOV");
  EXPECT_EQ(p->CodeOn(20130803), "IRNGOV");  // FROM is inclusive.
  EXPECT_EQ(p->CodeOn(20170803), "");        // TO is exclusive.
  EXPECT_EQ(p->CodeOn(20120101), "");        // Before any role.
  EXPECT_EQ(p->CodeOn(20180101), "");        // Between roles.
  EXPECT_EQ(p->CodeOn(20260101), "IGOUNO");  // Open-ended role.
  // Undated: the role that started last.
  EXPECT_EQ(p->CodeOn(0), "IGOUNO");
  EXPECT_EQ(p->roles.size(), 2u);
}

TEST(RosterTest, NamesShortFormsAndSurnames) {
  auto r = Roster::Parse(kTable, "t.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const RosterPerson* kamenev = r->FindName("KAMENEV");  // A short form.
  ASSERT_NE(kamenev, nullptr);
  EXPECT_EQ(kamenev->name, "Zorba Kamenev");
  EXPECT_EQ(r->FindName("ZORBA KAMENOV"), kamenev);
  EXPECT_EQ(r->FindName("ZORBA"), nullptr);  // First names are not names.
  // The surname: the last word, or the SURNAME column.
  ASSERT_EQ(r->FindSurname("KAMENEV").size(), 1u);
  ASSERT_EQ(r->FindSurname("LI").size(), 1u);
  EXPECT_EQ(r->FindSurname("LI")[0]->name, "Li Wenqiang");
  EXPECT_TRUE(r->FindSurname("WENQIANG").empty());
  EXPECT_TRUE(r->StartsName("ZORBA"));
  EXPECT_FALSE(r->StartsName("KAMENOV"));
  EXPECT_EQ(r->max_words(), 2);
  // Accents are matched without them.
  EXPECT_NE(r->FindName("ODON CELIKOGLU"), nullptr);
}

TEST(RosterTest, KeyFoldsAccentsCaseAndHyphens) {
  EXPECT_EQ(Roster::Key("Recep Tayyip Erdoğan"), "RECEP TAYYIP ERDOGAN");
  EXPECT_EQ(Roster::Key("Mevlüt Çavuşoğlu"), "MEVLUT CAVUSOGLU");
  EXPECT_EQ(Roster::Key("Aleksandar Vučić"), "ALEKSANDAR VUCIC");
  EXPECT_EQ(Roster::Key("Binali Yıldırım"), "BINALI YILDIRIM");
  EXPECT_EQ(Roster::Key("Klaus Iohannis Ștefan"), "KLAUS IOHANNIS STEFAN");
  EXPECT_EQ(Roster::Key("Adil  Abdul-Mahdi"), "ADIL ABDUL MAHDI");
  EXPECT_EQ(Roster::Key("Sa\xE2\x80\x99"
                        "ar"),
            "SA'AR");
  // Letters without a plain base are kept as they are.
  EXPECT_EQ(Roster::Key("Straße"),
            "STRA\xC3\x9F"
            "E");
}

TEST(RosterTest, FitsOnlyNamesOfThePerson) {
  auto r = Roster::Parse(
      "Bashar al-Assad\tSYRGOV\t2000-07-17\t2024-12-08\tpresident\t\tAssad\n",
      "t.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const RosterPerson* p = r->FindName("ASSAD");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->Fits("Assad"));
  EXPECT_TRUE(p->Fits("Bashar al-Assad"));
  EXPECT_TRUE(p->Fits("Bashar Assad"));  // Particles are optional.
  EXPECT_TRUE(p->Fits("Bashar Hafez al-Assad"));
  EXPECT_FALSE(p->Fits("Maher al-Assad"));
  EXPECT_FALSE(p->Fits("Asma Assad"));
}

TEST(RosterTest, BadRowsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"# ok\nZorba Kamenev\tIRNGOV\t2013-08-03\n", "t.tsv:2: expected"},
      {"Zorba Kamenev\tirngov\t2013-08-03\t\n", "t.tsv:1: code 'irngov'"},
      {"Zorba Kamenev\tIRNGO\t2013-08-03\t\n", "t.tsv:1: code 'IRNGO'"},
      {"Zorba Kamenev\tIRNGOV\t2013-13-03\t\n", "t.tsv:1: start date"},
      {"Zorba Kamenev\tIRNGOV\t130803\t\n", "t.tsv:1: start date"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t2013/09/01\n", "t.tsv:1: end date"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t2013-08-03\n",
       "t.tsv:1: end date 2013-08-03 is not after"},
      {"Kamenev\tIRNGOV\t2013-08-03\t\n", "t.tsv:1: name 'Kamenev' is not"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t\t\tZorba Kamenev\n",
       "t.tsv:1: surname"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t\t\t\tKamenev||Zorba K\n",
       "t.tsv:1: empty variant"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t\t\t\tKamenev\n"
       "Ilya Kamenev\tRUSGOV\t2013-08-03\t\t\t\tKamenev\n",
       "t.tsv:2: name 'Kamenev' already names Zorba Kamenev (line 1)"},
      {"Zorba Kamenev\tIRNGOV\t2013-08-03\t\t\tKamenev\n"
       "Zorba Kamenev\tIRNGOV\t2019-08-03\t\t\tZorba\n",
       "t.tsv:2: surname 'Zorba' differs"},
  };
  for (const Case& c : cases) {
    auto r = Roster::Parse(c.text, "t.tsv");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << r.status().message();
  }
}

// The shipped data/officials.tsv: it parses, names real CAMEO states or
// IGOs, and no person holds two roles with different codes at once.
TEST(RosterTest, ShippedRosterIsConsistent) {
  auto r = Roster::BuiltIn();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->people().size(), 300u);
  auto gazetteer = Gazetteer::BuiltIn();
  ASSERT_TRUE(gazetteer.ok());
  for (const RosterPerson& p : r->people()) {
    ASSERT_FALSE(p.roles.empty()) << p.name;
    for (size_t a = 0; a < p.roles.size(); ++a) {
      const RosterRole& x = p.roles[a];
      if (!x.code.starts_with("IGO")) {
        EXPECT_FALSE(gazetteer->CountryName(x.code.substr(0, 3)).empty())
            << "line " << x.line << ": " << x.code;
      }
      for (size_t b = a + 1; b < p.roles.size(); ++b) {
        const RosterRole& y = p.roles[b];
        const bool overlap =
            (x.to == 0 || y.from < x.to) && (y.to == 0 || x.from < y.to);
        EXPECT_FALSE(overlap && x.code != y.code)
            << p.name << ": lines " << x.line << " and " << y.line;
      }
    }
  }
  // A sample of well-known roles.
  const std::map<std::string, std::pair<int32_t, std::string>> sample = {
      {"DONALD TRUMP", {20190601, "USAGOV"}},
      {"RECEP TAYYIP ERDOGAN", {20190601, "TURGOV"}},
      {"NETANYAHU", {20200101, "ISRGOV"}},
      {"ANTONIO GUTERRES", {20200101, "IGOUNO"}},
      {"JENS STOLTENBERG", {20200101, "IGOWSTNAT"}},
  };
  for (const auto& [name, expected] : sample) {
    const RosterPerson* p = r->FindName(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->CodeOn(expected.first), expected.second) << name;
  }
  EXPECT_EQ(r->FindName("DONALD TRUMP")->CodeOn(20150601), "");
  EXPECT_EQ(r->FindName("DONALD TRUMP")->CodeOn(20220601), "");
}

}  // namespace
}  // namespace entente
