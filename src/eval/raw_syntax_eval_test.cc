#include "eval/raw_syntax_eval.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "../../tests/test_util.h"

namespace entente {
namespace {

std::shared_ptr<const SyntaxModel> Model() {
  static auto model = SyntaxModel::Load("");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? *model : nullptr;
}

TEST(RawSyntaxEvalTest, AlignsWordsAndScoresHeadsAcrossTheAlignment) {
  auto sentences = ParseConllu(
      "# text = Russia attacked Ukraine.\n"
      "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
      "\n"
      "# text = Iran didn't reply.\n"
      "1\tIran\tIran\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
      "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\treply\treply\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n",
      "test");
  ASSERT_TRUE(sentences.ok()) << sentences.status().ToString();
  auto model = Model();
  ASSERT_NE(model, nullptr);
  RawSyntaxScores s = EvaluateRawSyntax(*model, *sentences);
  EXPECT_EQ(s.words.gold, 9u);
  EXPECT_EQ(s.words.predicted, 9u);
  EXPECT_EQ(s.words.correct, 9u);  // "didn't" splits into "did" "n't".
  EXPECT_EQ(s.sentences.correct, 2u);
  EXPECT_EQ(s.upos.correct, 9u);
  EXPECT_EQ(s.uas.correct, 9u);
  EXPECT_EQ(s.las.correct, 9u);
}

TEST(RawSyntaxEvalSharedTest, GumDevSliceAboveFloors) {
  ENTENTE_REQUIRE_SHARED("corpora/gum/dev.conllu");
  auto all = ReadConlluFile(
      (testing::SharedDir() / "corpora/gum/dev.conllu").string());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::vector<ConlluSentence> slice(
      all->begin(), all->begin() + std::min<size_t>(300, all->size()));
  auto model = Model();
  ASSERT_NE(model, nullptr);
  RawSyntaxScores s = EvaluateRawSyntax(*model, slice);
  // Whole GUM dev measures words 99.6, UPOS 96.1, UAS 84.4, LAS 81.5.
  EXPECT_GE(s.words.F1(), 0.98);
  EXPECT_GE(s.upos.F1(), 0.93);
  EXPECT_GE(s.uas.F1(), 0.78);
  EXPECT_GE(s.las.F1(), 0.74);
}

}  // namespace
}  // namespace entente
