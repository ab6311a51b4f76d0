#include "entente/pipeline.h"

#include <gtest/gtest.h>

#include <string>

namespace entente {
namespace {

const Pipeline& SharedPipeline() {
  static const Pipeline* pipeline = [] {
    auto created = Pipeline::Create(PipelineOptions());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? std::move(created).value().release() : nullptr;
  }();
  return *pipeline;
}

Document TestDocument() {
  Document doc;
  doc.id = "timed";
  doc.date = "2024-05-20";
  doc.text =
      "Russian President Vladimir Putin met Iranian officials in Moscow on "
      "Sunday. \"We will sign the agreement,\" he said. France condemned "
      "the attack on Ukraine yesterday, according to Reuters.";
  return doc;
}

TEST(PipelineTest, AnalyzeTimedGivesTheSameAnalysisAsAnalyze) {
  const Pipeline& pipeline = SharedPipeline();
  Document doc = TestDocument();
  StageTimes times;
  Analysis timed = pipeline.AnalyzeTimed(doc, &times);
  Analysis plain = pipeline.Analyze(doc);
  EXPECT_EQ(AnalysisToJson(doc, timed, JsonOptions()),
            AnalysisToJson(doc, plain, JsonOptions()));
  EXPECT_FALSE(plain.events.empty());
}

TEST(PipelineTest, AnalyzeTimedAddsEveryStageTime) {
  const Pipeline& pipeline = SharedPipeline();
  Document doc = TestDocument();
  StageTimes times;
  pipeline.AnalyzeTimed(doc, &times);
  StageTimes once = times;
  pipeline.AnalyzeTimed(doc, &times);
  double total = 0;
  for (int s = 0; s < StageTimes::kStageCount; ++s) {
    EXPECT_GE(once.wall[s], 0) << StageTimes::Name(StageTimes::Stage(s));
    EXPECT_GE(once.cpu[s], 0);
    // A second call adds to what the first left.
    EXPECT_GE(times.wall[s], once.wall[s]);
    total += times.wall[s];
  }
  // Loading is not timed, but tagging and parsing a sentence take measurable
  // time.
  EXPECT_GT(total, 0);
  EXPECT_GT(times.wall[StageTimes::kSyntax], 0);
}

// Collective actors ("Serbia police") are kept when they act and dropped
// when they do not; ids stay "E1".. in order, and events point at them.
TEST(PipelineTest, CollectivesAreKeptOnlyWhenTheyAct) {
  const Pipeline& pipeline = SharedPipeline();
  Document doc;
  doc.id = "collectives";
  doc.date = "2024-05-20";
  doc.text =
      "Serbia held a vote on Sunday. Serbian media reported long queues in "
      "Belgrade. Observers from Serbia were pleased. The police said the "
      "vote was calm. Later, protesters clashed with the police.";
  Analysis a = pipeline.Analyze(doc);
  bool police = false, protesters = false;
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].id, "E" + std::to_string(i + 1));
    police = police || a.entities[i].code == "SRBCOP";
    protesters = protesters || a.entities[i].code == "SRBOPP";
  }
  EXPECT_TRUE(police);
  EXPECT_TRUE(protesters);
  ASSERT_FALSE(a.events.empty());
  for (const Event& e : a.events) {
    for (const std::string* id : {&e.source, &e.target}) {
      const int n = std::stoi(id->substr(1));
      ASSERT_LE(n, static_cast<int>(a.entities.size()));
      EXPECT_EQ(a.entities[n - 1].code.substr(0, 3), "SRB");
    }
  }
  // Without the clash nobody acts: no collective is reported.
  doc.text = doc.text.substr(0, doc.text.find(" Later,"));
  a = pipeline.Analyze(doc);
  for (const Entity& e : a.entities) {
    EXPECT_FALSE(e.collective) << e.name;
    EXPECT_NE(e.code, "SRBOPP");
  }
}

TEST(PipelineTest, StageNames) {
  EXPECT_STREQ(StageTimes::Name(StageTimes::kText), "text");
  EXPECT_STREQ(StageTimes::Name(StageTimes::kAttribution), "attribution");
  EXPECT_STREQ(StageTimes::Name(StageTimes::kEvents), "events");
}

TEST(PipelineTest, StageTimesAdd) {
  StageTimes a, b;
  a.wall[StageTimes::kSyntax] = 1;
  b.wall[StageTimes::kSyntax] = 2;
  b.cpu[StageTimes::kEvents] = 0.5;
  a.Add(b);
  EXPECT_EQ(a.wall[StageTimes::kSyntax], 3);
  EXPECT_EQ(a.cpu[StageTimes::kEvents], 0.5);
}

}  // namespace
}  // namespace entente
