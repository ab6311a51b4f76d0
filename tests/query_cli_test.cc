// End-to-end tests of `entente query` over a database built through the
// Store API: filters, the three output formats, and errors.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_runner.h"
#include "entente/store.h"
#include "gtest/gtest.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::RunEntente;

class QueryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-query-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "q.db").string();
    auto store = Store::OpenSqlite(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    // Russia and China, cooperating in July, quarrelling in August.
    const char* dates[] = {"2024-07-02", "2024-07-20", "2024-08-05"};
    for (int i = 0; i < 3; ++i) {
      Document d;
      d.id = "d" + std::to_string(i);
      d.date = dates[i];
      d.source = "Outlet " + std::to_string(i);
      d.text = "Russia and China. \"We are partners,\" Putin said.";
      Analysis a;
      a.sentences = {{0, 18, 0, 0}, {19, 49, 0, 0}};
      Entity ru{"E1", "Russia", "GPE", "RUS", "RUS", "", {{0, 6, 0, "Russia"}}};
      Entity cn{"E2", "China", "GPE", "CHN", "CHN", "", {{11, 16, 0, "China"}}};
      Entity vp{"E3",  "Vladimir Putin",      "PERSON", "RUSGOV", "RUS",
                "GOV", {{38, 43, 1, "Putin"}}};
      a.entities = {ru, cn, vp};
      Event v;
      v.id = "V1";
      v.source = "E1";
      v.target = "E2";
      v.source_code = "RUS";
      v.target_code = "CHN";
      bool conflict = i == 2;
      v.code = conflict ? "112" : "042";
      v.root = v.code.substr(0, 2);
      v.quad_class = conflict ? 3 : 1;
      v.goldstein = conflict ? -2 : 1.9;
      v.date = d.date;
      v.evidence = {0, 17,
                    conflict ? "Russia accused China" : "Russia visited China"};
      a.events.push_back(v);
      Quote q;
      q.id = "Q1";
      q.text = "We are partners,";
      q.speaker = "E3";
      q.speaker_name = "Putin";
      q.cue = "said";
      a.quotes.push_back(q);
      ASSERT_TRUE((*store)->PutDocument(d, a).ok());
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  size_t JsonRows(const std::string& args) {
    auto r = RunEntente("query --db " + db_ + " --json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_array()) << r.out;
    return j.is_array() ? j.size() : 999;
  }
  fs::path dir_;
  std::string db_;
};

TEST_F(QueryCliTest, EventFilters) {
  EXPECT_EQ(JsonRows("events"), 3u);
  EXPECT_EQ(JsonRows("events --source russia"), 3u);
  EXPECT_EQ(JsonRows("events --source CHN"), 0u);
  EXPECT_EQ(JsonRows("events --target CHN --code 04"), 2u);
  EXPECT_EQ(JsonRows("events --quad 3"), 1u);
  EXPECT_EQ(JsonRows("events --from 2024-08-01"), 1u);
  EXPECT_EQ(JsonRows("events --country CHN --to 2024-07-31"), 2u);
  EXPECT_EQ(JsonRows("events --text accused"), 1u);
  EXPECT_EQ(JsonRows("events --min-sources 2"), 0u);
  EXPECT_EQ(JsonRows("events -n 1"), 1u);
  EXPECT_EQ(JsonRows("events --clusters"), 3u);
  auto r =
      RunEntente("query --db " + db_ + " events --json --actor Russia -n 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j[0]["source"]["name"], "Russia");
  EXPECT_EQ(j[0]["code"], "042");
  EXPECT_EQ(j[0]["evidence"]["text"], "Russia visited China");
  EXPECT_EQ(j[0]["publisher"], "Outlet 0");
}

TEST_F(QueryCliTest, TableCsvActorsQuotesTimeline) {
  auto r = RunEntente("query --db " + db_ + " events --code 11");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream table(r.out);
  std::string header, row;
  std::getline(table, header);
  std::getline(table, row);
  EXPECT_EQ(header.find("date"), 0u);
  EXPECT_EQ(header.find("source"), row.find("Russia"));  // Aligned.
  EXPECT_NE(row.find("Russia accused China"), std::string::npos);

  r = RunEntente("query --db " + db_ + " --csv actors --type GPE");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "id,name,type,code,documents,mentions,events,first_seen,last_seen,"
            "aliases");
  EXPECT_NE(r.out.find("Russia,GPE,RUS,3,3,3,2024-07-02,2024-08-05"),
            std::string::npos)
      << r.out;

  EXPECT_EQ(JsonRows("quotes --speaker putin"), 3u);
  EXPECT_EQ(JsonRows("quotes --speaker RUSGOV"), 3u);
  EXPECT_EQ(JsonRows("quotes --speaker Xi"), 0u);

  r = RunEntente("query --db " + db_ +
                 " --json timeline --source Russia --target China --by month");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto months = nlohmann::json::parse(r.out);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0]["period"], "2024-07");
  EXPECT_EQ(months[0]["events"], 2);
  EXPECT_EQ(months[0]["cooperation"], 2);
  EXPECT_EQ(months[1]["conflict"], 1);
  EXPECT_EQ(months[1]["goldstein_sum"], -2.0);

  r = RunEntente("query --db " + db_ + " summary");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 documents"), std::string::npos) << r.out;
}

