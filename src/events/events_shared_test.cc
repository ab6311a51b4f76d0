// Scores the event coder, over the shipped models and the real entity and
// syntax stages, against the references: the seed article in ../shared and
// the team's Wikinews reference in eval/gold (scored like
// ../shared/eval/score.py: per document, the set of (source country, target
// country, root) triples against `required` and `optional`). Floors, not
// targets: they catch regressions. Skips when ../shared, the models or the
// reference are absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "../../tests/test_util.h"
#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/events.h"
#include "entente/syntax.h"
#include "entente/text.h"
#include "entente/time.h"

namespace entente {
namespace {

using Json = nlohmann::json;
using Triple = std::tuple<std::string, std::string, std::string>;

std::string Country(const std::string& code) {
  if (code.empty()) return "---";
  if (code.rfind("IGO", 0) == 0) return "IGO";
  return code.substr(0, 3);
}

bool Matches(const Triple& t, const Json& item) {
  auto same = [](const std::string& a, const std::string& b) {
    return b == "*" || a == b;
  };
  const auto& [s, g, r] = t;
  bool roots = false;
  for (const auto& root : item["root"]) roots |= root.get<std::string>() == r;
  if (!roots) return false;
  std::string src = item["source"], tgt = item["target"];
  if (same(s, src) && same(g, tgt)) return true;
  return item.value("either_direction", false) && same(g, src) && same(s, tgt);
}

struct Counts {
  int predicted = 0, acceptable = 0, required = 0, found = 0;
};

class EventsSharedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto syntax = SyntaxModel::Load("");
    if (!syntax.ok()) GTEST_SKIP() << syntax.status().ToString();
    syntax_ = *syntax;
    auto entities = EntityRecognizer::Create();
    if (!entities.ok()) GTEST_SKIP() << entities.status().ToString();
    entities_ = std::move(entities).value();
    auto coder = EventCoder::Create();
    ASSERT_TRUE(coder.ok()) << coder.status().ToString();
    coder_ = std::move(coder).value();
  }

  std::set<Triple> Code(const Json& article) const {
    Document d;
    d.id = article.value("id", "");
    d.date = article.value("date", "");
    d.text = article.value("text", "");
    Analysis a;
    a.tokens = Tokenize(d.text);
    a.sentences = SplitSentences(d.text, a.tokens);
    a.entities = entities_->Recognize(d.text, a.tokens, a.sentences);
    a.dates = FindDates(d.text, a.tokens, a.sentences, d.date);
    a.quotes = FindQuotes(d.text, a.tokens, a.sentences, a.entities);
    a.attributions =
        FindAttributions(d.text, a.tokens, a.sentences, a.entities);
    std::vector<TokenSyntax> syntax;
    syntax_->Analyze(d.text, a.tokens, a.sentences, &syntax);
    std::set<Triple> triples;
    for (const Event& e : coder_->Code(d, a, syntax)) {
      triples.emplace(Country(e.source_code), Country(e.target_code), e.root);
    }
    return triples;
  }

  void Score(const std::set<Triple>& predicted, const Json& gold,
             Counts* c) const {
    const Json& required = gold["events"]["required"];
    const Json& optional = gold["events"]["optional"];
    c->predicted += predicted.size();
    for (const Triple& t : predicted) {
      bool ok = false;
      for (const auto& item : required) ok |= Matches(t, item);
      for (const auto& item : optional) ok |= Matches(t, item);
      c->acceptable += ok;
    }
    for (const auto& item : required) {
      ++c->required;
      bool hit = false;
      for (const Triple& t : predicted) hit |= Matches(t, item);
      c->found += hit;
    }
  }

  std::shared_ptr<const SyntaxModel> syntax_;
  std::unique_ptr<const EntityRecognizer> entities_;
  std::unique_ptr<const EventCoder> coder_;
};

std::map<std::string, Json> ReadArticles(const std::filesystem::path& path) {
  std::map<std::string, Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json j = Json::parse(line);
    out[j.value("id", "")] = j;
  }
  return out;
}

TEST_F(EventsSharedTest, SeedAboveFloor) {
  ENTENTE_REQUIRE_SHARED("gold/seed/iran-russia-2024.json");
  auto articles = ReadArticles(testing::SharedDir() / "news/seed.jsonl");
  std::ifstream in(testing::SharedDir() / "gold/seed/iran-russia-2024.json");
  Json gold = Json::parse(in);
  ASSERT_TRUE(articles.count(gold["id"]));
  Counts c;
  Score(Code(articles[gold["id"]]), gold, &c);
  double precision = c.predicted ? double(c.acceptable) / c.predicted : 0;
  double recall = double(c.found) / c.required;
  // Issue 6 targets: F1 >= 0.75 with precision >= 0.80.
  EXPECT_GE(precision, 0.80);
  EXPECT_GE(recall, 0.75);
}

TEST_F(EventsSharedTest, TeamReferenceAboveFloor) {
  ENTENTE_REQUIRE_SHARED("news/wikinews.jsonl");
  std::filesystem::path dir = testing::SourceDir() / "eval/gold";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "eval/gold is absent";
  }
  auto articles = ReadArticles(testing::SharedDir() / "news/wikinews.jsonl");
  Counts c;
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    Json gold = Json::parse(in);
    if (!gold.contains("events") || !articles.count(gold["id"])) continue;
    Score(Code(articles[gold["id"]]), gold, &c);
    ++documents;
  }
  if (documents == 0) GTEST_SKIP() << "no reference documents in eval/gold";
  double precision = c.predicted ? double(c.acceptable) / c.predicted : 1;
  double recall = c.required ? double(c.found) / c.required : 1;
  double f1 = precision + recall > 0
                  ? 2 * precision * recall / (precision + recall)
                  : 0;
  // Issue 6 targets (F1 >= 0.65 with precision >= 0.80), and a recall floor
  // just below the figure of docs/accuracy.md ("Events").
  EXPECT_GE(precision, 0.80) << c.acceptable << "/" << c.predicted;
  EXPECT_GE(recall, 0.66) << c.found << "/" << c.required;
  EXPECT_GE(f1, 0.65) << "P " << precision << " R " << recall;
}

}  // namespace
}  // namespace entente
