#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "../../tests/test_util.h"
#include "entente/reader.h"
#include "reader/reader_internal.h"
#include "reader/reader_test_util.h"

namespace entente {
namespace {

using ::entente::testing::ReadAll;
using ::entente::testing::ReadResult;
using ::entente::testing::ScratchDir;

TEST(ReaderTest, ReadsEachFormatByExtension) {
  ScratchDir dir;
  std::string txt = dir.Write("one.txt", "August 21, 2015\n\nText one.\n");
  std::string jsonl =
      dir.Write("two.jsonl",
                "{\"id\": \"j1\", \"date\": \"2016-01-02\", \"text\": "
                "\"J one.\"}\n{\"text\": \"J two.\"}\n");
  std::string html =
      dir.Write("three.htm", "<html><body><p>Html text.</p></body></html>");
  ReadResult r = ReadAll({txt, jsonl, html});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.sequence, "DDDD");
  EXPECT_EQ(r.docs[0].id, "one");
  EXPECT_EQ(r.docs[0].date, "2015-08-21");
  EXPECT_EQ(r.docs[0].origin, txt);
  EXPECT_EQ(r.docs[1].id, "j1");
  EXPECT_EQ(r.docs[1].date, "2016-01-02");
  EXPECT_EQ(r.docs[2].id, "two-2");
  EXPECT_EQ(r.docs[2].origin, jsonl + ":2");
  EXPECT_EQ(r.docs[3].id, "three");
  EXPECT_EQ(r.docs[3].text, "Html text.");
}

TEST(ReaderTest, SniffsContent) {
  ScratchDir dir;
  // A saved page with a .txt name is still HTML.
  std::string page = dir.Write(
      "saved.txt", "\n  <!-- saved --><!DOCTYPE html><p>Page text.</p>");
  // A .txt that merely starts with '<' or '{' stays text.
  std::string angle = dir.Write("angle.txt", "<<< Breaking >>> news.");
  std::string brace = dir.Write("brace.txt", "{not json} text.");
  // Unknown extensions are sniffed when named explicitly.
  std::string feed = dir.Write("feed.dump", "{\"text\": \"From a dump.\"}\n");
  std::string web = dir.Write("page.php", "<div><p>Web text.</p></div>");
  std::string plain = dir.Write("README", "Plain words.");
  ReadResult r = ReadAll({page, angle, brace, feed, web, plain});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.docs.size(), 6u);
  EXPECT_EQ(r.docs[0].text, "Page text.");
  EXPECT_EQ(r.docs[1].text, "<<< Breaking >>> news.");
  EXPECT_EQ(r.docs[2].text, "{not json} text.");
  EXPECT_EQ(r.docs[3].id, "feed-1");
  EXPECT_EQ(r.docs[3].text, "From a dump.");
  EXPECT_EQ(r.docs[4].text, "Web text.");
  EXPECT_EQ(r.docs[5].id, "README");
}

TEST(ReaderTest, ForcedFormat) {
  ScratchDir dir;
  std::string path = dir.Write("a.txt", "<p>Tagged</p>");
  ReaderOptions options;
  options.format = InputFormat::kText;
  ReadResult r = ReadAll({path}, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "<p>Tagged</p>");
  options.format = InputFormat::kHtml;
  r = ReadAll({path}, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "Tagged");
}

TEST(ReaderTest, WalksDirectoriesSortedSkippingHiddenAndUnknown) {
  ScratchDir dir;
  dir.Write("b.txt", "B.");
  dir.Write("a/z.md", "AZ.");
  dir.Write("a.TXT", "A.");
  dir.Write("a/c/d.html", "<p>D.</p>");
  dir.Write("a/feed.ndjson", "{\"id\": \"f\", \"text\": \"F.\"}\n");
  dir.Write(".hidden.txt", "Hidden.");
  dir.Write(".git/x.txt", "Hidden too.");
  dir.Write("a/image.png", "\x89PNG");
  dir.Write("notes", "No extension.");
  ReadResult r = ReadAll({dir.path().string()});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::vector<std::string> texts;
  for (const Document& doc : r.docs) texts.push_back(doc.text);
  // Component-wise order: a directory's files stay together ("a/..." before
  // "a.TXT").
  EXPECT_EQ(texts, (std::vector<std::string>{"D.", "F.", "AZ.", "A.", "B."}));
}

