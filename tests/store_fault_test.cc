// Store faults through `entente ingest` and `entente query`: a file-size
// limit (the disk filling up), a read-only database file and directory, and
// corrupt database files. Each gives a clear message, a non-zero exit and a
// database that still holds every document committed before the fault.
// (kill -9 during ingest is in ingest_cli_test.cc.)
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "entente/store.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::CliResult;
using ::entente::testing::RunEntente;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `entente ARGS...` in a child that first calls `setup` (to set a
// resource limit or drop privileges), capturing its output.
CliResult RunChild(const std::vector<std::string>& args,
                   const std::function<void()>& setup,
                   const fs::path& scratch) {
  fs::path out = scratch / "child.out", err = scratch / "child.err";
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int in = open("/dev/null", O_RDONLY);
    dup2(in, STDIN_FILENO);
    dup2(o, STDOUT_FILENO);
    dup2(e, STDERR_FILENO);
    setup();
    std::vector<char*> argv{const_cast<char*>(ENTENTE_BINARY)};
    for (const std::string& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(ENTENTE_BINARY, argv.data());
    _exit(127);
  }
  CliResult result;
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = Slurp(out);
  result.err = Slurp(err);
  return result;
}

// As root, permissions do not stop writes: run the child as "nobody".
void DropRootPrivileges() {
  if (geteuid() != 0) return;
  if (setgid(65534) != 0 || setuid(65534) != 0) _exit(126);
}

class StoreFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-fault-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::all);  // The unprivileged child too.
    corpus_ = File("corpus.jsonl");
    std::ofstream out(corpus_);
    const char* places[] = {"Russia", "China", "France", "Iran", "India"};
    for (int i = 0; i < 200; ++i) {
      std::string a = places[i % 5], b = places[(i + 2) % 5];
      out << "{\"id\": \"doc-" << i << "\", \"date\": \"2024-07-"
          << (10 + i % 19) << "\", \"text\": \"" << a << " and " << b
          << " signed an agreement on trade. Officials from " << a
          << " praised " << b << ", according to state media. \\\"We "
          << "welcome it,\\\" the minister said on Thursday. Padding "
          << std::string(2000, 'x') << ".\"}\n";
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::all, ec);
    fs::remove_all(dir_, ec);
  }
  std::string File(const std::string& name) const {
    return (dir_ / name).string();
  }
  // Opens `db` read-only and checks it; returns its document count.
  int64_t CheckedDocuments(const std::string& db) {
    auto store = Store::OpenSqlite(db, {.read_only = true});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return -1;
    Status integrity = (*store)->CheckIntegrity();
    EXPECT_TRUE(integrity.ok()) << integrity.ToString();
    auto counts = (*store)->Counts();
    return counts.ok() ? counts->documents : -1;
  }
  fs::path dir_;
  std::string corpus_;
};

TEST_F(StoreFaultTest, FileSizeLimitStopsIngestCleanlyAndRerunCompletes) {
  std::string db = File("limited.db");
  // 600 KB: the schema and the first batches fit (the write-ahead log holds
  // whole pages, the schema's included), the 200 documents (~2.6 MB) do not.
  const rlim_t kLimit = 600 << 10;
  auto limited = RunChild(
      {"ingest", "-q", "--batch", "8", corpus_, "--db", db},
      [&] {
        struct rlimit limit = {kLimit, kLimit};
        setrlimit(RLIMIT_FSIZE, &limit);
        // Writes fail with EFBIG instead of a signal.
        signal(SIGXFSZ, SIG_IGN);
      },
      dir_);
  EXPECT_EQ(limited.exit_code, 1) << limited.err;
  EXPECT_NE(limited.err.find("entente ingest: stopped: "), std::string::npos)
      << limited.err;
  EXPECT_NE(limited.err.find("run the same command again"), std::string::npos)
      << limited.err;
  int64_t kept = CheckedDocuments(db);
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, 200);

  auto rerun = RunEntente("ingest -q " + corpus_ + " --db " + db);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(CheckedDocuments(db), 200);
}

