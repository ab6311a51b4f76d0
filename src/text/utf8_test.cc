#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entente/text.h"

namespace entente {
namespace {

TEST(Utf8Test, ValidTextHasNoInvalidBytes) {
  EXPECT_TRUE(FindInvalidUtf8("").empty());
  EXPECT_TRUE(FindInvalidUtf8("plain ASCII text").empty());
  EXPECT_TRUE(FindInvalidUtf8("Zürich – “Kyiv” 😀 \xF4\x8F\xBF\xBF").empty());
}

TEST(Utf8Test, ReportsEachInvalidByteOffset) {
  // Stray continuation byte, truncated 3-byte sequence, C0 overlong.
  const std::string text =
      "a\x80"
      "b\xE2\x82"
      "c\xC0\xAF";
  EXPECT_EQ(FindInvalidUtf8(text), (std::vector<size_t>{1, 3, 4, 6, 7}));
}

TEST(Utf8Test, RejectsOverlongsSurrogatesAndOutOfRange) {
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF").size(), 3u);      // Overlong '/'.
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80").size(), 3u);      // U+D800.
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80").size(), 4u);  // > U+10FFFF.
  EXPECT_EQ(FindInvalidUtf8("\xF5\x80").size(), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98").size(), 3u);  // Truncated at end.
}

TEST(Utf8Test, InvalidBytesInsideLongAsciiRuns) {
  std::string text(100, 'x');
  text[37] = '\xFF';
  EXPECT_EQ(FindInvalidUtf8(text), (std::vector<size_t>{37}));
}

TEST(Utf8Test, ReplacesEveryInvalidByteWithReplacementCharacter) {
  EXPECT_EQ(ReplaceInvalidUtf8("ok"), "ok");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xFF"
                               "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ReplaceInvalidUtf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ReplaceInvalidUtf8("ü\xC3"), "ü\xEF\xBF\xBD");
  EXPECT_TRUE(
      FindInvalidUtf8(ReplaceInvalidUtf8("\x80\xC0\xAF\xED\xA0\x80")).empty());
}

}  // namespace
}  // namespace entente
