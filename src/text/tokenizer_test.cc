#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "entente/text.h"

namespace entente {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    out.emplace_back(text.substr(t.start, t.end - t.start));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(TokenizerTest, EmptyAndSpaceOnly) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize(" \n\t \r\n").empty());
}

TEST(TokenizerTest, SplitsSentencePunctuation) {
  EXPECT_EQ(Words("Russia attacked Kyiv, officials said."),
            (V{"Russia", "attacked", "Kyiv", ",", "officials", "said", "."}));
}

TEST(TokenizerTest, KeepsHyphenatedNamesWhole) {
  EXPECT_EQ(Words("Su-35 jets, Shahed-136 drones, S-400 and the "
                  "President-elect"),
            (V{"Su-35", "jets", ",", "Shahed-136", "drones", ",", "S-400",
               "and", "the", "President-elect"}));
  EXPECT_EQ(Words("COVID-19 e-mail"), (V{"COVID-19", "e-mail"}));
}

TEST(TokenizerTest, SplitsLowerCaseCompoundsLikeUd) {
  EXPECT_EQ(Words("a short-lived truce"),
            (V{"a", "short", "-", "lived", "truce"}));
}

TEST(TokenizerTest, Abbreviations) {
  EXPECT_EQ(Words("The U.S. and U.N. met Gen. Smith and Mr. Lee on Jan. 5."),
            (V{"The", "U.S.", "and", "U.N.", "met", "Gen.", "Smith", "and",
               "Mr.", "Lee", "on", "Jan.", "5", "."}));
  EXPECT_EQ(Words("e.g. this"), (V{"e.g.", "this"}));
  // Not an abbreviation: the period is sentence punctuation.
  EXPECT_EQ(Words("He said no."), (V{"He", "said", "no", "."}));
  EXPECT_EQ(Words("Room No. 5"), (V{"Room", "No.", "5"}));
}

TEST(TokenizerTest, Initials) {
  EXPECT_EQ(Words("J. R. R. Tolkien"), (V{"J.", "R.", "R.", "Tolkien"}));
}

TEST(TokenizerTest, PossessivesStraightAndCurly) {
  EXPECT_EQ(Words("Russia's army"), (V{"Russia", "'s", "army"}));
  EXPECT_EQ(Words("Russia\xE2\x80\x99s army"),
            (V{"Russia", "\xE2\x80\x99s", "army"}));
  EXPECT_EQ(Words("the soldiers' families"),
            (V{"the", "soldiers", "'", "families"}));
  EXPECT_EQ(Words("I'm sure they're here"),
            (V{"I", "'m", "sure", "they", "'re", "here"}));
}

TEST(TokenizerTest, NegationSplitTheUdWay) {
  EXPECT_EQ(Words("don't can't won't"),
            (V{"do", "n't", "ca", "n't", "wo", "n't"}));
  EXPECT_EQ(Words("DIDN\xE2\x80\x99T"), (V{"DID", "N\xE2\x80\x99T"}));
  EXPECT_EQ(Words("O'Brien"), (V{"O'Brien"}));
}

TEST(TokenizerTest, Numbers) {
  const std::string_view text = "84,121 people, 2.5 percent, the 1990s, $5";
  EXPECT_EQ(Words(text), (V{"84,121", "people", ",", "2.5", "percent", ",",
                            "the", "1990s", ",", "$", "5"}));
  const auto tokens = Tokenize(text);
  EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[3].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[7].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[9].kind, TokenKind::kSymbol);
  EXPECT_EQ(Words("at 10:30, in 2015."),
            (V{"at", "10:30", ",", "in", "2015", "."}));
  // A comma not followed by exactly three digits separates numbers.
  EXPECT_EQ(Words("1,2"), (V{"1", ",", "2"}));
}

TEST(TokenizerTest, UrlsAndEmails) {
  const std::string_view text =
      "See https://en.wikinews.org/wiki/A_(b). Mail press@un.org, or "
      "www.example.com.";
  EXPECT_EQ(Words(text),
            (V{"See", "https://en.wikinews.org/wiki/A_(b)", ".", "Mail",
               "press@un.org", ",", "or", "www.example.com", "."}));
  const auto tokens = Tokenize(text);
  EXPECT_EQ(tokens[1].kind, TokenKind::kUrl);
  EXPECT_EQ(tokens[4].kind, TokenKind::kUrl);
  EXPECT_EQ(Words("(see http://x.org/a)"),
            (V{"(", "see", "http://x.org/a", ")"}));
}

