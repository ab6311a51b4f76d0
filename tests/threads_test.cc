// The multithreaded paths: one Pipeline shared by several threads, `entente
// extract -j2` and `entente ingest -j2`, each compared with a serial run.
// scripts/test.sh also runs these (ctest label "threads") under
// ThreadSanitizer in build-tsan/.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "entente/pipeline.h"
#include "entente/store.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::RunEntente;

// Short articles written for this test: actors, events, quotes, dates.
std::vector<Document> Articles() {
  const char* texts[] = {
      "Russia and Iran held talks in Moscow on Thursday. Foreign Minister "
      "Sergei Lavrov said the meeting was useful.",
      "\"We condemn the attack,\" the United Nations said on Friday. France "
      "accused Syria of shelling the border town yesterday.",
      "Chinese President Xi Jinping visited Brazil last week and signed a "
      "trade agreement with President Luiz Inacio Lula da Silva.",
      "According to officials, Japan will send aid to the Philippines within "
      "48 hours. The Philippine army thanked Tokyo.",
      "India did not threaten Pakistan, the ministry said. Islamabad "
      "rejected the claim on 12 March.",
      "Germany and Poland agreed to cooperate on energy. Warsaw praised "
      "Berlin, and the European Union welcomed the deal.",
  };
  std::vector<Document> documents;
  int i = 0;
  for (const char* text : texts) {
    Document d;
    d.id = "article-" + std::to_string(++i);
    d.origin = d.id;
    d.date = "2024-07-1" + std::to_string(i);
    d.text = text;
    documents.push_back(d);
  }
  return documents;
}

TEST(ThreadsTest, SharedPipelineGivesSerialResultsFromSeveralThreads) {
  auto created = Pipeline::Create(PipelineOptions());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const Pipeline& pipeline = **created;
  const std::vector<Document> documents = Articles();
  std::vector<std::string> serial;
  for (const Document& d : documents) {
    serial.push_back(AnalysisToJson(d, pipeline.Analyze(d), {}));
  }

  const int kThreads = 3, kRounds = 2;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread walks the documents from a different start, so that
      // the same document is analysed by several threads at once.
      results[t].assign(documents.size(), "");
      for (int round = 0; round < kRounds; ++round) {
        for (size_t k = 0; k < documents.size(); ++k) {
          size_t i = (k + t) % documents.size();
          results[t][i] =
              AnalysisToJson(documents[i], pipeline.Analyze(documents[i]), {});
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (size_t i = 0; i < documents.size(); ++i) {
      EXPECT_EQ(results[t][i], serial[i]) << "thread " << t << ", " << i;
    }
  }
}

class ThreadsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-threads-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    corpus_ = (dir_ / "corpus.jsonl").string();
    std::ofstream out(corpus_);
    for (int copy = 0; copy < 4; ++copy) {
      for (const Document& d : Articles()) {
        out << "{\"id\": \"" << d.id << "-" << copy << "\", \"date\": \""
            << d.date << "\", \"text\": \"";
        for (char c : d.text)
          out << (c == '"' ? std::string("\\\"") : std::string(1, c));
        out << "\"}\n";
      }
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
  std::string corpus_;
};

TEST_F(ThreadsCliTest, ExtractWithTwoThreadsMatchesOneThread) {
  auto one = RunEntente("extract -j 1 " + corpus_);
  auto two = RunEntente("extract -j 2 " + corpus_);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.out, one.out);
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 24);
}

TEST_F(ThreadsCliTest, IngestWithTwoThreadsMatchesOneThread) {
  std::string db1 = (dir_ / "one.db").string(),
              db2 = (dir_ / "two.db").string();
  auto one = RunEntente("ingest -q -j 1 " + corpus_ + " --db " + db1);
  auto two = RunEntente("ingest -q -j 2 " + corpus_ + " --db " + db2);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  StoreCounts counts[2];
  int i = 0;
  for (const std::string& db : {db1, db2}) {
    auto store = Store::OpenSqlite(db, {.read_only = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
    auto c = (*store)->Counts();
    ASSERT_TRUE(c.ok());
    counts[i++] = *c;
  }
  EXPECT_EQ(counts[0].documents, 24);
  EXPECT_EQ(counts[1], counts[0]);
}

}  // namespace
}  // namespace entente