TEST_F(QueryCliTest, BadOptions) {
  auto r = RunEntente("query --db " + db_ + " events --from yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("YYYY-MM-DD"), std::string::npos) << r.err;
  r = RunEntente("query --db " + db_ +
                 " timeline --source Russia --target China --by year");
  EXPECT_EQ(r.exit_code, 2);
  r = RunEntente("query --db " + db_ + " events --json --csv");
  EXPECT_NE(r.exit_code, 0);
}

// Two camps: the US and Britain cooperate, Russia, China and Iran cooperate,
// and the camps clash; `query blocs` must find them from the data.
TEST_F(QueryCliTest, BlocsFromSignedInteractions) {
  auto store = Store::OpenSqlite(db_);
  ASSERT_TRUE(store.ok());
  struct Country {
    const char* name;
    const char* code;
  };
  const Country countries[] = {{"United States", "USA"},
                               {"United Kingdom", "GBR"},
                               {"Russia", "RUS"},
                               {"China", "CHN"},
                               {"Iran", "IRN"}};
  struct Interaction {
    int source, target;
    double goldstein;
  };
  const Interaction interactions[] = {
      {0, 1, 7.0},  {1, 0, 6.0},  {2, 4, 8.3},   {4, 2, 3.4}, {3, 4, 5.0},
      {0, 2, -9.0}, {1, 2, -5.0}, {0, 4, -10.0}, {4, 0, -7.0}};
  Document d;
  d.id = "camps";
  d.date = "2024-09-01";
  d.text = "United States United Kingdom Russia China Iran";
  Analysis a;
  a.sentences = {{0, static_cast<uint32_t>(d.text.size()), 0, 0}};
  for (int i = 0; i < 5; ++i) {
    uint32_t start = static_cast<uint32_t>(d.text.find(countries[i].name));
    uint32_t end = start + std::string(countries[i].name).size();
    a.entities.push_back({"E" + std::to_string(i + 1),
                          countries[i].name,
                          "GPE",
                          countries[i].code,
                          countries[i].code,
                          "",
                          {{start, end, 0, countries[i].name}}});
  }
  int n = 0;
  for (const Interaction& x : interactions) {
    Event v;
    v.id = "V" + std::to_string(++n);
    v.source = a.entities[x.source].id;
    v.target = a.entities[x.target].id;
    v.source_code = countries[x.source].code;
    v.target_code = countries[x.target].code;
    v.code = x.goldstein > 0 ? "042" : "190";
    v.root = v.code.substr(0, 2);
    v.quad_class = x.goldstein > 0 ? 1 : 4;
    v.goldstein = x.goldstein;
    v.date = d.date;
    v.evidence = {0, 5, "United"};
    a.events.push_back(v);
  }
  ASSERT_TRUE((*store)->PutDocument(d, a).ok());
  store->reset();

  auto r = RunEntente("query --db " + db_ +
                      " --json blocs --from 2024-09-01 --to 2024-09-30");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["blocs"].size(), 2u) << r.out;
  std::vector<std::vector<std::string>> camps;
  for (const auto& bloc : j["blocs"]) {
    std::vector<std::string> keys;
    for (const auto& member : bloc) keys.push_back(member["key"]);
    std::sort(keys.begin(), keys.end());
    camps.push_back(keys);
  }
  EXPECT_EQ(camps[0], (std::vector<std::string>{"CHN", "IRN", "RUS"}));
  EXPECT_EQ(camps[1], (std::vector<std::string>{"GBR", "USA"}));
  EXPECT_GT(j["modularity"].get<double>(), 0.2);
  // The US's strongest rival is Iran (-17), ahead of Russia (-9).
  for (const auto& member : j["blocs"][1]) {
    if (member["key"] != "USA") continue;
    EXPECT_EQ(member["actor"], "United States (USA)");
    EXPECT_EQ(member["rivals"][0]["actor"], "Iran (IRN)");
    EXPECT_EQ(member["rivals"][1]["actor"], "Russia (RUS)");
    EXPECT_EQ(member["partners"][0]["actor"], "United Kingdom (GBR)");
  }
  auto table = RunEntente("query --db " + db_ + " blocs");
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("signed modularity"), std::string::npos);
  EXPECT_EQ(RunEntente("query --db " + db_ + " blocs --by planet").exit_code,
            2);
}

}  // namespace
}  // namespace entente
