#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "entente/text.h"

namespace entente {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  const auto tokens = Tokenize(text);
  for (const Sentence& s : SplitSentences(text, tokens)) {
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(SentenceSplitterTest, NoTokensNoSentences) {
  EXPECT_TRUE(SplitSentences("", {}).empty());
  EXPECT_TRUE(Split("  \n ").empty());
}

TEST(SentenceSplitterTest, BreaksAfterFinalPunctuation) {
  EXPECT_EQ(Split("Troops left. Did they? Yes!  Good"),
            (V{"Troops left.", "Did they?", "Yes!", "Good"}));
}

TEST(SentenceSplitterTest, SpansAndTokenRangesAgree) {
  const std::string_view text = "One two. Three.";
  const auto tokens = Tokenize(text);
  const auto sentences = SplitSentences(text, tokens);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].first_token, 0u);
  EXPECT_EQ(sentences[0].end_token, 3u);
  EXPECT_EQ(sentences[1].first_token, 3u);
  EXPECT_EQ(sentences[1].end_token, tokens.size());
  EXPECT_EQ(sentences[1].start, tokens[3].start);
  EXPECT_EQ(sentences[1].end, text.size());
}

TEST(SentenceSplitterTest, NotAfterAbbreviationsOrInitials) {
  EXPECT_EQ(Split("Gen. Smith met Mr. J. R. R. Tolkien on Jan. 5 in the "
                  "U.S. Army base. He left."),
            (V{"Gen. Smith met Mr. J. R. R. Tolkien on Jan. 5 in the U.S. "
               "Army base.",
               "He left."}));
}

TEST(SentenceSplitterTest, AbbreviationCanEndSentence) {
  EXPECT_EQ(Split("He moved to the U.S. The move was quick."),
            (V{"He moved to the U.S.", "The move was quick."}));
  EXPECT_EQ(Split("They sold Acme Inc. It was bought by Foo Corp. in May."),
            (V{"They sold Acme Inc.", "It was bought by Foo Corp. in May."}));
}

TEST(SentenceSplitterTest, QuotationsThatEndSentences) {
  EXPECT_EQ(Split("\xE2\x80\x9CWe want peace,\xE2\x80\x9D he said. "
                  "\xE2\x80\x9CWe want peace.\xE2\x80\x9D He left."),
            (V{"\xE2\x80\x9CWe want peace,\xE2\x80\x9D he said.",
               "\xE2\x80\x9CWe want peace.\xE2\x80\x9D", "He left."}));
  EXPECT_EQ(Split("\"Go!\" he shouted. \"Now?\" She nodded."),
            (V{"\"Go!\" he shouted.", "\"Now?\"", "She nodded."}));
  EXPECT_EQ(Split("It ended (finally.) Then it began."),
            (V{"It ended (finally.)", "Then it began."}));
}

TEST(SentenceSplitterTest, LowerCaseContinuesSentence) {
  EXPECT_EQ(Split("Wait... what happened?"), (V{"Wait... what happened?"}));
}

TEST(SentenceSplitterTest, AlwaysBreaksAtBlankLines) {
  EXPECT_EQ(Split("first part, and\n\nsecond part"),
            (V{"first part, and", "second part"}));
}

TEST(SentenceSplitterTest, BreaksAfterDatelinesAndHeadlines) {
  EXPECT_EQ(Split("Friday, August 21, 2015 \n\nMOSCOW - Talks began."),
            (V{"Friday, August 21, 2015", "MOSCOW - Talks began."}));
  EXPECT_EQ(Split("Russia and China sign pact\nBeijing hosted the talks."),
            (V{"Russia and China sign pact", "Beijing hosted the talks."}));
}

TEST(SentenceSplitterTest, HardWrappedProseIsNotSplitAtLineBreaks) {
  EXPECT_EQ(Split("The minister said that the\nagreement would hold, and\n"
                  "Moscow agreed."),
            (V{"The minister said that the\nagreement would hold, and\n"
               "Moscow agreed."}));
  // A line that starts mid-sentence is not a headline.
  EXPECT_EQ(Split("It rained. The army of\nRussia moved."),
            (V{"It rained.", "The army of\nRussia moved."}));
}

TEST(SentenceSplitterTest, BracketedElisionDoesNotEndSentence) {
  EXPECT_EQ(Split("We left. [...] We came back [\xE2\x80\xA6] later."),
            (V{"We left.", "[...] We came back [\xE2\x80\xA6] later."}));
}

TEST(SentenceSplitterTest, CitationMarksStayWithTheirSentence) {
  EXPECT_EQ(Split("He studied in Dulwich. [17] Later he moved."),
            (V{"He studied in Dulwich. [17]", "Later he moved."}));
}

}  // namespace
}  // namespace entente
