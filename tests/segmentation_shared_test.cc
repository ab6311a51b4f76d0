// Segmentation accuracy on the GUM development set (../shared). The targets
// are the ones docs/accuracy.md reports against; a drop below them fails.
#include <gtest/gtest.h>

#include "eval/segmentation_eval.h"
#include "test_util.h"

namespace entente {
namespace {

TEST(SegmentationSharedTest, GumDevMeetsTargets) {
  ENTENTE_REQUIRE_SHARED("corpora/gum/dev.conllu");
  const auto path = testing::SharedDir() / "corpora/gum/dev.conllu";
  auto result = EvaluateSegmentationFile(path.string());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_GT(result->tokens.gold, 10000u);
  EXPECT_GT(result->sentences.gold, 500u);
  EXPECT_GE(result->tokens.F1(), 0.98)
      << "P " << result->tokens.Precision() << " R " << result->tokens.Recall();
  EXPECT_GE(result->sentences.F1(), 0.90)
      << "P " << result->sentences.Precision() << " R "
      << result->sentences.Recall();
}

}  // namespace
}  // namespace entente