TEST_F(StoreFaultTest, ReadOnlyDatabaseFileIsRefusedWithAClearMessage) {
  std::string db = File("ro.db");
  ASSERT_EQ(RunEntente("ingest -q " + corpus_ + " --db " + db).exit_code, 0);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read |
                          fs::perms::others_read);
  std::ofstream(corpus_, std::ios::app)
      << "{\"id\": \"new\", \"text\": \"Japan praised Brazil.\"}\n";
  auto r =
      RunChild({"ingest", "-q", corpus_, "--db", db}, DropRootPrivileges, dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  EXPECT_EQ(CheckedDocuments(db), 200);
  // Queries still work on a read-only file.
  auto q = RunChild({"query", "--db", db, "summary"}, DropRootPrivileges, dir_);
  EXPECT_EQ(q.exit_code, 0) << q.err;
}

TEST_F(StoreFaultTest, ReadOnlyDirectoryIsRefusedWithAClearMessage) {
  fs::path sub = dir_ / "ro-dir";
  fs::create_directories(sub);
  std::string db = (sub / "a.db").string();
  ASSERT_EQ(RunEntente("ingest -q " + corpus_ + " --db " + db).exit_code, 0);
  fs::permissions(db, fs::perms::all);
  fs::permissions(sub, fs::perms::owner_read | fs::perms::owner_exec |
                           fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  auto r =
      RunChild({"ingest", "-q", corpus_, "--db", db}, DropRootPrivileges, dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("directory"), std::string::npos) << r.err;
  // A new database in a read-only directory cannot be created either.
  auto create =
      RunChild({"ingest", "-q", corpus_, "--db", (sub / "new.db").string()},
               DropRootPrivileges, dir_);
  EXPECT_EQ(create.exit_code, 1) << create.err;
  EXPECT_NE(create.err.find((sub / "new.db").string()), std::string::npos)
      << create.err;
  fs::permissions(sub, fs::perms::all);
  EXPECT_EQ(CheckedDocuments(db), 200);
}

TEST_F(StoreFaultTest, TruncatedDatabaseIsReportedAsCorrupt) {
  std::string db = File("t.db");
  ASSERT_EQ(RunEntente("ingest -q " + corpus_ + " --db " + db).exit_code, 0);
  fs::resize_file(db, fs::file_size(db) / 2);
  auto check = Store::OpenSqlite(db, {.read_only = true});
  if (check.ok()) {
    Status integrity = (*check)->CheckIntegrity();
    EXPECT_EQ(integrity.code(), StatusCode::kDataLoss) << integrity.ToString();
  } else {
    EXPECT_EQ(check.status().code(), StatusCode::kDataLoss);
  }
  for (const char* command :
       {"ingest -q CORPUS --db DB", "query --db DB events",
        "query --db DB summary"}) {
    std::string args = command;
    args.replace(args.find("DB"), 2, db);
    if (size_t c = args.find("CORPUS"); c != std::string::npos) {
      args.replace(c, 6, corpus_);
    }
    auto r = RunEntente(args);
    EXPECT_EQ(r.exit_code, 1) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(db), std::string::npos) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("corrupt"), std::string::npos) << args << "\n"
                                                        << r.err;
  }
}

TEST_F(StoreFaultTest, RandomBytesInTheMiddleAreReportedAsCorrupt) {
  std::string db = File("r.db");
  ASSERT_EQ(RunEntente("ingest -q " + corpus_ + " --db " + db).exit_code, 0);
  {
    // Overwrite 16 KB in the middle of the file (whole pages: b-tree pages
    // of documents, entities or events).
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    std::mt19937 random(12345);
    f.seekp(static_cast<std::streamoff>(fs::file_size(db) / 2 / 4096 * 4096));
    for (int i = 0; i < 16 << 10; ++i) f.put(static_cast<char>(random()));
  }
  auto store = Store::OpenSqlite(db, {.read_only = true});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Status integrity = (*store)->CheckIntegrity();
  EXPECT_EQ(integrity.code(), StatusCode::kDataLoss) << integrity.ToString();
  EXPECT_NE(integrity.message().find(db), std::string::npos)
      << integrity.ToString();
  // The CLI never crashes on it: either it works around the damaged pages
  // or it stops with a message naming the file and the corruption.
  for (const std::string& args :
       {"ingest -q " + corpus_ + " --db " + db, "query --db " + db + " events",
        "query --db " + db + " actors",
        "export --db " + db + " --format csv"}) {
    auto r = RunEntente(args);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << args << "\n" << r.err;
    if (r.exit_code != 0) {
      EXPECT_NE(r.err.find("corrupt"), std::string::npos) << args << "\n"
                                                          << r.err;
    }
  }
}

}  // namespace
}  // namespace entente
