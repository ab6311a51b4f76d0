#include "util/strings.h"

#include <gtest/gtest.h>

namespace entente {
namespace {

TEST(SplitFieldsTest, KeepsEmptyFields) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(SplitFields("a\tb\t", '\t'), (V{"a", "b", ""}));
  EXPECT_EQ(SplitFields("", '\t'), (V{""}));
  EXPECT_EQ(SplitFields("x|y", '|'), (V{"x", "y"}));
}

TEST(TrimCharsTest, TrimsOnlyTheGivenCharactersAtBothEnds) {
  EXPECT_EQ(TrimChars(" \tUSA GOV\r\n"), "USA GOV");
  EXPECT_EQ(TrimChars(" \tx\r", " \t"), "x\r");
  EXPECT_EQ(TrimChars("\fx y\f", " \t"), "\fx y\f");
  EXPECT_EQ(TrimChars(" \t ", " \t"), "");
  EXPECT_EQ(TrimChars(""), "");
}

}  // namespace
}  // namespace entente
