// Extraction over the real news beside the project (../shared/news): no
// crash, every offset valid, and the seed article's countries found.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "cli_runner.h"
#include "test_util.h"

namespace entente {
namespace {

using nlohmann::json;

std::map<std::string, std::string> TextsById(const std::string& path) {
  std::map<std::string, std::string> texts;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    json d = json::parse(line);
    texts[d["id"]] = d["text"];
  }
  return texts;
}

std::vector<json> Extract(const std::string& path, std::string* err) {
  auto r = testing::RunEntente("extract " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  *err = r.err;
  std::vector<json> docs;
  std::istringstream out(r.out);
  std::string line;
  while (std::getline(out, line)) docs.push_back(json::parse(line));
  return docs;
}

TEST(ExtractSharedTest, WikinewsOffsetsAreValid) {
  ENTENTE_REQUIRE_SHARED("news/wikinews.jsonl");
  std::string path = (testing::SharedDir() / "news/wikinews.jsonl").string();
  auto texts = TextsById(path);
  std::string err;
  auto docs = Extract(path, &err);
  ASSERT_EQ(docs.size(), texts.size()) << err;
  size_t sentences = 0, mentions = 0;
  for (const json& d : docs) {
    const std::string& text = texts.at(d["id"]);
    uint64_t previous_end = 0;
    for (const json& s : d["sentences"]) {
      uint64_t start = s["start"], end = s["end"];
      EXPECT_LE(previous_end, start);
      EXPECT_LT(start, end);
      EXPECT_LE(end, text.size());
      previous_end = end;
      ++sentences;
    }
    for (const json& e : d["entities"]) {
      for (const json& m : e["mentions"]) {
        uint64_t start = m["start"], end = m["end"];
        ASSERT_LE(end, text.size());
        EXPECT_EQ(text.substr(start, end - start), m["text"]) << d["id"];
        ++mentions;
      }
    }
  }
  // 294 articles, 216k words: thousands of sentences, many country mentions.
  EXPECT_GT(sentences, 5000u);
  EXPECT_GT(mentions, 1000u);
}

TEST(ExtractSharedTest, SeedArticleCountriesWithCodes) {
  ENTENTE_REQUIRE_SHARED("news/seed.jsonl");
  std::string err;
  auto docs =
      Extract((testing::SharedDir() / "news/seed.jsonl").string(), &err);
  ASSERT_EQ(docs.size(), 1u);
  std::map<std::string, std::string> code_by_name;
  for (const json& e : docs[0]["entities"]) {
    code_by_name[e["name"]] = e["code"];
  }
  std::map<std::string, std::string> expected = {
      {"Iran", "IRN"},    {"Russia", "RUS"},      {"China", "CHN"},
      {"Ukraine", "UKR"}, {"North Korea", "PRK"}, {"Moscow", "RUS"}};
  for (const auto& [name, code] : expected) {
    ASSERT_TRUE(code_by_name.count(name)) << name << " not found";
    EXPECT_EQ(code_by_name[name], code) << name;
  }
  bool us_found = false;
  for (const auto& [name, code] : code_by_name) us_found |= code == "USA";
  EXPECT_TRUE(us_found) << "the US not found";
  EXPECT_FALSE(code_by_name.count("Tehran"))
      << "Tehran only occurs in Tehran Times";
}

}  // namespace
}  // namespace entente
