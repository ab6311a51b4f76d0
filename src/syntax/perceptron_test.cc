#include "syntax/perceptron.h"

#include <gtest/gtest.h>

#include <vector>

#include "syntax/hashing.h"
#include "syntax/model_io.h"

namespace entente::syntax {
namespace {

TEST(KeyIndexTest, InsertFindAndGrow) {
  KeyIndex index;
  for (uint32_t k = 1; k <= 1000; ++k) EXPECT_EQ(index.Insert(k * 7919, k), k);
  EXPECT_EQ(index.size(), 1000u);
  for (uint32_t k = 1; k <= 1000; ++k) EXPECT_EQ(index.Find(k * 7919), k);
  EXPECT_EQ(index.Find(3), KeyIndex::kMissing);
  EXPECT_EQ(index.Insert(7919, 99), 1u);  // Existing keys keep their value.
}

TEST(FeatureHashTest, OrderMattersAndNeverZero) {
  EXPECT_NE(Feat(1, 2, 3), Feat(1, 3, 2));
  EXPECT_NE(Feat(1, 2), Feat(2, 2));
  EXPECT_EQ(Feat(5, HashString("dog")), Feat(5, HashString("dog")));
  EXPECT_EQ(FeatureKey(0), 1u);
}

// A separable toy problem: class = which of three indicator features fires.
PerceptronModel TrainToy() {
  PerceptronTrainer trainer(3);
  float scores[3];
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (int c = 0; c < 3; ++c) {
      std::vector<uint32_t> f = {Feat(0, 0), Feat(1, static_cast<uint64_t>(c))};
      trainer.Score(f, scores);
      int guess = 0;
      for (int k = 1; k < 3; ++k) {
        if (scores[k] > scores[guess]) guess = k;
      }
      trainer.Update(f, c, guess);
      trainer.Tick();
    }
  }
  return trainer.Average(0);
}

int Predict(const PerceptronModel& model, int c) {
  std::vector<uint32_t> f = {Feat(0, 0), Feat(1, static_cast<uint64_t>(c))};
  float scores[3];
  model.Score(f, scores);
  int best = 0;
  for (int k = 1; k < 3; ++k) {
    if (scores[k] > scores[best]) best = k;
  }
  return best;
}

TEST(PerceptronTest, LearnsSeparableProblem) {
  PerceptronModel model = TrainToy();
  for (int c = 0; c < 3; ++c) EXPECT_EQ(Predict(model, c), c);
}

TEST(PerceptronTest, SerializeRoundTrip) {
  PerceptronModel model = TrainToy();
  ByteWriter out;
  model.Serialize(&out);
  PerceptronModel loaded;
  ByteReader in(out.data());
  ASSERT_TRUE(loaded.Deserialize(&in));
  EXPECT_TRUE(in.AtEnd());
  EXPECT_EQ(loaded.num_weights(), model.num_weights());
  EXPECT_EQ(loaded.num_features(), model.num_features());
  for (int c = 0; c < 3; ++c) EXPECT_EQ(Predict(loaded, c), c);
  // Every truncation of the data is rejected, never read past the end.
  for (size_t n = 0; n < out.data().size(); ++n) {
    PerceptronModel partial;
    ByteReader cut(std::string_view(out.data()).substr(0, n));
    EXPECT_FALSE(partial.Deserialize(&cut)) << n;
  }
}

TEST(PerceptronTest, PruneKeepsLargestWeights) {
  PerceptronModel model = TrainToy();
  size_t before = model.num_weights();
  ASSERT_GT(before, 2u);
  model.Prune(2);
  EXPECT_LE(model.num_weights(), 2u);
}

TEST(ModelIoTest, VarintsAndStrings) {
  ByteWriter w;
  w.PutVarint(0);
  w.PutVarint(300);
  w.PutVarint(UINT64_MAX);
  w.PutString("hello");
  w.PutFloat(1.5f);
  ByteReader r(w.data());
  uint64_t v;
  std::string s;
  float f;
  ASSERT_TRUE(r.GetVarint(&v));
  EXPECT_EQ(v, 0u);
  ASSERT_TRUE(r.GetVarint(&v));
  EXPECT_EQ(v, 300u);
  ASSERT_TRUE(r.GetVarint(&v));
  EXPECT_EQ(v, UINT64_MAX);
  ASSERT_TRUE(r.GetString(&s));
  EXPECT_EQ(s, "hello");
  ASSERT_TRUE(r.GetFloat(&f));
  EXPECT_EQ(f, 1.5f);
  EXPECT_TRUE(r.AtEnd());
  EXPECT_FALSE(r.GetU8(reinterpret_cast<uint8_t*>(&s)));
}

}  // namespace
}  // namespace entente::syntax
