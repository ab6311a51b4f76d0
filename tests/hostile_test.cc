// Hostile input: each case runs with a bound on its CPU time, and through the
// CLI one hostile document sits among good ones: the good ones come out, the
// bad one gets a warning or an error line naming it, and the exit status is 1
// when some input was rejected (0 when everything was analysed, warnings or
// not). ctest label "hostile".
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/text.h"
#include "entente/time.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using ::entente::testing::CliResult;
using ::entente::testing::RunEntente;
using nlohmann::json;

// Sanitizer builds run several times slower; the bounds are for Release.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kSlowdown = 6;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr double kSlowdown = 6;
#else
constexpr double kSlowdown = 1;
#endif
#else
constexpr double kSlowdown = 1;
#endif

// CPU time (user + system) of this process and of the children it has
// waited for: unlike wall time it does not depend on what else the machine
// is running.
double CpuSeconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    struct rusage usage;
    getrusage(who, &usage);
    total += usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
             usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  }
  return total;
}

class Stopwatch {
 public:
  double Seconds() const { return CpuSeconds() - start_; }

 private:
  double start_ = CpuSeconds();
};

// Also records the CPU time as the test property "cpu_seconds" (see
// --gtest_output=xml), for docs/reliability.md.
#define EXPECT_WITHIN(stopwatch, seconds)                                \
  do {                                                                   \
    const double cpu = (stopwatch).Seconds();                            \
    ::testing::Test::RecordProperty("cpu_seconds", std::to_string(cpu)); \
    EXPECT_LT(cpu, (seconds)*kSlowdown)                                  \
        << "took " << cpu << " s of CPU, bound " << (seconds) << " s (x" \
        << kSlowdown << " in sanitizer builds)";                         \
  } while (0)

std::vector<json> Lines(const std::string& out) {
  std::vector<json> docs;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_TRUE(json::accept(line))
        << "not a JSON line: " << line.substr(0, 200);
    if (json::accept(line)) docs.push_back(json::parse(line));
  }
  return docs;
}

std::vector<std::string> Ids(const std::vector<json>& docs) {
  std::vector<std::string> ids;
  for (const json& d : docs) ids.push_back(d["id"]);
  return ids;
}

// Largest resident set of the children waited for so far, in MB.
double ChildrenMaxRssMb() {
  struct rusage usage;
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss / 1024.0;
}

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("entente-hostile-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Writes `content` as in/NAME; the directory walk takes files in name
  // order, so good documents are named to sort around the bad one.
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / "in" / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string In() const { return (dir_ / "in").string(); }
  void WriteGood() {
    Write("a-good.txt", "Russia and Iran held talks in Moscow on Thursday.\n");
    Write("z-good.txt", "France praised Japan for its aid to Kenya.\n");
  }
  // Runs extract over in/ and checks the two good documents came out.
  CliResult ExtractAll(std::vector<json>* docs = nullptr) {
    CliResult r = RunEntente("extract --date 2024-05-19 " + In());
    std::vector<json> lines = Lines(r.out);
    std::vector<std::string> ids = Ids(lines);
    EXPECT_FALSE(ids.empty()) << r.err;
    if (!ids.empty()) {
      EXPECT_EQ(ids.front(), "a-good") << r.err;
      EXPECT_EQ(ids.back(), "z-good") << r.err;
    }
    if (docs) *docs = std::move(lines);
    return r;
  }
  // Ingests in/ and checks the good documents were stored.
  CliResult IngestAll(int64_t* documents = nullptr) {
    std::string db = (dir_ / "kg.db").string();
    CliResult r =
        RunEntente("ingest -q --date 2024-05-19 " + In() + " --db " + db);
    auto summary = RunEntente("query --db " + db + " summary --json");
    EXPECT_EQ(summary.exit_code, 0) << summary.err;
    if (documents && json::accept(summary.out)) {
      *documents = json::parse(summary.out).value("documents", -1);
    }
    return r;
  }
  fs::path dir_;
};

