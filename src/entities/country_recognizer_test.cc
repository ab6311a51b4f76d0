#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "entente/entities.h"
#include "entente/text.h"

namespace entente {
namespace {

class EntityRecognizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The gazetteer alone: these tests pin its behaviour; the full
    // recognizer's are in actor_recognizer_test.cc.
    EntityOptions options;
    options.gazetteer_only = true;
    auto r = EntityRecognizer::Create(options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete recognizer_;
    recognizer_ = nullptr;
  }

  static std::vector<Entity> Run(std::string_view text) {
    const std::vector<Token> tokens = Tokenize(text);
    return recognizer_->Recognize(text, tokens, SplitSentences(text, tokens));
  }

  // "Name/TYPE/CODE" for each entity, in order.
  static std::vector<std::string> Summary(std::string_view text) {
    std::vector<std::string> out;
    for (const Entity& e : Run(text)) {
      out.push_back(e.name + "/" + e.type + "/" + e.code);
    }
    return out;
  }

  static const EntityRecognizer* recognizer_;
};

const EntityRecognizer* EntityRecognizerTest::recognizer_ = nullptr;

using V = std::vector<std::string>;

TEST_F(EntityRecognizerTest, CountryNamesAndAlternates) {
  EXPECT_EQ(Summary("Iran and the Russian Federation met China."),
            (V{"Iran/GPE/IRN", "Russia/GPE/RUS", "China/GPE/CHN"}));
  EXPECT_EQ(Summary("The DPRK, Burma and Persia."),
            (V{"North Korea/GPE/PRK", "Myanmar/GPE/MMR", "Iran/GPE/IRN"}));
  // Every spelling of the US is one entity named "United States".
  std::vector<Entity> us =
      Run("The U.S. and the United States and the US and America.");
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].name, "United States");
  EXPECT_EQ(us[0].code, "USA");
  EXPECT_EQ(us[0].country, "USA");
  EXPECT_EQ(us[0].type, "GPE");
  EXPECT_EQ(us[0].mentions.size(), 4u);
  EXPECT_EQ(Summary("Kosovo and the Soviet Union."),
            (V{"Kosovo/GPE/KSV", "Soviet Union/GPE/SUN"}));
}

TEST_F(EntityRecognizerTest, DemonymsMentionTheirCountry) {
  std::vector<Entity> e = Run("Iranian officials met Russians in Iran.");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].name, "Iran");
  EXPECT_EQ(e[0].mentions.size(), 2u);
  EXPECT_EQ(e[0].mentions[0].text, "Iranian");
  EXPECT_EQ(e[0].mentions[1].text, "Iran");
  EXPECT_EQ(e[1].name, "Russia");
  EXPECT_EQ(e[1].mentions[0].text, "Russians");
}

