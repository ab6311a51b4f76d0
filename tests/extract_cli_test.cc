// End-to-end tests of `entente extract`: the output contract, bad input, and
// the golden output of examples/.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "test_util.h"

namespace entente {
namespace {

using nlohmann::json;
using testing::RunEntente;
using testing::SourceDir;

std::vector<json> ParseLines(const std::string& out) {
  std::vector<json> docs;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_TRUE(json::accept(line)) << "not a JSON line: " << line;
    if (json::accept(line)) docs.push_back(json::parse(line));
  }
  return docs;
}

class ExtractCliTest : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = std::filesystem::path(::testing::TempDir()) /
                               ("extract-cli-" + std::to_string(getpid()));
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    std::filesystem::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
};

TEST_F(ExtractCliTest, HelpExplainsCommands) {
  auto r = RunEntente("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("extract"), std::string::npos);
  auto sub = RunEntente("extract --help");
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("--date"), std::string::npos);
}

TEST_F(ExtractCliTest, WritesOutputContractFields) {
  std::string path =
      Write("story.txt", "Russia and Iran held talks in Moscow.\n");
  auto r = RunEntente("extract --date 2024-07-13 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = ParseLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  const json& d = docs[0];
  EXPECT_EQ(d["id"], "story");
  EXPECT_EQ(d["date"], "2024-07-13");
  for (const char* key :
       {"sentences", "entities", "events", "quotes", "dates"}) {
    EXPECT_TRUE(d[key].is_array()) << key;
  }
  ASSERT_EQ(d["sentences"].size(), 1u);
  EXPECT_EQ(d["sentences"][0]["start"], 0);
  EXPECT_EQ(d["sentences"][0]["end"], 37);
  std::set<std::string> codes;
  for (const json& e : d["entities"])
    codes.insert(e["code"].get<std::string>());
  EXPECT_TRUE(codes.count("RUS"));
  EXPECT_TRUE(codes.count("IRN"));
}

TEST_F(ExtractCliTest, PrettyOutputHasTheSameContent) {
  std::string path = Write("story.txt", "Iran and Iraq signed a deal.\n");
  auto compact = RunEntente("extract " + path);
  auto pretty = RunEntente("extract --pretty " + path);
  ASSERT_EQ(pretty.exit_code, 0) << pretty.err;
  EXPECT_GT(std::count(pretty.out.begin(), pretty.out.end(), '\n'), 5);
  ASSERT_TRUE(json::accept(pretty.out)) << pretty.out;
  EXPECT_EQ(json::parse(pretty.out), json::parse(compact.out));
}

TEST_F(ExtractCliTest, TokensCarryTheParse) {
  std::string path = Write("story.txt", "Russia attacked Ukraine.\n");
  auto r = RunEntente("extract --tokens " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json d = json::parse(r.out);
  ASSERT_EQ(d["tokens"].size(), 4u);
  const json& verb = d["tokens"][1];
  EXPECT_EQ(verb["text"], "attacked");
  EXPECT_EQ(verb["lemma"], "attack");
  EXPECT_EQ(verb["upos"], "VERB");
  EXPECT_EQ(verb["head"], -1);
  EXPECT_EQ(verb["deprel"], "root");
  EXPECT_EQ(d["tokens"][0]["deprel"], "nsubj");
  EXPECT_EQ(d["tokens"][0]["head"], 1);
  // Without --tokens the array is absent.
  EXPECT_FALSE(
      json::parse(RunEntente("extract " + path).out).contains("tokens"));
}

TEST_F(ExtractCliTest, ExplainShowsParseActorsAndEvents) {
  auto r = RunEntente(
      "explain \"Russia and Iran will sign a partnership agreement.\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sign"), std::string::npos);
  EXPECT_NE(r.out.find("actors:"), std::string::npos);
  // An intention to sign is an intent (03x), not a signature (057).
  size_t events = r.out.find("\nevents:");
  ASSERT_NE(events, std::string::npos) << r.out;
  std::string listed = r.out.substr(events);
  EXPECT_NE(listed.find("RUS -> IRN 03"), std::string::npos) << r.out;
  EXPECT_EQ(listed.find(" 057 "), std::string::npos) << r.out;
}

TEST_F(ExtractCliTest, BadInputIsReportedAndOthersStillProcessed) {
  std::string good = Write("good.txt", "China welcomed the decision.\n");
  std::string jsonl =
      Write("feed.jsonl",
            "{\"id\": \"a\", \"text\": \"Iran spoke.\"}\n"
            "this is not json\n"
            "{\"id\": \"c\"}\n"
            "{\"id\": \"d\", \"text\": \"Ukraine replied.\"}\n");
  std::string empty = Write("empty.txt", "  \n\n");
  std::string missing = (dir_ / "missing.txt").string();
  auto r =
      RunEntente("extract " + good + " " + jsonl + " " + empty + " " + missing);
  EXPECT_EQ(r.exit_code, 1);
  auto docs = ParseLines(r.out);
  std::vector<std::string> ids;
  for (const json& d : docs) ids.push_back(d["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"good", "a", "d"}));
  EXPECT_NE(r.err.find("feed.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
}

TEST_F(ExtractCliTest, InvalidUtf8IsWarnedAndOffsetsStayBytes) {
  std::string path = Write("bad.txt", "Russia \xff\xfe warned Ukraine.\n");
  auto r = RunEntente("extract " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos) << r.err;
  auto docs = ParseLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  bool found_ukraine = false;
  for (const json& e : docs[0]["entities"]) {
    for (const json& m : e["mentions"]) {
      if (m["text"] == "Ukraine") {
        found_ukraine = true;
        EXPECT_EQ(m["start"], 17);  // Byte offset counting the two bad bytes.
      }
    }
  }
  EXPECT_TRUE(found_ukraine) << r.out;
}

TEST_F(ExtractCliTest, ReadsStandardInput) {
  std::string path = Write("in.txt", "North Korea fired a missile.\n");
  auto r = RunEntente("extract -", path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = ParseLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["entities"][0]["code"], "PRK");
}

TEST_F(ExtractCliTest, RejectsBadOptions) {
  EXPECT_EQ(RunEntente("extract --date 2024-13-45 x.txt").exit_code, 2);
  EXPECT_EQ(RunEntente("extract --format pdf x.txt").exit_code, 2);
  EXPECT_NE(RunEntente("extract").exit_code, 0);
}

// The examples' output is pinned in tests/golden/examples.jsonl; after an
// intended change, regenerate it with scripts/update-golden.sh and review
// the diff.
TEST(GoldenTest, ExamplesMatchGoldenOutput) {
  auto r = RunEntente("extract -j 1 " + (SourceDir() / "examples").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(SourceDir() / "tests/golden/examples.jsonl");
  ASSERT_TRUE(in) << "tests/golden/examples.jsonl is missing";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(r.out, expected.str())
      << "examples/ output changed; if intended, run scripts/update-golden.sh";
}

}  // namespace
}  // namespace entente