TEST(TokenizerTest, QuotesAreTokens) {
  const std::string_view text =
      "\xE2\x80\x9CPeace,\xE2\x80\x9D he said. \"No\"";
  EXPECT_EQ(Words(text), (V{"\xE2\x80\x9C", "Peace", ",", "\xE2\x80\x9D", "he",
                            "said", ".", "\"", "No", "\""}));
  const auto tokens = Tokenize(text);
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuote);
  EXPECT_EQ(tokens[3].kind, TokenKind::kQuote);
  EXPECT_EQ(tokens[7].kind, TokenKind::kQuote);
  EXPECT_EQ(Words("'Yes,' she said"), (V{"'", "Yes", ",", "'", "she", "said"}));
}

TEST(TokenizerTest, DashesAndEllipsis) {
  EXPECT_EQ(Words("war\xE2\x80\x94"
                  "and peace \xE2\x80\x93 or -- not..."),
            (V{"war", "\xE2\x80\x94", "and", "peace", "\xE2\x80\x93", "or",
               "--", "not", "..."}));
  EXPECT_EQ(Words("wait\xE2\x80\xA6"), (V{"wait", "\xE2\x80\xA6"}));
  EXPECT_EQ(Words("Really?!"), (V{"Really", "?!"}));
}

TEST(TokenizerTest, FusedFormsSplitTheUdWay) {
  EXPECT_EQ(Words("gonna cannot"), (V{"gon", "na", "can", "not"}));
}

TEST(TokenizerTest, LineAndParagraphFlags) {
  const auto tokens = Tokenize("Title\nFirst line.\n \nNext para\r\n\r\nLast");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_FALSE(tokens[0].newline_before);
  EXPECT_TRUE(tokens[1].newline_before);
  EXPECT_FALSE(tokens[1].paragraph_before);
  EXPECT_FALSE(tokens[2].newline_before);
  EXPECT_TRUE(tokens[4].newline_before);
  EXPECT_TRUE(tokens[4].paragraph_before);  // Blank line with a space.
  EXPECT_TRUE(tokens[6].paragraph_before);  // CRLF blank line.
}

TEST(TokenizerTest, OffsetsAreBytesIntoTheInput) {
  const std::string_view text = "Zürich’s  mayor";
  const auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].start, 0u);
  EXPECT_EQ(tokens[0].end, 7u);  // "Zürich" is 7 bytes.
  EXPECT_EQ(tokens[1].start, 7u);
  EXPECT_EQ(tokens[1].end, 11u);
  EXPECT_EQ(tokens[2].start, 13u);
}

TEST(TokenizerTest, InvalidBytesBecomeSymbols) {
  const std::string text =
      "ab\xFF"
      "cd \xC3 x\xE2\x82";
  const auto tokens = Tokenize(text);
  std::vector<std::string> words;
  for (const Token& t : tokens)
    words.push_back(text.substr(t.start, t.end - t.start));
  EXPECT_EQ(words, (V{"ab", "\xFF", "cd", "\xC3", "x", "\xE2", "\x82"}));
  EXPECT_EQ(tokens[1].kind, TokenKind::kSymbol);
  EXPECT_EQ(tokens[3].kind, TokenKind::kSymbol);
  EXPECT_EQ(tokens[6].kind, TokenKind::kSymbol);
}

TEST(TokenizerTest, NeverCrashesOnArbitraryBytes) {
  // Every byte value in many contexts: tokens must tile the non-space input
  // in order and stay in bounds.
  std::string text;
  uint32_t state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245 + 12345;
    text.push_back(static_cast<char>((state >> 16) & 0xFF));
    if (i % 7 == 0) text.append("n't's.-'\xE2\x80\x99");
  }
  const auto tokens = Tokenize(text);
  uint32_t prev_end = 0;
  for (const Token& t : tokens) {
    ASSERT_LT(t.start, t.end);
    ASSERT_GE(t.start, prev_end);
    ASSERT_LE(t.end, text.size());
    prev_end = t.end;
  }
  EXPECT_FALSE(tokens.empty());
  EXPECT_FALSE(SplitSentences(text, tokens).empty());
}

TEST(TokenizerTest, EmojiSequencesStayTogether) {
  // Woman firefighter: woman + ZWJ + fire engine.
  EXPECT_EQ(Words("go \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x9A\x92!"),
            (V{"go", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x9A\x92", "!"}));
}

}  // namespace
}  // namespace entente