TEST_F(EntityRecognizerTest, CapitalsAreTheirOwnEntities) {
  EXPECT_EQ(Summary("Moscow and Tehran signed; Russia agreed."),
            (V{"Moscow/GPE/RUS", "Tehran/GPE/IRN", "Russia/GPE/RUS"}));
  std::vector<Entity> e = Run("Kiev and Kyiv.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].name, "Kyiv");
  EXPECT_EQ(e[0].country, "UKR");
}

TEST_F(EntityRecognizerTest, AllCapsDatelines) {
  EXPECT_EQ(Summary("MOSCOW (Reuters) - Officials said."),
            (V{"Moscow/GPE/RUS"}));
  EXPECT_EQ(Summary("NORTH KOREA FIRES MISSILE"), (V{"North Korea/GPE/PRK"}));
  // Acronyms never match case-insensitively.
  EXPECT_EQ(Summary("Let us go."), V{});
}

TEST_F(EntityRecognizerTest, MultiWordNamesWinOverTheirParts) {
  EXPECT_EQ(Summary("Papua New Guinea and Guinea-Bissau and Guinea."),
            (V{"Papua New Guinea/GPE/PNG", "Guinea-Bissau/GPE/GNB",
               "Guinea/GPE/GIN"}));
  EXPECT_EQ(Summary("He lives in New Mexico, New Jersey and New York."),
            // Provinces are places in their state, never acting for it.
            (V{"New Mexico/GPE/", "New Jersey/GPE/", "New York/GPE/"}));
  EXPECT_EQ(Summary("South Africa is not Africa."),
            (V{"South Africa/GPE/ZAF"}));
  EXPECT_EQ(Summary("Latin American leaders visited South America."),
            (V{"South America/LOC/"}));
  EXPECT_EQ(Summary("Ships in the South China Sea."),
            (V{"South China Sea/LOC/"}));
  EXPECT_EQ(Summary("the People's Republic of China and the "
                    "People\xE2\x80\x99s Republic of China"),
            (V{"China/GPE/CHN"}));
}

TEST_F(EntityRecognizerTest, MediaOutlets) {
  std::vector<Entity> e =
      Run("He wrote in Tehran Times, according to the Tehran Times.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].name, "Tehran Times");
  EXPECT_EQ(e[0].type, "ORG");
  EXPECT_EQ(e[0].code, "IRNMED");
  EXPECT_EQ(e[0].country, "IRN");
  EXPECT_EQ(e[0].role, "MED");
  EXPECT_EQ(e[0].mentions.size(), 2u);
  EXPECT_EQ(Summary("The New York Times and China Daily reported."),
            (V{"New York Times/ORG/USAMED", "China Daily/ORG/CHNMED"}));
  EXPECT_EQ(Summary("Kyodo News Agency and the Times of India."),
            (V{"Kyodo News Agency/ORG/", "Times of India/ORG/INDMED"}));
  // Not outlets.
  EXPECT_EQ(Summary("The International Atomic Energy Agency met."), V{});
  EXPECT_EQ(Summary("They met in Times Square in New York."),
            (V{"New York/GPE/"}));
  EXPECT_EQ(Summary("In Tehran Times reported."),
            (V{"Tehran Times/ORG/IRNMED"}));
}

TEST_F(EntityRecognizerTest, ExactByteOffsetsAndSentences) {
  const std::string text =
      "Caf\xC3\xA9 owners cheered.\n\nThen Russia\xE2\x80\x99s army left "
      "Ukraine.";
  std::vector<Entity> e = Run(text);
  ASSERT_EQ(e.size(), 2u);
  const Mention& russia = e[0].mentions[0];
  EXPECT_EQ(text.substr(russia.start, russia.end - russia.start), "Russia");
  EXPECT_EQ(russia.start, text.find("Russia"));
  EXPECT_EQ(russia.sentence, 1u);
  const Mention& ukraine = e[1].mentions[0];
  EXPECT_EQ(ukraine.start, text.find("Ukraine"));
  EXPECT_EQ(ukraine.end, text.find("Ukraine") + 7);
  EXPECT_EQ(ukraine.text, "Ukraine");
  EXPECT_EQ(e[0].id, "E1");
  EXPECT_EQ(e[1].id, "E2");
}

TEST_F(EntityRecognizerTest, HyphenatedWords) {
  std::vector<Entity> e = Run("the Iran-backed militia and the U.S.-led force");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].name, "Iran");
  EXPECT_EQ(e[0].mentions[0].text, "Iran");
  EXPECT_EQ(e[0].mentions[0].start, 4u);
  EXPECT_EQ(e[1].name, "United States");
  EXPECT_EQ(e[1].mentions[0].text, "U.S.");
}

TEST_F(EntityRecognizerTest, GuardedNamesLookingLikePeople) {
  EXPECT_EQ(Summary("Michael Jordan scored. Chad Smith played."), V{});
  // A city of another state before the comma: Georgia is a province.
  EXPECT_EQ(Summary("He flew to Atlanta, Georgia, on Monday."),
            (V{"Atlanta/GPE/"}));
  EXPECT_EQ(Summary("In Jordan, King Abdullah of Jordan spoke."),
            (V{"Jordan/GPE/JOR"}));
  EXPECT_EQ(Summary("Troops left Chad on Monday."), (V{"Chad/GPE/TCD"}));
  EXPECT_EQ(Summary("Tbilisi, Georgia"),
            (V{"Tbilisi/GPE/GEO", "Georgia/GPE/GEO"}));
  EXPECT_EQ(Summary("George Washington crossed."), V{});
  EXPECT_EQ(Summary("Officials in Washington said."),
            (V{"Washington/GPE/USA"}));
}

