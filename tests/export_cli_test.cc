// End-to-end tests of `entente export`: the GDELT column layout, PLOVER
// JSON Lines and the actor graph files, over a database built through the
// Store API (the event stage is not in the pipeline yet).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "entente/store.h"
#include "gtest/gtest.h"
#include "store/export.h"
#include "test_util.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::RunEntente;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Two outlets report Iran's president praising China; one reports Russia
// threatening Ukraine.
std::string BuildDatabase(const fs::path& dir) {
  std::string path = (dir / "events.db").string();
  auto store = Store::OpenSqlite(path);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  for (int i = 0; i < 2; ++i) {
    Document d;
    d.id = "report-" + std::to_string(i);
    d.date = i == 0 ? "2024-07-13" : "2024-07-14";
    d.source = i == 0 ? "Tehran Times" : "Wire";
    d.url = "https://example.org/" + d.id;
    d.text = "Pezeshkian praised China.\tRussia threatened Ukraine.";
    Analysis a;
    a.sentences = {{0, 25, 0, 0}, {26, 50, 0, 0}};
    Entity e1{"E1", "Masoud Pezeshkian", "PERSON", "IRNGOV", "IRN", "GOV", {}};
    e1.mentions.push_back({0, 10, 0, "Pezeshkian"});
    Entity e2{"E2", "China", "GPE", "CHN", "CHN", "", {}};
    e2.mentions.push_back({19, 24, 0, "China"});
    a.entities = {e1, e2};
    Event v;
    v.id = "V1";
    v.source = "E1";
    v.target = "E2";
    v.source_code = "IRNGOV";
    v.target_code = "CHN";
    v.code = "051";
    v.root = "05";
    v.quad_class = 1;
    v.goldstein = 3.4;
    v.date = d.date;
    v.evidence = {0, 24, "Pezeshkian praised China"};
    a.events.push_back(v);
    if (i == 1) {
      Entity e3{"E3", "Russia", "GPE", "RUS", "RUS", "", {}};
      e3.mentions.push_back({26, 32, 1, "Russia"});
      Entity e4{"E4", "Ukraine", "GPE", "UKR", "UKR", "", {}};
      e4.mentions.push_back({44, 51, 1, "Ukraine"});
      a.entities.push_back(e3);
      a.entities.push_back(e4);
      Event t = v;
      t.id = "V2";
      t.sentence = 1;
      t.source = "E3";
      t.target = "E4";
      t.source_code = "RUS";
      t.target_code = "UKR";
      t.code = "138";
      t.root = "13";
      t.quad_class = 3;
      t.goldstein = -7;
      t.evidence = {26, 50, "Russia threatened\tUkraine"};
      a.events.push_back(t);
    }
    auto put = (*store)->PutDocument(d, a);
    EXPECT_TRUE(put.ok()) << put.status().ToString();
  }
  return path;
}

class ExportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-export-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = BuildDatabase(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
  std::string db_;
};

TEST(GdeltLayoutTest, ColumnsAreGdeltsInOrder) {
  ASSERT_EQ(store::kGdeltColumns.size(), 61u);
  const std::pair<size_t, const char*> pinned[] = {{0, "GLOBALEVENTID"},
                                                   {1, "SQLDATE"},
                                                   {4, "FractionDate"},
                                                   {5, "Actor1Code"},
                                                   {6, "Actor1Name"},
                                                   {7, "Actor1CountryCode"},
                                                   {12, "Actor1Type1Code"},
                                                   {15, "Actor2Code"},
                                                   {25, "IsRootEvent"},
                                                   {26, "EventCode"},
                                                   {27, "EventBaseCode"},
                                                   {28, "EventRootCode"},
                                                   {29, "QuadClass"},
                                                   {30, "GoldsteinScale"},
                                                   {31, "NumMentions"},
                                                   {32, "NumSources"},
                                                   {33, "NumArticles"},
                                                   {34, "AvgTone"},
                                                   {35, "Actor1Geo_Type"},
                                                   {39, "Actor1Geo_ADM2Code"},
                                                   {43, "Actor2Geo_Type"},
                                                   {51, "ActionGeo_Type"},
                                                   {58, "ActionGeo_FeatureID"},
                                                   {59, "DATEADDED"},
                                                   {60, "SOURCEURL"}};
  for (const auto& [i, name] : pinned) {
    EXPECT_EQ(store::kGdeltColumns[i], name) << "column " << i;
  }
}