TEST_F(HostileInputTest, InvalidUtf8IsWarnedAndTheDocumentAnalysed) {
  WriteGood();
  Write("m-bad.txt",
        "Russia \xff\xfe warned \xc0\xaf Ukraine \xed\xa0\x80 "
        "on Friday.\xe2\x82");
  Write("n-feed.jsonl",
        "{\"id\": \"ok\", \"text\": \"India met Brazil.\"}\n"
        "{\"id\": \"raw\", \"text\": \"bad \xff byte\"}\n");
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  // The JSON line with a raw invalid byte is not JSON (an error naming
  // its line); the text file is analysed with a warning.
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("m-bad.txt: invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("n-feed.jsonl:2: line is not valid UTF-8"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Ids(docs),
            (std::vector<std::string>{"a-good", "m-bad", "ok", "z-good"}));
  for (const json& d : docs) {
    EXPECT_TRUE(json::accept(d.dump())) << "output must stay valid UTF-8";
  }
}

TEST_F(HostileInputTest, NulBytesMakeABinaryFileErrorOrAreAnalysed) {
  WriteGood();
  Write("m-binary.txt", std::string("Russia\0\0\0 attacked\0Ukraine.", 28));
  // A NUL escaped in JSON is text like any other character.
  Write("n-feed.jsonl",
        "{\"id\": \"nul\", \"text\": \"Russia \\u0000 attacked Ukraine.\"}\n");
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("m-binary.txt: binary file"), std::string::npos)
      << r.err;
  EXPECT_EQ(Ids(docs), (std::vector<std::string>{"a-good", "nul", "z-good"}));
  int64_t stored = 0;
  CliResult ingest = IngestAll(&stored);
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;
  EXPECT_NE(ingest.err.find("m-binary.txt: binary file"), std::string::npos)
      << ingest.err;
  EXPECT_EQ(stored, 3);
}

