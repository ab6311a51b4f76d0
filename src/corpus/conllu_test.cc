#include "corpus/conllu.h"

#include <gtest/gtest.h>

#include <string>

namespace entente {
namespace {

constexpr char kWords[] =
    "1\tDogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "3\tbark\tbark\tVERB\tVB\t_\t0\troot\t_\t_\n";

TEST(ConlluTest, MultiwordTokenCoversTheWordsAfterIt) {
  const std::string text = std::string("# text = Dogs don't bark\n") +
                           "1\tDogs\tdog\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
                           "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                           "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
                           "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                           "4\tbark\tbark\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
  auto s = ParseConllu(text, "t.conllu");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  ASSERT_EQ((*s)[0].tokens.size(), 3u);
  EXPECT_EQ((*s)[0].tokens[1].first_word, 1);
  EXPECT_EQ((*s)[0].tokens[1].last_word, 2);
}

// Found by fuzz/tables_fuzz: a range starting at word 0 gave a token
// before the sentence's first word.
TEST(ConlluTest, RangeNotStartingAtTheNextWordIsAnError) {
  for (const char* range : {"0-3", "2-3", "3-4"}) {
    const std::string text =
        std::string(range) + "\tx\t_\t_\t_\t_\t_\t_\t_\t_\n" + kWords + "\n";
    auto s = ParseConllu(text, "t.conllu");
    ASSERT_FALSE(s.ok()) << range;
    EXPECT_NE(s.status().message().find("t.conllu:1: multiword token range"),
              std::string::npos)
        << s.status().message();
  }
}

TEST(ConlluTest, RangePastTheSentenceIsAnError) {
  const std::string text = std::string(kWords) +
                           "4-6\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
                           "4\tloud\tloud\tADV\tRB\t_\t3\tadvmod\t_\t_\n\n";
  auto s = ParseConllu(text, "t.conllu");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("past its words"), std::string::npos)
      << s.status().message();
}

}  // namespace
}  // namespace entente