TEST_F(ExportCliTest, GdeltRowsHave61ColumnsOnePerRealEvent) {
  auto r = RunEntente("export --db " + db_ + " -f gdelt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;  // Two clusters, three reports.
  for (const std::string& line : lines) {
    ASSERT_EQ(SplitTabs(line).size(), 61u) << line;
  }
  std::vector<std::string> praise = SplitTabs(lines[0]);
  EXPECT_EQ(praise[1], "20240713");
  EXPECT_EQ(praise[2], "202407");
  EXPECT_EQ(praise[3], "2024");
  EXPECT_EQ(praise[5], "IRNGOV");
  EXPECT_EQ(praise[6], "MASOUD PEZESHKIAN");
  EXPECT_EQ(praise[7], "IRN");
  EXPECT_EQ(praise[12], "GOV");
  EXPECT_EQ(praise[15], "CHN");
  EXPECT_EQ(praise[25], "1");
  EXPECT_EQ(praise[26], "051");  // A string: the leading zero stays.
  EXPECT_EQ(praise[27], "051");
  EXPECT_EQ(praise[28], "05");
  EXPECT_EQ(praise[29], "1");
  EXPECT_EQ(praise[30], "3.4");
  EXPECT_EQ(praise[31], "2");  // NumMentions.
  EXPECT_EQ(praise[32], "2");  // NumSources.
  EXPECT_EQ(praise[33], "2");  // NumArticles.
  EXPECT_EQ(praise[34], "");   // Tone: unknown, so empty.
  EXPECT_EQ(praise[59].size(), 14u);
  EXPECT_EQ(praise[60], "https://example.org/report-0");
  std::vector<std::string> threat = SplitTabs(lines[1]);
  EXPECT_EQ(threat[26], "138");
  EXPECT_EQ(threat[25], "0");
  EXPECT_EQ(threat[31], "1");

  r = RunEntente("export --db " + db_ + " -f gdelt --header --code 13");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(SplitTabs(lines[0])[0], "GLOBALEVENTID");
  EXPECT_EQ(SplitTabs(lines[0]).size(), 61u);
}

TEST_F(ExportCliTest, PloverGraphMlAndCsv) {
  std::string plover = (dir_ / "events.jsonl").string();
  auto r = RunEntente("export --db " + db_ + " -f plover -o " + plover);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(plover);
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(in, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["event_type"], "SUPPORT");
  EXPECT_EQ(records[0]["actor"]["name"], "Masoud Pezeshkian");
  EXPECT_EQ(records[0]["recipient"]["country"], "CHN");
  EXPECT_EQ(records[0]["cameo"]["code"], "051");
  EXPECT_EQ(records[0]["num_sources"], 2);
  EXPECT_EQ(records[1]["event_type"], "THREATEN");

  r = RunEntente("export --db " + db_ + " -f graphml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<graphml"), std::string::npos);
  EXPECT_NE(r.out.find("Masoud Pezeshkian"), std::string::npos);
  EXPECT_EQ(Lines(r.out).size(), 2u + 13u + 1u + 4u + 2u + 2u) << r.out;

  std::string nodes = (dir_ / "n.csv").string(),
              edges = (dir_ / "e.csv").string();
  r = RunEntente("export --db " + db_ + " -f csv --nodes " + nodes +
                 " --edges " + edges);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream n(nodes), e(edges);
  std::stringstream ns, es;
  ns << n.rdbuf();
  es << e.rdbuf();
  EXPECT_EQ(Lines(ns.str()).size(), 5u);  // Header + four actors.
  ASSERT_EQ(Lines(es.str()).size(), 3u);
  EXPECT_EQ(Lines(es.str())[0],
            "Source,Target,Type,Weight,goldstein_sum,cooperation,conflict");

  r = RunEntente("export --db " + db_ + " -f csv --nodes " + nodes);
  EXPECT_EQ(r.exit_code, 2);
  r = RunEntente("export --db " + db_ + " -f excel");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown --format"), std::string::npos);
  r = RunEntente("export --db " + db_ + " -f gdelt -o /nonexistent/dir/x.tsv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

TEST(ExportSharedTest, SeedArticleExportsAs61Columns) {
  ENTENTE_REQUIRE_SHARED("news/seed.jsonl");
  fs::path dir = fs::temp_directory_path() /
                 ("entente-export-seed-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "seed.db").string();
  auto r = RunEntente(
      "ingest -q " +
      (::entente::testing::SharedDir() / "news/seed.jsonl").string() +
      " --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunEntente("export --db " + db + " -f gdelt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& line : Lines(r.out)) {
    EXPECT_EQ(SplitTabs(line).size(), 61u) << line;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace entente