TEST_F(HostileInputTest, HundredMegabyteDocumentsAreRejectedAndTheBatchGoesOn) {
  WriteGood();
  {
    // 100 MB of plain text, and a 100 MB JSON line between two good ones.
    std::string sentence = "Russia and France held talks on trade. ";
    std::ofstream text(dir_ / "in" / "m-huge.txt", std::ios::binary);
    std::ofstream feed(dir_ / "in" / "n-feed.jsonl", std::ios::binary);
    feed << "{\"id\": \"before\", \"text\": \"China met Peru.\"}\n"
         << "{\"id\": \"huge\", \"text\": \"";
    for (size_t n = 0; n < (100u << 20); n += sentence.size()) {
      text << sentence;
      feed << sentence;
    }
    feed << "\"}\n{\"id\": \"after\", \"text\": \"Chile met Cuba.\"}\n";
  }
  const double rss_before = ChildrenMaxRssMb();
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("m-huge.txt: document is"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("more than max_document_bytes"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("n-feed.jsonl:2: line is"), std::string::npos) << r.err;
  EXPECT_EQ(Ids(docs),
            (std::vector<std::string>{"a-good", "before", "after", "z-good"}));
  // Neither document is held in memory whole: the models take about 250 MB
  // (sanitizer builds use more memory for their own bookkeeping).
  if (kSlowdown == 1 && ChildrenMaxRssMb() > rss_before) {
    EXPECT_LT(ChildrenMaxRssMb(), 400);
  }
  int64_t stored = 0;
  CliResult ingest = IngestAll(&stored);
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;
  EXPECT_NE(ingest.err.find("m-huge.txt"), std::string::npos) << ingest.err;
  EXPECT_EQ(stored, 4);
}

TEST_F(HostileInputTest, HundredThousandTokenSentenceStaysLinear) {
  auto pipeline = Pipeline::Create(PipelineOptions());
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  // No sentence-final punctuation anywhere: one sentence of 100k tokens.
  std::mt19937 random(7);
  const char* words[] = {"Russia", "said", "the",  "minister", "talks", "of",
                         "and",    "in",   "Iran", "would",    "meet",  ","};
  Document document;
  document.id = "long";
  document.date = "2024-05-19";
  for (int i = 0; i < 100000; ++i) {
    document.text += words[random() % 12];
    document.text += ' ';
  }
  Stopwatch watch;
  Analysis analysis = (*pipeline)->Analyze(document);
  EXPECT_WITHIN(watch, 20);
  EXPECT_EQ(analysis.tokens.size(), 100000u);
  ASSERT_EQ(analysis.syntax.size(), analysis.tokens.size());
  EXPECT_TRUE(json::accept(AnalysisToJson(document, analysis, {})));
}

// A long document with many sentences, names, quotes and dates: the stages
// that look across the whole document must stay linear. (Per-sentence
// buffers sized by the document, and per-name scans of every mention, made
// a 2 MB article take minutes before.)
TEST_F(HostileInputTest, LongDocumentStagesStayLinear) {
  auto recognizer = EntityRecognizer::Create();
  ASSERT_TRUE(recognizer.ok());
  std::mt19937 random(11);
  const char* first[] = {"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"};
  const char* templates[] = {
      "President %P of France met %P in Berlin on 12 March. ",
      "\"We will not accept this,\" %P said on Thursday. ",
      "According to the United Nations, Russia accused Ukraine of shelling. ",
      "%P, Iran's foreign minister, told reporters talks would resume. ",
      "He added that NATO would meet within 48 hours. ",
  };
  std::string text;
  while (text.size() < (3u << 20)) {
    std::string t = templates[random() % 5];
    for (size_t p; (p = t.find("%P")) != std::string::npos;) {
      // Many distinct surnames, so coreference has many people to compare.
      std::string surname = "K";
      for (int k = 0; k < 3; ++k) surname += "aeiou"[random() % 5];
      surname += "vtrsmn"[random() % 6];
      t.replace(p, 2, std::string(first[random() % 6]) + " " + surname);
    }
    text += t;
    if (random() % 8 == 0) text += "\n\n";
  }
  Stopwatch watch;
  auto tokens = Tokenize(text);
  auto sentences = SplitSentences(text, tokens);
  auto entities = (*recognizer)->Recognize(text, tokens, sentences);
  auto dates = FindDates(text, tokens, sentences, "2024-05-19");
  auto quotes = FindQuotes(text, tokens, sentences, entities);
  auto attributions = FindAttributions(text, tokens, sentences, entities);
  EXPECT_WITHIN(watch, 40);
  EXPECT_GT(sentences.size(), 30000u);
  EXPECT_GT(quotes.size(), 5000u);
  EXPECT_GT(dates.size(), 5000u);
}

TEST_F(HostileInputTest, TenThousandNestedQuotes) {
  auto pipeline = Pipeline::Create(PipelineOptions());
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  Document curly, straight, unclosed;
  for (int i = 0; i < 10000; ++i) curly.text += "\xE2\x80\x9C";  // “
  curly.text += "Peace now";
  for (int i = 0; i < 10000; ++i) curly.text += "\xE2\x80\x9D";  // ”
  curly.text += " the minister said.";
  for (int i = 0; i < 10000; ++i) straight.text += "\"'";
  straight.text += "He said so.";
  for (int i = 0; i < 10000; ++i) unclosed.text += "\"We will\n\n";
  for (Document* d : {&curly, &straight, &unclosed}) {
    d->id = "quotes";
    d->date = "2024-05-19";
    Stopwatch watch;
    Analysis analysis = (*pipeline)->Analyze(*d);
    EXPECT_WITHIN(watch, 20);
    for (const Quote& q : analysis.quotes) {
      ASSERT_LE(q.end, d->text.size());
      ASSERT_LE(q.start, q.end);
    }
    EXPECT_TRUE(json::accept(AnalysisToJson(*d, analysis, {})));
  }
}

TEST_F(HostileInputTest, DeeplyNestedHtmlAmongGoodDocuments) {
  WriteGood();
  std::string html = "<html><body><p>Opening words.</p>";
  for (int i = 0; i < 200000; ++i) html += "<div><span>";
  html += "Peru praised Chile.";
  html += "</body></html>";
  Write("m-deep.html", html);
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(docs),
            (std::vector<std::string>{"a-good", "m-deep", "z-good"}));
}

