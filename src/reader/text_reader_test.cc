#include <gtest/gtest.h>

#include <string>

#include "entente/reader.h"

namespace entente {
namespace {

TEST(TextReaderTest, IdFromFileStemAndDateFromDateline) {
  std::string text =
      "Friday, August 21, 2015\n\nRussia and China signed an agreement.\n";
  StatusOr<Document> doc = ParsePlainText("dir/Story One.txt", text, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "Story One");
  EXPECT_EQ(doc->date, "2015-08-21");
  EXPECT_EQ(doc->text, text);  // Byte for byte: offsets refer to it.
  EXPECT_EQ(doc->origin, "dir/Story One.txt");
  EXPECT_EQ(doc->title, "");  // A dateline is not a headline.
}

TEST(TextReaderTest, DefaultDateWhenNoDateline) {
  ReaderOptions options;
  options.default_date = "2020-01-02";
  StatusOr<Document> doc =
      ParsePlainText("a.txt", "Troops crossed the border on Monday.", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "2020-01-02");
  options.default_date.clear();
  doc = ParsePlainText("a.txt", "Troops crossed the border.", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "");
}

TEST(TextReaderTest, DatelineUnderHeadlineAndWirePlace) {
  ReaderOptions options;
  options.default_date = "2015-01-01";
  std::string text =
      "Russia Expels Diplomats\n\nMOSCOW, Aug 21 (Reuters) - Russia "
      "expelled two diplomats on Friday.\n";
  StatusOr<Document> doc = ParsePlainText("wire.txt", text, options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "Russia Expels Diplomats");
  EXPECT_EQ(doc->date, "2015-08-21");  // Year from the default date.
  EXPECT_EQ(doc->text, text);
}

TEST(TextReaderTest, HeadlineUnderDateline) {
  std::string text =
      "Tuesday, March 3, 2026\n\nTurkey hosts grain corridor talks\n\n"
      "ISTANBUL - Delegations met on Monday.\n";
  StatusOr<Document> doc = ParsePlainText("talks.txt", text, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "2026-03-03");
  EXPECT_EQ(doc->title, "Turkey hosts grain corridor talks");
}

TEST(TextReaderTest, DatelineBeyondThirdLineIgnored) {
  std::string text = "One.\nTwo.\nThree.\nAugust 21, 2015\n";
  StatusOr<Document> doc = ParsePlainText("a.txt", text, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "");
}

TEST(TextReaderTest, TitleIsConservative) {
  // A sentence is not a headline.
  StatusOr<Document> doc = ParsePlainText(
      "a.txt", "Russia expelled two diplomats.\n\nMore text.\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "");
  // A line running into the next is not a headline either.
  doc = ParsePlainText("a.txt", "Russia Expels Diplomats\nMore text.\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "");
  // A one-line document has no separate headline.
  doc = ParsePlainText("a.txt", "Russia Expels Diplomats\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "");
  // Bylines are not headlines.
  doc = ParsePlainText("a.txt", "By John Smith\n\nText.\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "");
  // Markdown heading.
  doc = ParsePlainText("a.md", "# Iran and Iraq sign deal\nText.\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "Iran and Iraq sign deal");
}

TEST(TextReaderTest, KeepsCrLfAndDropsBom) {
  std::string text =
      "\xEF\xBB\xBF"
      "21 August 2015\r\n\r\nBody.\r\n";
  StatusOr<Document> doc = ParsePlainText("a.txt", text, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "2015-08-21");
  EXPECT_EQ(doc->text, "21 August 2015\r\n\r\nBody.\r\n");
}

TEST(TextReaderTest, EmptyDocumentIsInvalid) {
  for (std::string text : {"", "   \n\t\n", "\xC2\xA0\n", "\xEF\xBB\xBF"}) {
    StatusOr<Document> doc = ParsePlainText("empty.txt", text, {});
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(doc.status().message(), "empty.txt: empty document");
  }
}

TEST(TextReaderTest, TooLargeDocument) {
  ReaderOptions options;
  options.max_document_bytes = 10;
  StatusOr<Document> doc =
      ParsePlainText("big.txt", "This is more than ten bytes.", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("big.txt"), std::string::npos);
}

TEST(TextReaderTest, InvalidUtf8IsNotAReaderError) {
  StatusOr<Document> doc =
      ParsePlainText("a.txt", "Caf\xE9 owner arrested.\n", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Caf\xE9 owner arrested.\n");
}

}  // namespace
}  // namespace entente
