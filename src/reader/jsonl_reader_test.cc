#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "entente/reader.h"
#include "reader/reader_internal.h"
#include "reader/reader_test_util.h"

namespace entente {
namespace {

using ::entente::testing::ReadAll;
using ::entente::testing::ScratchDir;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(JsonlReaderTest, ParsesAllFields) {
  StatusOr<Document> doc = ParseJsonRecord(
      R"({"id": "a1", "date": "2019-01-04T10:00:00Z", "source": "Wikinews",)"
      R"( "url": "https://x/y", "title": "T", "text": "Body \u00e9."})",
      "feed.jsonl:3", {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "a1");
  EXPECT_EQ(doc->date, "2019-01-04");
  EXPECT_EQ(doc->source, "Wikinews");
  EXPECT_EQ(doc->url, "https://x/y");
  EXPECT_EQ(doc->title, "T");
  EXPECT_EQ(doc->text, "Body \xC3\xA9.");
  EXPECT_EQ(doc->origin, "feed.jsonl:3");
}

TEST(JsonlReaderTest, MissingIdAndDate) {
  ReaderOptions options;
  options.default_date = "2001-02-03";
  StatusOr<Document> doc =
      ParseJsonRecord(R"({"text": "Body."})", "dir/feed.jsonl:7", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->id, "feed-7");
  EXPECT_EQ(doc->date, "2001-02-03");
  // A numeric id is kept; a dateline in the text beats the default date.
  doc = ParseJsonRecord(
      R"({"id": 42, "date": null, "text": "Friday, January 4, 2019\n\nB."})",
      "f.jsonl:1", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->id, "42");
  EXPECT_EQ(doc->date, "2019-01-04");
  // An unreadable date is dropped, not passed on.
  doc = ParseJsonRecord(R"({"date": "last week", "text": "B."})", "f.jsonl:2",
                        options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "2001-02-03");
}

TEST(JsonlReaderTest, BadRecords) {
  struct Case {
    std::string line;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"not json", "f.jsonl:9: line is not JSON"},
           {R"({"text": "a")", "f.jsonl:9: line is not JSON"},
           {R"(["text"])", "f.jsonl:9: JSON record is not an object"},
           {R"("text")", "f.jsonl:9: JSON record is not an object"},
           {R"({"title": "x"})", "f.jsonl:9: record has no string \"text\""},
           {R"({"text": 3})", "f.jsonl:9: record has no string \"text\""},
           {R"({"text": "  \n "})", "f.jsonl:9: empty document"},
           {"{\"text\": \"caf\xE9\"}", "f.jsonl:9: line is not valid UTF-8"},
       }) {
    StatusOr<Document> doc = ParseJsonRecord(c.line, "f.jsonl:9", {});
    ASSERT_FALSE(doc.ok()) << c.line;
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument) << c.line;
    EXPECT_TRUE(Contains(doc.status().message(), c.message))
        << c.line << " -> " << doc.status().message();
  }
}

TEST(JsonlReaderTest, FileWithBadLinesKeepsGoing) {
  ScratchDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\": \"a\", \"text\": \"One.\"}\n"
                               "\n"
                               "garbage\n"
                               "  \r\n"
                               "{\"text\": \"Two.\"}\r\n"
                               "{\"id\": \"c\"}\n"
                               "{\"id\": \"d\", \"text\": \"Four.\"}");
  testing::ReadResult r = ReadAll({path});
  EXPECT_EQ(r.sequence, "DEDED");
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "feed-5");
  EXPECT_EQ(r.docs[1].text, "Two.");
  EXPECT_EQ(r.docs[1].origin, path + ":5");
  EXPECT_EQ(r.docs[2].id, "d");  // Last line without a newline.
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].message().rfind(path + ":3: line is not JSON", 0), 0u)
      << r.errors[0].message();
  EXPECT_EQ(r.errors[1].message(),
            path + ":6: record has no string \"text\" field");
  // The first error is returned.
  EXPECT_EQ(r.status.message(), r.errors[0].message());
}