TEST_F(HostileInputTest, JsonWithHugeNumbersAndDuplicateKeys) {
  WriteGood();
  Write("n-feed.jsonl",
        "{\"id\": 1e999, \"text\": \"India met Brazil.\"}\n"
        "{\"id\": 123456789012345678901234567890, \"text\": \"Peru met "
        "Chile.\"}\n"
        "{\"id\": \"dup\", \"id\": \"second\", \"text\": \"Iran met Oman.\", "
        "\"text\": \"Other text.\"}\n"
        "{\"id\": 18446744073709551615, \"text\": \"Cuba met Mexico.\", "
        "\"extra\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}\n");
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("n-feed.jsonl:1: line has a number out of range"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("n-feed.jsonl:2: line has a number out of range"),
            std::string::npos)
      << r.err;
  ASSERT_EQ(Ids(docs), (std::vector<std::string>{
                           "a-good", "dup", "18446744073709551615", "z-good"}));
  EXPECT_EQ(docs[1]["entities"].size(), 2u) << "the first \"text\" counts";
}

TEST_F(HostileInputTest, EmptyAndWhitespaceOnlyDocuments) {
  WriteGood();
  Write("m-empty.txt", "");
  Write("m-spaces.txt", "  \n\t\n\r\n \xC2\xA0 \n");
  Write("m-empty.html", "<html><body><nav>Menu</nav>   </body></html>");
  Write("n-feed.jsonl",
        "{\"id\": \"e1\", \"text\": \"\"}\n"
        "{\"id\": \"e2\", \"text\": \"   \\n\\t \"}\n"
        "\n   \n"
        "{\"id\": \"fine\", \"text\": \"Chad met Mali.\"}\n");
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* name :
       {"m-empty.txt: empty document", "m-empty.html: empty document",
        "n-feed.jsonl:1: empty document", "n-feed.jsonl:2: empty document"}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << name << "\n" << r.err;
  }
  std::vector<std::string> ids = Ids(docs);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "fine"), 1);
  // Whitespace-only text with a no-break space is either rejected as empty
  // or analysed into nothing; it never produces a sentence.
  for (const json& d : docs) {
    if (d["id"] == "m-spaces") {
      EXPECT_TRUE(d["sentences"].empty()) << d;
    }
  }
}

TEST_F(HostileInputTest, ImpossibleDatesNeverBecomeDates) {
  WriteGood();
  Write("n-feed.jsonl",
        "{\"id\": \"feb30\", \"date\": \"2024-02-30\", \"text\": \"Talks "
        "were held on February 30 and on 30 February 2023, 31/02/2024 and "
        "2023-02-29.\"}\n"
        "{\"id\": \"y99999\", \"date\": \"99999-01-01\", \"text\": \"In the "
        "year 99999, on 1 January 99999 and 99999-12-31, Peru met Chile.\"}\n"
        "{\"id\": \"y0\", \"date\": \"0000-00-00\", \"text\": \"On 0 May 0 "
        "and May 32, 2024, and in 1 BC.\"}\n");
  Stopwatch watch;
  std::vector<json> docs;
  CliResult r = ExtractAll(&docs);
  EXPECT_WITHIN(watch, 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(docs.size(), 5u);
  auto valid_day = [](const std::string& v) {
    if (v.size() != 10) return true;  // Month, year, week or empty.
    int y = std::stoi(v.substr(0, 4)), m = std::stoi(v.substr(5, 2)),
        d = std::stoi(v.substr(8, 2));
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 &&
           d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  };
  for (const json& d : docs) {
    std::string date = d["date"];
    EXPECT_TRUE(date.empty() || date == "2024-05-19" || valid_day(date))
        << d["id"] << " " << date;
    for (const json& m : d["dates"]) {
      std::string value = m.value("value", "");
      EXPECT_TRUE(valid_day(value)) << d["id"] << ": " << m;
      EXPECT_EQ(value.find("99999"), std::string::npos) << m;
    }
  }
  // The impossible document dates are dropped (the --date default is used).
  for (const json& d : docs) {
    if (d["id"] == "feb30" || d["id"] == "y99999" || d["id"] == "y0") {
      EXPECT_EQ(d["date"], "2024-05-19") << d["id"];
    }
  }
}

}  // namespace
}  // namespace entente
