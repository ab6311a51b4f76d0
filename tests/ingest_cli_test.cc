// End-to-end tests of `entente ingest`: idempotence, replacement of changed
// documents, kill -9 in the middle, and bad databases.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "entente/store.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::RunEntente;

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-ingest-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string File(const std::string& name) const {
    return (dir_ / name).string();
  }
  StoreCounts Counts(const std::string& db) {
    auto store = Store::OpenSqlite(db, {.read_only = true});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return {};
    auto counts = (*store)->Counts();
    EXPECT_TRUE(counts.ok());
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
    return counts.ok() ? *counts : StoreCounts();
  }
  fs::path dir_;
};

// Writes `n` small JSON Lines documents naming a few countries.
void WriteCorpus(const std::string& path, int n,
                 const std::string& extra = "") {
  std::ofstream out(path);
  const char* places[] = {"Russia", "China",  "France", "Iran",
                          "India",  "Brazil", "Japan",  "Germany"};
  for (int i = 0; i < n; ++i) {
    std::string a = places[i % 8], b = places[(i * 3 + 1) % 8];
    out << "{\"id\": \"doc-" << i << "\", \"date\": \"2024-07-" << (10 + i % 19)
        << "\", \"source\": \"Wire " << (i % 5) << "\", \"title\": \"" << a
        << " and " << b << "\", \"text\": \"" << a << " and " << b
        << " held talks on trade. "
        << "Officials from " << a << " met their counterparts in " << b << ". "
        << extra << "\"}\n";
  }
}

TEST_F(IngestCliTest, ReingestAddsNothingAndChangedDocumentIsReplaced) {
  std::string corpus = File("a.jsonl"), db = File("a.db");
  WriteCorpus(corpus, 20);
  auto first = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("20 added"), std::string::npos) << first.err;
  StoreCounts counts = Counts(db);
  EXPECT_EQ(counts.documents, 20);
  EXPECT_GT(counts.actors, 0);

  auto second = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("0 added, 0 replaced, 20 unchanged"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(Counts(db), counts);

  // The same ids, one with other text: it alone is replaced.
  WriteCorpus(corpus, 20);
  {
    std::ofstream out(corpus, std::ios::app);
    out << "{\"id\": \"doc-3\", \"date\": \"2024-07-13\", \"text\": "
           "\"Japan criticised Germany.\"}\n";
  }
  auto third = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.err.find("1 replaced"), std::string::npos) << third.err;
  EXPECT_EQ(Counts(db).documents, 20);
}

TEST_F(IngestCliTest, KillNineLeavesAConsistentDatabaseAndRerunCompletes) {
  const int kDocuments = 3000;
  std::string corpus = File("big.jsonl"), db = File("big.db");
  WriteCorpus(corpus, kDocuments,
              "Diplomats from both countries said more meetings would follow "
              "in the coming weeks, according to officials.");
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    execl(ENTENTE_BINARY, ENTENTE_BINARY, "ingest", "-q", "--batch", "10",
          corpus.c_str(), "--db", db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it as soon as a first batch is committed.
  bool killed_mid_run = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    int status;
    if (waitpid(child, &status, WNOHANG) == child) break;  // Already done.
    auto store = Store::OpenSqlite(db, {.read_only = true});
    if (store.ok()) {
      auto counts = (*store)->Counts();
      if (counts.ok() && counts->documents > 0) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        killed_mid_run = true;
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!killed_mid_run) {
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
  }

  StoreCounts after_kill = Counts(db);  // Also checks integrity.
  if (killed_mid_run) {
    EXPECT_GT(after_kill.documents, 0);
    EXPECT_LT(after_kill.documents, kDocuments);
  }
  auto rerun = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  StoreCounts complete = Counts(db);
  EXPECT_EQ(complete.documents, kDocuments);

  // A database built in one go is the same.
  std::string fresh = File("fresh.db");
  ASSERT_EQ(RunEntente("ingest -q " + corpus + " --db " + fresh).exit_code, 0);
  EXPECT_EQ(Counts(fresh), complete);
  if (!killed_mid_run) GTEST_SKIP() << "ingest finished before the kill";
}

// Per document: its id and how many entities, mentions, events, quotes and
// dates it has in `db`, so a killed run can be compared with a complete one.
std::map<std::string, std::string> DocumentRows(const std::string& db) {
  std::map<std::string, std::string> rows;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(handle);
    return rows;
  }
  const char* sql =
      "SELECT d.doc_key, (SELECT count(*) FROM entities e WHERE "
      "e.document_id = d.id) || ' ' || (SELECT count(*) FROM mentions m JOIN "
      "entities e ON m.entity_id = e.id WHERE e.document_id = d.id) || ' ' || "
      "(SELECT count(*) FROM events v WHERE v.document_id = d.id) || ' ' || "
      "(SELECT count(*) FROM quotes q WHERE q.document_id = d.id) || ' ' || "
      "(SELECT count(*) FROM dates t WHERE t.document_id = d.id) "
      "FROM documents d";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      rows[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] =
          reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return rows;
}