TEST(JsonlReaderTest, OversizedLineSkippedWithoutStoppingTheFile) {
  ScratchDir dir;
  ReaderOptions options;
  options.max_document_bytes = 1000;
  // Much longer than the limit and than the reader's chunk size, to check
  // that the line is skipped across chunk boundaries.
  std::string huge = "{\"text\": \"" + std::string(300000, 'x') + "\"}";
  std::string path =
      dir.Write("big.jsonl", "{\"text\": \"Before.\"}\n" + huge +
                                 "\n{\"text\": \"After.\"}\n" + huge);
  testing::ReadResult r = ReadAll({path}, options);
  EXPECT_EQ(r.sequence, "DEDE");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "Before.");
  EXPECT_EQ(r.docs[1].text, "After.");
  EXPECT_EQ(r.docs[1].id, "big-3");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(
      Contains(r.errors[0].message(),
               path + ":2: line is " + std::to_string(huge.size()) + " bytes"))
      << r.errors[0].message();
  EXPECT_TRUE(Contains(r.errors[1].message(), path + ":4:"));
  EXPECT_EQ(r.status.code(), StatusCode::kResourceExhausted);
}

TEST(JsonlReaderTest, LineReaderBoundsMemory) {
  std::istringstream in(std::string(5000, 'a') + "\nb\n" +
                        std::string(2000, 'c'));
  LineReader reader(in, "", 100);
  std::string line;
  uint64_t too_long = 0;
  EXPECT_EQ(reader.Next(&line, &too_long), LineReader::Result::kTooLong);
  EXPECT_EQ(too_long, 5000u);
  EXPECT_EQ(reader.Next(&line, &too_long), LineReader::Result::kLine);
  EXPECT_EQ(line, "b");
  EXPECT_EQ(reader.line_number(), 2u);
  EXPECT_EQ(reader.Next(&line, &too_long), LineReader::Result::kTooLong);
  EXPECT_EQ(too_long, 2000u);
  EXPECT_EQ(reader.Next(&line, &too_long), LineReader::Result::kEnd);
}

TEST(JsonlReaderTest, LineReaderUsesHead) {
  std::istringstream in("c\"}\n{\"x\"}");
  LineReader reader(in, "{\"a\": \"b", 100);
  std::string line;
  uint64_t too_long = 0;
  ASSERT_EQ(reader.Next(&line, &too_long), LineReader::Result::kLine);
  EXPECT_EQ(line, "{\"a\": \"bc\"}");
  ASSERT_EQ(reader.Next(&line, &too_long), LineReader::Result::kLine);
  EXPECT_EQ(line, "{\"x\"}");
  EXPECT_EQ(reader.Next(&line, &too_long), LineReader::Result::kEnd);
}

TEST(JsonlReaderTest, EmptyFileIsAnError) {
  ScratchDir dir;
  std::string path = dir.Write("empty.jsonl", "\n  \n");
  testing::ReadResult r = ReadAll({path});
  EXPECT_EQ(r.sequence, "E");
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status.message(), path + ": empty document (no JSON records)");
}

TEST(JsonlReaderTest, BomOnFirstLine) {
  ScratchDir dir;
  std::string path =
      dir.Write("bom.jsonl", "\xEF\xBB\xBF{\"id\": \"x\", \"text\": \"T.\"}\n");
  testing::ReadResult r = ReadAll({path});
  ASSERT_EQ(r.sequence, "D");
  EXPECT_EQ(r.docs[0].id, "x");
}

TEST(JsonlReaderTest, HugeNumbersAreReportedAndDuplicateKeysTakeTheFirst) {
  for (const char* line : {R"({"id": 1e999, "text": "Body."})",
                           R"({"id": 123456789012345678901234567890, )"
                           R"("text": "Body."})"}) {
    StatusOr<Document> doc = ParseJsonRecord(line, "feed.jsonl:4", {});
    ASSERT_FALSE(doc.ok()) << line;
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(Contains(doc.status().message(), "feed.jsonl:4"));
    EXPECT_TRUE(Contains(doc.status().message(), "number out of range"))
        << doc.status().ToString();
  }
  StatusOr<Document> doc = ParseJsonRecord(
      R"({"id": "a", "id": "b", "text": "First.", "text": "Second.", )"
      R"("date": 9007199254740993, "id": 18446744073709551615})",
      "feed.jsonl:5", {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "a");
  EXPECT_EQ(doc->text, "First.");
  EXPECT_EQ(doc->date, "");
}

}  // namespace
}  // namespace entente