TEST(ReaderTest, DirectoryWithoutReadableFiles) {
  ScratchDir dir;
  dir.Write("sub/image.jpg", "xx");
  dir.Write(".hidden.txt", "Hidden.");
  std::string good = dir.Write("../good_for_dir_test.txt", "Good.");
  ReadResult r = ReadAll({dir.path().string(), good});
  EXPECT_EQ(r.sequence, "ED");
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status.message().rfind(dir.path().string() + ": no readable", 0),
            0u)
      << r.status.message();
  std::filesystem::remove(good);
}

TEST(ReaderTest, MissingFileIsNotFoundAndOthersContinue) {
  ScratchDir dir;
  std::string good = dir.Write("good.txt", "Good.");
  std::string missing = (dir.path() / "missing.txt").string();
  std::string under_file = good + "/child.txt";
  ReadResult r = ReadAll({missing, good, under_file});
  EXPECT_EQ(r.sequence, "EDE");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), StatusCode::kNotFound);
  EXPECT_EQ(r.errors[0].message(), missing + ": no such file or directory");
  EXPECT_EQ(r.errors[1].code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status.message(), r.errors[0].message());
}

TEST(ReaderTest, UnreadableFile) {
  ScratchDir dir;
  std::string locked = dir.Write("locked.txt", "Secret.");
  ::chmod(locked.c_str(), 0);
  if (::access(locked.c_str(), R_OK) == 0) {
    GTEST_SKIP() << "running with permission to read mode-000 files (root)";
  }
  ReadResult r = ReadAll({locked});
  EXPECT_EQ(r.sequence, "E");
  EXPECT_EQ(r.status.code(), StatusCode::kIoError);
  EXPECT_EQ(r.status.message().rfind(locked + ": cannot open", 0), 0u)
      << r.status.message();
}

TEST(ReaderTest, ReadErrorIsIoError) {
  // Reading /proc/self/mem at offset 0 fails with EIO: a file that opens
  // but cannot be read, even as root.
  if (!std::filesystem::exists("/proc/self/mem")) GTEST_SKIP();
  ReadResult r = ReadAll({"/proc/self/mem"});
  EXPECT_EQ(r.sequence, "E");
  EXPECT_EQ(r.status.code(), StatusCode::kIoError) << r.status.ToString();
  EXPECT_EQ(r.status.message(), "/proc/self/mem: read error");
}

TEST(ReaderTest, BinaryFiles) {
  ScratchDir dir;
  std::string nul = dir.Write("nul.txt", std::string("PK\x03\x04\0\0abc", 9));
  std::string control =
      dir.Write("ctl.jsonl", std::string(100, '\x01') + "{\"text\": \"x\"}");
  std::string utf16 = dir.Write("u16.txt", std::string("\xFF\xFEh\0i\0", 6));
  std::string good =
      dir.Write("good.txt", "Tabs\tand\r\nnewlines\x0c are fine.");
  ReadResult r = ReadAll({nul, control, utf16, good});
  EXPECT_EQ(r.sequence, "EEED");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.errors[0].message(), nul + ": binary file");
  EXPECT_EQ(r.errors[1].message(), control + ": binary file");
  EXPECT_EQ(r.errors[2].message(), utf16 + ": binary file");
}

TEST(ReaderTest, EmptyDocuments) {
  ScratchDir dir;
  std::string empty = dir.Write("empty.txt", "");
  std::string blank = dir.Write("blank.txt", " \n\t\r\n ");
  std::string html = dir.Write("blank.html", "<html><body> </body></html>");
  ReadResult r = ReadAll({empty, blank, html});
  EXPECT_EQ(r.sequence, "EEE");
  for (const Status& s : r.errors) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(": empty document"), std::string::npos);
  }
  EXPECT_EQ(r.errors[0].message(), empty + ": empty document");
}

TEST(ReaderTest, TooLargeDocuments) {
  ScratchDir dir;
  ReaderOptions options;
  options.max_document_bytes = 2000;
  std::string big = dir.Write("big.txt", std::string(5000, 'a'));
  std::string big_html =
      dir.Write("big.html", "<p>" + std::string(5000, 'a') + "</p>");
  std::string fits = dir.Write("fits.txt", std::string(2000, 'b'));
  ReadResult r = ReadAll({big, big_html, fits}, options);
  EXPECT_EQ(r.sequence, "EED");
  EXPECT_EQ(r.errors[0].code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.errors[0].message(),
            big +
                ": document is 5000 bytes, more than max_document_bytes "
                "(2000)");
  EXPECT_EQ(r.errors[1].code(), StatusCode::kResourceExhausted);
}

