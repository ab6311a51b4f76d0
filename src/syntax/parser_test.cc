#include "syntax/parser.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "../../tests/test_util.h"
#include "syntax/training.h"

namespace entente::syntax {
namespace {

constexpr int kLabels = 3;  // 0 = root, 1 = a, 2 = b.

// Follows the cheapest transitions from the initial state; returns the total
// cost incurred and the resulting tree (heads -1 for root).
int FollowOracle(std::span<const int> heads, std::span<const int> labels,
                 std::vector<int>* out_heads, std::vector<int>* out_labels) {
  const int n = static_cast<int>(heads.size());
  std::vector<int> gold_heads(n);
  for (int i = 0; i < n; ++i) gold_heads[i] = heads[i] < 0 ? n : heads[i];
  ArcHybridState st(n, kLabels, 0);
  int total = 0;
  while (!st.Terminal()) {
    int best = -1, best_cost = 0;
    for (int t = 0; t < st.num_transitions(); ++t) {
      if (!st.Valid(t)) continue;
      int c = st.Cost(t, gold_heads, labels);
      if (best < 0 || c < best_cost) best = t, best_cost = c;
    }
    EXPECT_GE(best, 0);
    if (best < 0) break;
    total += best_cost;
    st.Apply(best);
  }
  out_heads->resize(n);
  out_labels->resize(n);
  for (int i = 0; i < n; ++i) {
    (*out_heads)[i] = st.head(i) == n ? -1 : st.head(i);
    (*out_labels)[i] = st.label(i);
  }
  return total;
}

// Random projective tree over [lo, hi] whose top attaches to `head`.
void RandomSubtree(int lo, int hi, int head, std::mt19937* rng,
                   std::vector<int>* heads) {
  if (lo > hi) return;
  int r = lo + static_cast<int>((*rng)() % (hi - lo + 1));
  (*heads)[r] = head;
  // Split each side into consecutive segments, each a subtree of r.
  for (auto [a, b] : {std::pair{lo, r - 1}, std::pair{r + 1, hi}}) {
    while (a <= b) {
      int len = 1 + static_cast<int>((*rng)() % (b - a + 1));
      RandomSubtree(a, a + len - 1, r, rng, heads);
      a += len;
    }
  }
}

TEST(ArcHybridTest, OracleBuildsSmallGoldTree) {
  // The cat sat on the mat .
  std::vector<int> heads = {1, 2, -1, 5, 5, 2, 2};
  std::vector<int> labels = {1, 2, 0, 1, 1, 2, 1};
  std::vector<int> got_heads, got_labels;
  EXPECT_EQ(FollowOracle(heads, labels, &got_heads, &got_labels), 0);
  EXPECT_EQ(got_heads, heads);
  EXPECT_EQ(got_labels, labels);
}

TEST(ArcHybridTest, OracleBuildsRandomProjectiveTrees) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    int n = 1 + static_cast<int>(rng() % 25);
    std::vector<int> heads(n), labels(n);
    RandomSubtree(0, n - 1, -1, &rng, &heads);
    for (int i = 0; i < n; ++i) {
      labels[i] = heads[i] < 0 ? 0 : 1 + static_cast<int>(rng() % 2);
    }
    ASSERT_TRUE(IsProjective(heads));
    std::vector<int> got_heads, got_labels;
    EXPECT_EQ(FollowOracle(heads, labels, &got_heads, &got_labels), 0);
    EXPECT_EQ(got_heads, heads) << "trial " << trial;
    EXPECT_EQ(got_labels, labels) << "trial " << trial;
  }
}

TEST(ArcHybridTest, NonProjectiveTreeStillGivesOneRoot) {
  // 0 <- 2, 1 <- 3 cross; root 2.
  std::vector<int> heads = {2, 3, -1, 2};
  std::vector<int> labels = {1, 1, 0, 2};
  EXPECT_FALSE(IsProjective(heads));
  std::vector<int> got_heads, got_labels;
  EXPECT_GT(FollowOracle(heads, labels, &got_heads, &got_labels), 0);
  int roots = 0;
  for (int i = 0; i < 4; ++i) {
    if (got_heads[i] < 0) {
      ++roots;
      EXPECT_EQ(got_labels[i], 0);
    } else {
      EXPECT_NE(got_labels[i], 0);
    }
  }
  EXPECT_EQ(roots, 1);
}