// kill -9 at random moments, again and again on the same database: after
// every kill the file is consistent and each document is either stored
// whole (the same rows as in a database built in one go) or absent; the
// last run completes it. The seed is printed so a failure can be replayed
// (ENTENTE_KILL_SEED).
TEST_F(IngestCliTest, RepeatedKillNineAtRandomPointsNeverLeavesHalfDocuments) {
  const int kDocuments = 1500, kRounds = 6;
  std::string corpus = File("corpus.jsonl"), db = File("killed.db"),
              reference = File("reference.db");
  WriteCorpus(corpus, kDocuments,
              "\\\"We will respond,\\\" the minister said on Thursday, "
              "according to officials.");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(RunEntente("ingest -q " + corpus + " --db " + reference).exit_code,
            0);
  // Kills land anywhere in a run as long as this one (start-up included),
  // whatever the build (sanitizers) and the load of the machine.
  const int64_t run_ms = std::max<int64_t>(
      50, std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - started)
              .count());
  const std::map<std::string, std::string> whole = DocumentRows(reference);
  ASSERT_EQ(whole.size(), static_cast<size_t>(kDocuments));

  unsigned seed = std::random_device()();
  if (const char* env = std::getenv("ENTENTE_KILL_SEED"))
    seed = std::stoul(env);
  std::mt19937 random(seed);
  SCOPED_TRACE("ENTENTE_KILL_SEED=" + std::to_string(seed));
  int killed_mid_run = 0, partial = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto delay = std::chrono::milliseconds(random() % run_ms);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      execl(ENTENTE_BINARY, ENTENTE_BINARY, "ingest", "-q", "--batch", "5",
            corpus.c_str(), "--db", db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(delay);
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == 0) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      ++killed_mid_run;
    }
    SCOPED_TRACE("round " + std::to_string(round) + ", killed after " +
                 std::to_string(delay.count()) + " ms");
    if (!fs::exists(db)) continue;
    auto store = Store::OpenSqlite(db);  // Recovers the WAL, as ingest does.
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Status integrity = (*store)->CheckIntegrity();
    ASSERT_TRUE(integrity.ok()) << integrity.ToString();
    store->reset();
    const std::map<std::string, std::string> stored = DocumentRows(db);
    if (!stored.empty() && stored.size() < whole.size()) ++partial;
    for (const auto& [id, rows] : stored) {
      auto it = whole.find(id);
      ASSERT_NE(it, whole.end()) << id;
      EXPECT_EQ(rows, it->second) << "document " << id << " is incomplete";
    }
  }
  auto rerun = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(DocumentRows(db), whole);
  EXPECT_EQ(Counts(db), Counts(reference));
  RecordProperty("killed_mid_run", killed_mid_run);
  RecordProperty("partial_databases", partial);
  if (partial == 0) {
    GTEST_SKIP() << "no kill landed between the first and the last commit "
                    "(seed "
                 << seed << ")";
  }
}

TEST_F(IngestCliTest, BadDatabasesGiveClearErrors) {
  std::string corpus = File("a.jsonl");
  WriteCorpus(corpus, 2);

  std::string garbage = File("garbage.db");
  std::ofstream(garbage) << std::string(4096, 'x');
  auto r = RunEntente("ingest -q " + corpus + " --db " + garbage);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << r.err;
  EXPECT_EQ(fs::file_size(garbage), 4096u);

  std::string newer = File("newer.db");
  ASSERT_EQ(RunEntente("ingest --db " + newer).exit_code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  r = RunEntente("ingest -q " + corpus + " --db " + newer);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("newer than this entente supports"), std::string::npos)
      << r.err;
  r = RunEntente("query --db " + newer + " summary");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;

  r = RunEntente("ingest -q " + corpus + " --db " + dir_.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("directory"), std::string::npos) << r.err;

  r = RunEntente("query --db " + File("absent.db") + " events");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such database"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(File("absent.db")));
}

TEST_F(IngestCliTest, ReadOnlyDatabaseFileIsRefused) {
  if (geteuid() == 0) GTEST_SKIP() << "root can write read-only files";
  std::string db = File("ro.db"), corpus = File("a.jsonl");
  WriteCorpus(corpus, 2);
  ASSERT_EQ(RunEntente("ingest -q " + corpus + " --db " + db).exit_code, 0);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read);
  WriteCorpus(corpus, 3);
  auto r = RunEntente("ingest -q " + corpus + " --db " + db);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  fs::permissions(db, fs::perms::owner_all);
}

// Cheap enough for the sanitizer build too (294 documents, under a second
// in Release).
TEST_F(IngestCliTest, SharedWikinewsTwiceGivesIdenticalCounts) {
  ENTENTE_REQUIRE_SHARED("news/wikinews.jsonl");
  std::string corpus =
      (::entente::testing::SharedDir() / "news/wikinews.jsonl").string();
  std::string db = File("wikinews.db");
  auto first = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  StoreCounts counts = Counts(db);
  EXPECT_EQ(counts.documents, 294);
  auto second = RunEntente("ingest -q " + corpus + " --db " + db);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("0 added, 0 replaced, 294 unchanged"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(Counts(db), counts);
}

}  // namespace
}  // namespace entente