TEST_F(EntityRecognizerTest, CitiesAndProvincesArePlacesNotActors) {
  // Their country, but no actor code: only capitals act for the state.
  std::vector<Entity> e = Run("Officials in Omsk and Iowa said.");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].name, "Omsk");
  EXPECT_EQ(e[0].type, "GPE");
  EXPECT_EQ(e[0].country, "RUS");
  EXPECT_EQ(e[0].code, "");
  EXPECT_EQ(e[1].country, "USA");
  EXPECT_EQ(e[1].code, "");
  EXPECT_EQ(Summary("Moscow said."), (V{"Moscow/GPE/RUS"}));
  // Part of a longer name, or an ordinary word: no place.
  EXPECT_EQ(Summary("Omsk Polytechnic and Tomsk State University."), V{});
  EXPECT_EQ(Summary("Reading the report, he smiled."), V{});
}

TEST_F(EntityRecognizerTest, Exclusions) {
  EXPECT_EQ(Summary("Male voters and Victoria Beckham in Kingston."), V{});
  EXPECT_EQ(Summary("turkey and chad and china"), V{});  // case-sensitive
  EXPECT_EQ(Summary("Turkey bombed targets."), (V{"Turkey/GPE/TUR"}));
}

TEST_F(EntityRecognizerTest, EmptyAndOddInput) {
  EXPECT_TRUE(Run("").empty());
  const std::string text = "Iran";
  std::vector<Token> tokens = Tokenize(text);
  // No sentences: the whole text is one.
  std::vector<Entity> e = recognizer_->Recognize(text, tokens, {});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].mentions[0].sentence, 0u);
  // Tokens pointing outside the text are ignored, not read.
  tokens.push_back({100, 104, TokenKind::kWord, false, false});
  e = recognizer_->Recognize(text, tokens, {});
  EXPECT_EQ(e.size(), 1u);
  // Invalid UTF-8 around a name.
  EXPECT_EQ(Summary("\xFF Iran \xC0"), (V{"Iran/GPE/IRN"}));
}

TEST_F(EntityRecognizerTest, NeverCrashesOnArbitraryBytes) {
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  const std::string_view pieces[] = {
      "Iran", " ",    "Tehran", " Times",   "-", "\xE2\x80\x99s",
      "\xFF", "U.S.", "\n\n",   "NEW YORK", ",", "Georgia",
      "."};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(next() % 30);
    for (int k = 0; k < n; ++k) {
      if (next() % 4 == 0) {
        text.push_back(static_cast<char>(next() & 0xFF));
      } else {
        text += pieces[next() % std::size(pieces)];
      }
    }
    for (const Entity& e : Run(text)) {
      for (const Mention& m : e.mentions) {
        ASSERT_LE(m.start, m.end);
        ASSERT_LE(m.end, text.size());
      }
    }
  }
}

TEST_F(EntityRecognizerTest, ConcurrentCallsAgree) {
  const std::string text =
      "Iranian officials told the Tehran Times that Moscow and the U.S. "
      "disagree.";
  const std::vector<Entity> want = Run(text);
  std::vector<std::vector<Entity>> got(4);
  std::vector<std::thread> threads;
  for (auto& g : got) {
    threads.emplace_back([&g, &text] {
      for (int k = 0; k < 50; ++k) g = Run(text);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& g : got) {
    ASSERT_EQ(g.size(), want.size());
    for (size_t k = 0; k < g.size(); ++k) EXPECT_EQ(g[k].name, want[k].name);
  }
}

// The seed article in ../shared: the entities the reference lists for
// countries, capitals and the newspaper.
TEST_F(EntityRecognizerTest, SharedSeedArticle) {
  std::ifstream in(std::string(ENTENTE_SOURCE_DIR) +
                   "/../shared/news/seed.jsonl");
  if (!in) GTEST_SKIP() << "../shared/news/seed.jsonl not available";
  std::string line;
  std::getline(in, line);
  const std::string text = nlohmann::json::parse(line).at("text");
  std::vector<Entity> e = Run(text);
  std::vector<std::string> got;
  for (const Entity& x : e) got.push_back(x.name + "/" + x.type + "/" + x.code);
  const V want = {"Iran/GPE/IRN",        "Tehran Times/ORG/IRNMED",
                  "China/GPE/CHN",       "Russia/GPE/RUS",
                  "Ukraine/GPE/UKR",     "Moscow/GPE/RUS",
                  "North Korea/GPE/PRK", "United States/GPE/USA"};
  for (const std::string& w : want) {
    EXPECT_NE(std::find(got.begin(), got.end(), w), got.end()) << w;
  }
  for (const Entity& x : e) {
    EXPECT_NE(x.name, "Tehran");
    for (const Mention& m : x.mentions) {
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text);
    }
  }
}

}  // namespace
}  // namespace entente