TEST(ReaderTest, StdinIsSniffed) {
  // Swap stdin's buffer for the duration of the test.
  struct Restore {
    std::streambuf* old;
    ~Restore() { std::cin.rdbuf(old); }
  };
  {
    std::istringstream in(
        "  {\"text\": \"From stdin.\"}\n{\"id\": \"s2\", \"text\": "
        "\"Two.\"}\n");
    Restore restore{std::cin.rdbuf(in.rdbuf())};
    ReadResult r = ReadAll({"-"});
    ASSERT_EQ(r.sequence, "DD");
    EXPECT_EQ(r.docs[0].id, "stdin-1");
    EXPECT_EQ(r.docs[0].origin, "stdin:1");
    EXPECT_EQ(r.docs[1].id, "s2");
    std::cin.clear();
  }
  {
    std::istringstream in("<p>Html from stdin.</p>");
    Restore restore{std::cin.rdbuf(in.rdbuf())};
    ReadResult r = ReadAll({"-"});
    ASSERT_EQ(r.sequence, "D");
    EXPECT_EQ(r.docs[0].id, "stdin");
    EXPECT_EQ(r.docs[0].text, "Html from stdin.");
    std::cin.clear();
  }
  {
    std::istringstream in("21 August 2015\n\nPlain from stdin.");
    Restore restore{std::cin.rdbuf(in.rdbuf())};
    ReadResult r = ReadAll({"-"});
    ASSERT_EQ(r.sequence, "D");
    EXPECT_EQ(r.docs[0].id, "stdin");
    EXPECT_EQ(r.docs[0].date, "2015-08-21");
    std::cin.clear();
  }
  {
    // No size to check beforehand: the limit applies while reading.
    std::istringstream in(std::string(300000, 'x'));
    Restore restore{std::cin.rdbuf(in.rdbuf())};
    ReaderOptions options;
    options.max_document_bytes = 100000;
    ReadResult r = ReadAll({"-"}, options);
    ASSERT_EQ(r.sequence, "E");
    EXPECT_EQ(r.status.code(), StatusCode::kResourceExhausted);
    EXPECT_EQ(r.status.message().rfind("stdin: document is larger", 0), 0u);
    std::cin.clear();
  }
}

TEST(ReaderTest, NoInputsIsOk) {
  ReadResult r = ReadAll({});
  EXPECT_TRUE(r.status.ok());
  EXPECT_TRUE(r.sequence.empty());
}

TEST(ReaderTest, HelperFunctions) {
  EXPECT_EQ(FileStem("dir/Story One.txt"), "Story One");
  EXPECT_EQ(FileStem("a.tar.gz"), "a.tar");
  EXPECT_EQ(FileStem("-"), "stdin");
  EXPECT_EQ(FileStem("dir/.profile"), ".profile");
  EXPECT_TRUE(IsValidUtf8("plain \xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // Surrogate.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Above U+10FFFF.
  EXPECT_FALSE(LooksBinary("Ordinary text\twith\r\nbreaks."));
  EXPECT_TRUE(LooksBinary(std::string("a\0b", 3)));
  EXPECT_EQ(FormatFromExtension("x/A.HTML"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromExtension("x.ndjson"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromExtension("x.pdf"), InputFormat::kAuto);
}

TEST(ReaderSharedTest, ReadsWikinewsJsonl) {
  ENTENTE_REQUIRE_SHARED("news/wikinews.jsonl");
  std::string path =
      (entente::testing::SharedDir() / "news/wikinews.jsonl").string();
  ReadResult r = ReadAll({path});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 294u);
  std::set<std::string> ids;
  for (const Document& doc : r.docs) {
    EXPECT_FALSE(doc.id.empty());
    EXPECT_EQ(doc.date.size(), 10u) << doc.id << ": " << doc.date;
    EXPECT_TRUE(NormalizeDate(doc.date).has_value()) << doc.id;
    EXPECT_FALSE(doc.text.empty()) << doc.id;
    EXPECT_FALSE(doc.title.empty()) << doc.id;
    EXPECT_EQ(doc.source, "Wikinews") << doc.id;
    ids.insert(doc.id);
  }
  EXPECT_EQ(ids.size(), r.docs.size()) << "ids must be unique";
}

}  // namespace
}  // namespace entente