TEST(ArcHybridTest, ValidityAtTheRoot) {
  ArcHybridState st(2, kLabels, 0);
  EXPECT_TRUE(st.Valid(0));
  EXPECT_FALSE(st.Valid(1));  // Empty stack.
  st.Apply(0);
  EXPECT_FALSE(st.Valid(1));  // Root label only onto the root.
  EXPECT_TRUE(st.Valid(2));
  st.Apply(0);
  EXPECT_FALSE(st.Valid(0));  // The root is never shifted.
  EXPECT_FALSE(st.Valid(1));  // Two words left: no root attachment yet.
  EXPECT_TRUE(st.Valid(1 + kLabels + 1));
  st.Apply(1 + kLabels + 1);
  EXPECT_TRUE(st.Valid(1));
  st.Apply(1);
  EXPECT_TRUE(st.Terminal());
  EXPECT_EQ(st.head(0), 2);
  EXPECT_EQ(st.head(1), 0);
}

TEST(ProjectivityTest, Examples) {
  EXPECT_TRUE(IsProjective(std::vector<int>{-1}));
  EXPECT_TRUE(IsProjective(std::vector<int>{1, -1, 1}));
  EXPECT_FALSE(IsProjective(std::vector<int>{2, 3, -1, 2}));
  // An arc spanning over the root word is non-projective.
  EXPECT_FALSE(IsProjective(std::vector<int>{2, -1, 1}));
}

// A parser trained on a few gold trees reproduces them and survives a
// serialization round trip.
TEST(ParserTest, TrainsOnTinyTreebankAndRoundTrips) {
  const char* kConllu =
      "1\tdogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n"
      "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
      "\n"
      "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
      "2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
      "3\tsleeps\tsleep\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
      "4\tsoundly\tsoundly\tADV\tRB\t_\t3\tadvmod\t_\t_\n"
      "\n";
  auto sentences = ParseConllu(kConllu, "tiny");
  ASSERT_TRUE(sentences.ok());
  ParserTrainOptions options;
  options.epochs = 10;
  auto parser = Parser::Train(*sentences, {}, options);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  auto loaded = Parser::Deserialize(parser->Serialize(), "mem");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const ConlluSentence& s : *sentences) {
    std::vector<ParserWord> words;
    for (const ConlluWord& w : s.words)
      words.push_back({w.form, w.upos, w.xpos});
    std::vector<int> heads, labels, heads2, labels2;
    parser->Parse(words, &heads, &labels);
    loaded->Parse(words, &heads2, &labels2);
    EXPECT_EQ(heads, heads2);
    EXPECT_EQ(labels, labels2);
    for (size_t i = 0; i < words.size(); ++i) {
      EXPECT_EQ(heads[i] + 1, s.words[i].head);
      EXPECT_EQ(parser->label_names()[labels[i]], s.words[i].deprel);
    }
  }
  // Deterministic: the same seed gives the same model bytes.
  auto again = Parser::Train(*sentences, {}, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Serialize(), parser->Serialize());
  // Truncations of the payload are DataLoss errors, never crashes.
  std::string payload = parser->Serialize();
  for (size_t n = 0; n < payload.size(); n += 7) {
    auto bad =
        Parser::Deserialize(std::string_view(payload).substr(0, n), "cut");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  }
}

TEST(ArcHybridSharedTest, OracleReproducesEwtDevProjectiveTrees) {
  ENTENTE_REQUIRE_SHARED("corpora/ud-english-ewt/dev.conllu");
  auto sentences = ReadConlluFile(
      (testing::SharedDir() / "corpora/ud-english-ewt/dev.conllu").string());
  ASSERT_TRUE(sentences.ok()) << sentences.status().ToString();
  int checked = 0;
  for (size_t s = 0; s < sentences->size() && s < 300; ++s) {
    const auto& words = (*sentences)[s].words;
    std::vector<int> heads, labels;
    for (const ConlluWord& w : words) {
      heads.push_back(w.head - 1);
      labels.push_back(w.head == 0 ? 0 : 1);
    }
    if (!IsProjective(heads)) continue;
    std::vector<int> got_heads, got_labels;
    EXPECT_EQ(FollowOracle(heads, labels, &got_heads, &got_labels), 0);
    EXPECT_EQ(got_heads, heads) << (*sentences)[s].id;
    ++checked;
  }
  EXPECT_GT(checked, 250);
}

}  // namespace
}  // namespace entente::syntax
