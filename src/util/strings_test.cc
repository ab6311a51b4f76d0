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

}  // namespace
}  // namespace entente
