#include "eval/segmentation_eval.h"

#include <gtest/gtest.h>

#include <string>

namespace entente {
namespace {

constexpr char kConllu[] =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# text = Troops don't leave.\n"
    "1\tTroops\ttroop\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tleave\tleave\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# text = They stay.\n"
    "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\tstay\tstay\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# text = Title\n"
    "1\tTitle\ttitle\tNOUN\tNN\t_\t0\troot\t_\t_\n"
    "\n";

std::string Sample() { return kConllu; }

TEST(SegmentationEvalTest, RebuildsTextWithParagraphsAndSpaces) {
  auto sentences = ParseConllu(Sample(), "sample");
  ASSERT_TRUE(sentences.ok()) << sentences.status().ToString();
  const SegmentationCorpus corpus = BuildSegmentationCorpus(*sentences);
  EXPECT_EQ(corpus.text, "Troops don't leave. They stay.\n\nTitle");
  EXPECT_EQ(corpus.documents, 2u);
  EXPECT_EQ(corpus.paragraphs, 2u);
  EXPECT_EQ(corpus.unaligned_tokens, 0u);
  // "don't" is scored as "do" + "n't" because they spell it.
  ASSERT_EQ(corpus.tokens.size(), 9u);
  EXPECT_EQ(corpus.tokens[1], (Span{7, 9}));
  EXPECT_EQ(corpus.tokens[2], (Span{9, 12}));
  ASSERT_EQ(corpus.sentences.size(), 3u);
  EXPECT_EQ(corpus.sentences[0], (Span{0, 19}));
  EXPECT_EQ(corpus.sentences[1], (Span{20, 30}));
  EXPECT_EQ(corpus.sentences[2], (Span{32, 37}));
}

TEST(SegmentationEvalTest, PerfectSegmentationScoresOne) {
  auto sentences = ParseConllu(Sample(), "sample");
  ASSERT_TRUE(sentences.ok());
  const SegmentationResult r =
      EvaluateSegmentation(BuildSegmentationCorpus(*sentences));
  EXPECT_EQ(r.tokens.correct, 9u);
  EXPECT_DOUBLE_EQ(r.tokens.F1(), 1.0);
  EXPECT_DOUBLE_EQ(r.sentences.F1(), 1.0);
}

TEST(SegmentationEvalTest, MultiwordTokenNotSpelledByWordsStaysWhole) {
  const std::string conllu =
      "# text = gotta go\n"
      "1-2\tgotta\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tgot\tget\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "2\tto\tto\tPART\tTO\t_\t1\tmark\t_\t_\n"
      "3\tgo\tgo\tVERB\tVB\t_\t1\txcomp\t_\t_\n\n";
  auto sentences = ParseConllu(conllu, "x");
  ASSERT_TRUE(sentences.ok());
  const SegmentationCorpus corpus = BuildSegmentationCorpus(*sentences);
  ASSERT_EQ(corpus.tokens.size(), 2u);
  EXPECT_EQ(corpus.tokens[0], (Span{0, 5}));
}

TEST(SegmentationEvalTest, ScoreSpansCountsExactMatchesOnly) {
  const std::vector<Span> gold = {{0, 3}, {4, 7}, {8, 10}};
  const std::vector<Span> predicted = {{0, 3}, {4, 10}};
  const PrfCounts c = ScoreSpans(gold, predicted);
  EXPECT_EQ(c.correct, 1u);
  EXPECT_DOUBLE_EQ(c.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(c.Recall(), 1.0 / 3);
  EXPECT_NEAR(c.F1(), 0.4, 1e-12);
  EXPECT_EQ(ScoreSpans({}, {}).F1(), 0.0);
}

TEST(SegmentationEvalTest, MissingFileIsNotFoundNamingIt) {
  auto r = EvaluateSegmentationFile("/nonexistent/x.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/x.conllu"),
            std::string::npos);
}

}  // namespace
}  // namespace entente
