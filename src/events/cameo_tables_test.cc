#include "events/cameo_tables.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "../../tests/test_util.h"
#include "entente/events.h"

namespace entente {
namespace {

const EventCoder& Coder() {
  static const EventCoder* coder = [] {
    auto c = EventCoder::Create();
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value().release();
  }();
  return *coder;
}

TEST(CameoTablesTest, PinnedValues) {
  struct Row {
    const char* code;
    double goldstein;
    int quad;
  };
  const Row kRows[] = {{"01", 0.0, 1},    {"051", 3.4, 1},   {"057", 8.0, 1},
                       {"072", 8.3, 2},   {"0874", 10.0, 2}, {"112", -2.0, 3},
                       {"1384", -7.0, 3}, {"163", -8.0, 4},  {"190", -10.0, 4},
                       {"2042", -10.0, 4}};
  for (const Row& r : kRows) {
    const CameoCode* c = Coder().Lookup(r.code);
    ASSERT_NE(c, nullptr) << r.code;
    EXPECT_DOUBLE_EQ(c->goldstein, r.goldstein) << r.code;
    EXPECT_EQ(c->quad_class, r.quad) << r.code;
  }
  EXPECT_EQ(Coder().Lookup("999"), nullptr);
  EXPECT_EQ(Coder().Lookup("51"), nullptr);  // Leading zeros matter.
}

// Checks a dozen values of data/cameo_codes.tsv against GDELT's lookups in
// ../shared/cameo (the facts the table was written from).
TEST(CameoTablesSharedTest, MatchesSharedLookups) {
  ENTENTE_REQUIRE_SHARED("cameo/goldstein.tsv");
  auto read = [](const std::string& file) {
    std::map<std::string, std::string> m;
    std::ifstream in(testing::SharedDir() / "cameo" / file);
    std::string line;
    std::getline(in, line);  // Header.
    while (std::getline(in, line)) {
      size_t tab = line.find('\t');
      if (tab != std::string::npos)
        m[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return m;
  };
  auto goldstein = read("goldstein.tsv");
  auto descriptions = read("eventcodes.tsv");
  ASSERT_EQ(goldstein.size(), 311u);
  const char* kCodes[] = {"010",  "0214", "036",  "043", "051", "057", "072",
                          "0871", "111",  "1384", "173", "190", "195", "204"};
  for (const char* code : kCodes) {
    const CameoCode* c = Coder().Lookup(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_DOUBLE_EQ(c->goldstein, std::stod(goldstein.at(code))) << code;
    EXPECT_EQ(c->description, descriptions.at(code)) << code;
  }
  // And every shared code is in the table, with its score.
  for (const auto& [code, score] : goldstein) {
    const CameoCode* c = Coder().Lookup(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_DOUBLE_EQ(c->goldstein, std::stod(score)) << code;
    int root = std::stoi(code.substr(0, 2));
    int quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    EXPECT_EQ(c->quad_class, quad) << code;
  }
}

TEST(CameoTablesTest, LexiconErrorsNameTheLine) {
  events::Tables t;
  ASSERT_TRUE(events::ParseCodes("051\tPraise\t3.4\t1\n", "codes", &t).ok());
  Status s = events::ParseLexicon(
      "# comment\n051\tverb\tpraise\t-\tobj\t-\n999\tverb\tx\t-\tobj\t-\n",
      "lex", &t);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("lex:3"), std::string::npos) << s.message();
  EXPECT_EQ(events::ParseLexicon("051\tadverb\tpraise\t-\tobj\t-\n", "lex", &t)
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(events::ParseCodes("051\tPraise\t30\t1\n", "codes", &t).code(),
            StatusCode::kInvalidArgument);
}

TEST(CameoTablesTest, ParsesPatterns) {
  events::Tables t;
  ASSERT_TRUE(events::ParseCodes("041\tPhone\t1.0\t1\n175\tRepress\t-10\t4\n",
                                 "codes", &t)
                  .ok());
  ASSERT_TRUE(
      events::ParseLexicon("041\tnoun\ttelephone conversation\t-\twith\tsym\n"
                           "175\tverb\tcrack down\t-\ton\t-\n",
                           "lex", &t)
          .ok());
  ASSERT_EQ(t.nouns.at("conversation").size(), 1u);
  const events::Pattern& n = t.nouns.at("conversation")[0];
  EXPECT_EQ(n.extra, std::vector<std::string>{"telephone"});
  EXPECT_TRUE(n.symmetric);
  const events::Pattern& v = t.verbs.at("crack")[0];
  EXPECT_EQ(v.extra, std::vector<std::string>{"down"});
  EXPECT_EQ(v.target, std::vector<std::string>{"on"});
}

TEST(CameoTablesTest, MissingDataDirIsNotFound) {
  EventCoderOptions options;
  options.data_dir = "/nonexistent-entente-data";
  auto coder = EventCoder::Create(options);
  ASSERT_FALSE(coder.ok());
  EXPECT_EQ(coder.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace entente

namespace entente::events {
namespace {

// The triggers (third column) of a lexicon-format table.
std::set<std::string> Triggers(std::string_view table) {
  std::set<std::string> out;
  std::istringstream in{std::string(table)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string code, kind, trigger;
    std::getline(fields, code, '\t');
    std::getline(fields, kind, '\t');
    std::getline(fields, trigger, '\t');
    out.insert(trigger);
  }
  return out;
}

TEST(WordNetLexiconTest, ExpandedAtBuildTimeWithoutTheExcludedWords) {
  std::set<std::string> triggers = Triggers(WordNetLexicon());
  // Synonyms of "condemn" and "jail" that the build adds.
  EXPECT_TRUE(triggers.count("excoriate"));
  EXPECT_TRUE(triggers.count("incarcerate"));
  std::ifstream in(testing::SourceDir() / "data/cameo_wordnet_exclusions.tsv");
  ASSERT_TRUE(in) << "data/cameo_wordnet_exclusions.tsv is missing";
  std::string line;
  int excluded = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string word = line.substr(0, line.find('\t'));
    EXPECT_FALSE(triggers.count(word)) << word << " is excluded";
    ++excluded;
  }
  // "encounter" is WordNet's first synonym of "meet": only the list keeps
  // it out.
  EXPECT_FALSE(triggers.count("encounter"));
  EXPECT_GT(excluded, 50);
}

}  // namespace
}  // namespace entente::events
