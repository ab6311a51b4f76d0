#include "syntax/tagger.h"

#include <gtest/gtest.h>

#include <vector>

namespace entente::syntax {
namespace {

constexpr char kConllu[] =
    "1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\tbarked\tbark\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_"
    "\t_\n"
    "\n"
    "1\tcats\tcat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\twent\tgo\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
    "\n"
    "1\tBirds\tbird\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\tsang\tsing\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_"
    "\n"
    "\n"
    "1\tParis\tParis\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
    "2\tsleeps\tsleep\tVERB\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Pres|"
    "VerbForm=Fin\t0\troot\t_\t_\n"
    "\n";

Tagger TrainTiny() {
  auto sentences = ParseConllu(kConllu, "tiny");
  EXPECT_TRUE(sentences.ok());
  TaggerTrainOptions options;
  options.epochs = 8;
  options.wordnet_dir = "";  // Tests must not depend on installed packages.
  auto tagger = Tagger::Train(*sentences, {}, options);
  EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
  return std::move(tagger).value();
}

TEST(TaggerTest, TagsTrainingSentences) {
  Tagger tagger = TrainTiny();
  std::vector<std::string_view> words = {"Dogs", "barked"};
  std::vector<WordTags> tags;
  tagger.Tag(words, &tags);
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].upos, "NOUN");
  EXPECT_EQ(tags[0].xpos, "NNS");
  EXPECT_EQ(tags[0].feats, "Number=Plur");
  EXPECT_EQ(tags[0].lemma, "dog");
  EXPECT_EQ(tags[1].xpos, "VBD");
  EXPECT_EQ(tags[1].feats, "Mood=Ind|Tense=Past|VerbForm=Fin");
  EXPECT_EQ(tags[1].lemma, "bark");
}

TEST(TaggerTest, LemmatizerTableRulesAndCase) {
  Tagger tagger = TrainTiny();
  EXPECT_EQ(tagger.Lemmatize("went", "VBD"), "go");  // Table (irregular).
  EXPECT_EQ(tagger.Lemmatize("WENT", "VBD"), "go");
  EXPECT_EQ(tagger.Lemmatize("horses", "NNS"), "horse");  // Suffix rule.
  EXPECT_EQ(tagger.Lemmatize("Paris", "NNP"), "Paris");
  EXPECT_EQ(tagger.Lemmatize("London", "NNP"), "London");  // Unknown proper.
}

TEST(TaggerTest, SerializationRoundTripAndCorruption) {
  Tagger tagger = TrainTiny();
  std::string payload = tagger.Serialize();
  auto loaded = Tagger::Deserialize(payload, "mem");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->Serialize(), payload);
  std::vector<std::string_view> words = {"Birds", "sang"};
  std::vector<WordTags> a, b;
  tagger.Tag(words, &a);
  loaded->Tag(words, &b);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].xpos, b[i].xpos);
    EXPECT_EQ(a[i].lemma, b[i].lemma);
  }
  for (size_t n = 0; n < payload.size(); ++n) {
    auto bad =
        Tagger::Deserialize(std::string_view(payload).substr(0, n), "cut");
    ASSERT_FALSE(bad.ok()) << n;
    EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(bad.status().message().find("cut"), std::string::npos);
  }
}

TEST(TaggerTest, DeterministicForSeed) {
  EXPECT_EQ(TrainTiny().Serialize(), TrainTiny().Serialize());
}

TEST(TaggerTest, EmptySentence) {
  Tagger tagger = TrainTiny();
  std::vector<WordTags> tags(3);
  tagger.Tag({}, &tags);
  EXPECT_TRUE(tags.empty());
}

}  // namespace
}  // namespace entente::syntax
