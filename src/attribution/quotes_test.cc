#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "entente/attribution.h"
#include "gtest/gtest.h"

namespace entente {
namespace {

// Sentences split after ". ", "? ", "! " (closing quotes attached) and at
// line breaks: enough for these tests, independent of src/text.
std::vector<Sentence> SimpleSentences(std::string_view text) {
  std::vector<Sentence> out;
  uint32_t start = 0;
  auto push = [&](uint32_t stop) {
    while (start < stop && (text[start] == ' ' || text[start] == '\n')) {
      ++start;
    }
    if (start < stop) out.push_back({start, stop, 0, 0});
  };
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (text[i] != '.' && text[i] != '?' && text[i] != '!') continue;
    uint32_t j = i + 1;
    if (text.substr(j, 3) == "\xE2\x80\x9D") j += 3;
    if (j < text.size() && text[j] == '"') ++j;
    if (j == text.size() || text[j] == ' ' || text[j] == '\n') {
      push(j);
      start = j;
    }
  }
  push(static_cast<uint32_t>(text.size()));
  return out;
}

std::vector<Quote> Find(std::string_view text,
                        const std::vector<Entity>& entities = {}) {
  return FindQuotes(text, {}, SimpleSentences(text), entities);
}

Entity MakeEntity(std::string id, std::string name, std::string type,
                  std::string_view text, std::string role = "") {
  Entity e;
  e.id = std::move(id);
  e.name = name;
  e.type = std::move(type);
  e.role = std::move(role);
  for (size_t pos = text.find(name); pos != std::string_view::npos;
       pos = text.find(name, pos + 1)) {
    Mention m;
    m.start = static_cast<uint32_t>(pos);
    m.end = static_cast<uint32_t>(pos + name.size());
    m.text = name;
    e.mentions.push_back(m);
  }
  return e;
}

TEST(FindQuotesTest, CurlyQuoteSpanWithoutMarks) {
  std::string text = "He said: “We will win.”";
  std::vector<Quote> q = Find(text);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].id, "Q1");
  EXPECT_EQ(q[0].text, "We will win.");
  EXPECT_EQ(text.substr(q[0].start, q[0].end - q[0].start), "We will win.");
}

TEST(FindQuotesTest, StraightQuotesSaidName) {
  std::vector<Quote> q = Find("\"The talks failed,\" said KCNA.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "The talks failed,");
  EXPECT_EQ(q[0].speaker_name, "KCNA");
  EXPECT_EQ(q[0].cue, "said");
}

TEST(FindQuotesTest, NameThenCueAfterQuote) {
  std::vector<Quote> q = Find("\"The talks failed,\" KCNA said on Monday.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "KCNA");
  EXPECT_EQ(q[0].cue, "said");
}

TEST(FindQuotesTest, PronounResolvesToLastNamedSubject) {
  std::string text =
      "Iranian President-elect Masoud Pezeshkian published an article. "
      "He stated that ties would grow.\n"
      "“We strive for peace,” he wrote.";
  std::vector<Quote> q = Find(text);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "Masoud Pezeshkian");
  EXPECT_EQ(q[0].cue, "wrote");
}

TEST(FindQuotesTest, PronounWithoutAntecedentStaysEmpty) {
  std::vector<Quote> q = Find("“We strive for peace,” he wrote.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "");
  EXPECT_EQ(q[0].speaker, "");
}

TEST(FindQuotesTest, ItResolvesToLastOrganizationSpeaker) {
  std::string text =
      "“Talks failed,” the Foreign Ministry said. “We regret it,” it added.";
  std::vector<Quote> q = Find(text);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker_name, "Foreign Ministry");
  EXPECT_EQ(q[1].speaker_name, "Foreign Ministry");
  EXPECT_EQ(q[1].cue, "added");
}

// A pronoun mention the entity stage resolved: an entity with the name's
// mentions plus one for the pronoun at `pronoun_pos`.
Entity WithPronoun(Entity e, std::string_view text, size_t pronoun_pos,
                   size_t length) {
  Mention m;
  m.start = static_cast<uint32_t>(pronoun_pos);
  m.end = static_cast<uint32_t>(pronoun_pos + length);
  m.text = std::string(text.substr(pronoun_pos, length));
  e.mentions.push_back(m);
  return e;
}

TEST(FindQuotesTest, PronounSpeakerFollowsTheEntityCoreference) {
  // The sentence-subject rule alone would pick Ana Ruiz; the entity stage
  // linked "she" to Lena Varga, named in an apposition.
  const std::string text =
      "Ana Ruiz spoke first. Lena Varga, a UN rapporteur, urged patience. "
      "“Justice takes time,” she said.";
  const size_t she = text.find("she said");
  const std::vector<Entity> entities = {
      MakeEntity("E1", "Ana Ruiz", "PERSON", text),
      WithPronoun(MakeEntity("E2", "Lena Varga", "PERSON", text), text, she,
                  3)};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E2");
  EXPECT_EQ(q[0].speaker_name, "Lena Varga");
  // An organization is never the antecedent of "she".
  const std::vector<Entity> org = {
      WithPronoun(MakeEntity("E1", "Lena Varga", "ORG", text), text, she, 3)};
  q = Find(text, org);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_NE(q[0].speaker, "E1");
}

TEST(FindQuotesTest, PersonOfPlaceSpeaks) {
  const std::string text =
      "President Omar Haddad of Norway said the talks would go on, and "
      "warned of “grave consequences”.";
  const std::vector<Entity> entities = {
      MakeEntity("E1", "Omar Haddad", "PERSON", text),
      MakeEntity("E2", "Norway", "GPE", text)};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E1");
  EXPECT_EQ(q[0].speaker_name, "Omar Haddad");
}

TEST(FindQuotesTest, ParticipleAndColonBelongToTheSubject) {
  std::string text =
      "The Foreign Ministry of Peru rejected the plan, calling it “a "
      "serious violation”.";
  std::vector<Entity> entities = {
      MakeEntity("E1", "Foreign Ministry of Peru", "ORG", text)};
  entities[0].code = "PERGOV";
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E1");
  EXPECT_EQ(q[0].cue, "calling");
  text = "Senator Lena Varga opposed the bill: “It will fail.”";
  entities = {MakeEntity("E1", "Lena Varga", "PERSON", text)};
  q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "Lena Varga");
  EXPECT_EQ(q[0].cue, ":");
  // No subject to give it to: nothing.
  q = Find("Results came in: “a landslide”.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "");
}

TEST(FindQuotesTest, ReportingClauseAfterAQuoteEndingItsSentence) {
  std::vector<Quote> q =
      Find("“Our house is burning!” Lena Varga told the summit.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "Lena Varga");
  EXPECT_EQ(q[0].cue, "told");
  // Not across a paragraph.
  q = Find("“Our house is burning!”\nLena Varga told the summit.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "");
}

TEST(FindQuotesTest, ANewStatementAfterAQuoteIsNotItsReportingClause) {
  const std::string text =
      "Lena Varga said there was “no evidence.” Ana Ruiz said questions "
      "remain.";
  const std::vector<Entity> entities = {
      MakeEntity("E1", "Lena Varga", "PERSON", text),
      MakeEntity("E2", "Ana Ruiz", "PERSON", text)};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E1");
}

TEST(FindQuotesTest, CoordinatedCueAndTitledSubject) {
  std::string text =
      "Omar Haddad cited the treaty and said, “They must stand by us.”";
  std::vector<Entity> entities = {
      MakeEntity("E1", "Omar Haddad", "PERSON", text)};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E1");
  // A participle clause after a long opening phrase and a titled subject.
  text =
      "In a long statement issued late on the following day, Chilean "
      "foreign minister Lena Varga rejected the plan, calling it “void”.";
  // The state, mentioned by its adjective, comes first but is not the
  // subject.
  entities = {MakeEntity("E1", "Chilean", "GPE", text),
              MakeEntity("E2", "Lena Varga", "PERSON", text)};
  entities[0].code = "CHL";
  q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E2");
  EXPECT_EQ(q[0].cue, "calling");
}

TEST(FindQuotesTest, AQuoteOpeningASentenceContinuesTheSpeaker) {
  std::string text =
      "“This planet is warm,” said college astronomer Lena Varga. “It is "
      "the best candidate.”\nOmar Haddad, a critic, attacked the plan on "
      "Monday. “It fails.”\n“Nobody knows.”";
  const std::vector<Entity> entities = {
      MakeEntity("E1", "Lena Varga", "PERSON", text),
      MakeEntity("E2", "Omar Haddad", "PERSON", text)};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].speaker, "E1");  // After the role noun "astronomer".
  EXPECT_EQ(q[1].speaker, "E1");  // The previous quote's speaker.
  EXPECT_EQ(q[2].speaker, "E2");  // The previous sentence's subject.
  EXPECT_EQ(q[3].speaker, "");    // A new paragraph: nobody.
}

TEST(FindQuotesTest, SplitQuotationKeepsItsSpeaker) {
  std::vector<Quote> q =
      Find("“We stand ready” tweeted Lena Varga “to help in any way we can.”");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker_name, "Lena Varga");
  EXPECT_EQ(q[1].speaker_name, "Lena Varga");
  // Two quotes without a reporting verb between them are not joined.
  q = Find("Lena Varga said “yes” and “no” were both wrong.");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker_name, "");
}

TEST(FindQuotesTest, PartialQuoteWithSubjectBeforeAndMedium) {
  std::string text =
      "Pezeshkian described Russia as a “valued strategic ally” to Iran, "
      "according to Tehran Times.";
  std::vector<Entity> entities = {
      MakeEntity("E1", "Russia", "GPE", text),
      MakeEntity("E2", "Iran", "GPE", text),
      MakeEntity("E3", "Tehran Times", "ORG", text, "MED")};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "valued strategic ally");
  EXPECT_EQ(q[0].speaker_name, "Pezeshkian");
  EXPECT_EQ(q[0].cue, "described");
  EXPECT_EQ(q[0].medium, "E3");
  EXPECT_EQ(q[0].medium_name, "Tehran Times");
}

TEST(FindQuotesTest, PassiveNamingVerbTakesAgent) {
  std::vector<Quote> q = Find(
      "An alliance, labeled the “axis of evil” by defense expert Mykhailo "
      "Samus, is growing.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "axis of evil");
  EXPECT_EQ(q[0].speaker_name, "Mykhailo Samus");
  EXPECT_EQ(q[0].cue, "labeled");
}

TEST(FindQuotesTest, TitleIsStrippedAndAddresseeFound) {
  std::string text =
      "Defense Secretary Voltaire Gazmin told RIA Novosti: “The drills go "
      "on.”";
  std::vector<Entity> entities = {
      MakeEntity("E1", "RIA Novosti", "ORG", text, "MED")};
  std::vector<Quote> q = Find(text, entities);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "Voltaire Gazmin");
  EXPECT_EQ(q[0].cue, "told");
  EXPECT_EQ(q[0].addressee, "E1");
  EXPECT_EQ(q[0].addressee_name, "RIA Novosti");
}

TEST(FindQuotesTest, SpeakerTwoSentencesLater) {
  // The reporting clause follows the last of three quoted sentences.
  std::vector<Quote> q = Find(
      "“We came here in peace. We stayed for years. We leave now,” said "
      "Ahmed Shah.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text,
            "We came here in peace. We stayed for years. We leave now,");
  EXPECT_EQ(q[0].speaker_name, "Ahmed Shah");
}

TEST(FindQuotesTest, QuoteContinuedInNextParagraph) {
  std::string text =
      "Smith said: “The first part is long.\n\n“The second part ends "
      "here.” Then he left.";
  std::vector<Quote> q = Find(text);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text,
            "The first part is long.\n\n“The second part ends here.");
  EXPECT_EQ(q[0].speaker_name, "Smith");
}

TEST(FindQuotesTest, UnclosedQuoteEndsWithParagraph) {
  std::string text = "Smith said: “It is over.\n\nMarkets fell.";
  std::vector<Quote> q = Find(text);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "It is over.");
}

TEST(FindQuotesTest, NestedSingleQuotesStayInside) {
  std::vector<Quote> q =
      Find("“They called it ‘a farce’ and left,” said Jones.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "They called it ‘a farce’ and left,");
  EXPECT_EQ(q[0].speaker_name, "Jones");
}

TEST(FindQuotesTest, QuotedAsSayingAndAccordingTo) {
  std::vector<Quote> q = Find(
      "Lavrov was quoted as saying “the West lies”. Sources were "
      "cited. “It is calm,” according to Reuters.");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker_name, "Lavrov");
  EXPECT_EQ(q[0].cue, "quoted as saying");
  EXPECT_EQ(q[1].speaker_name, "Reuters");
  EXPECT_EQ(q[1].cue, "according to");
}

TEST(FindQuotesTest, NoCueNoSpeaker) {
  std::vector<Quote> q = Find("The so-called “peace plan” was rejected.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "peace plan");
  EXPECT_EQ(q[0].speaker_name, "");
  EXPECT_EQ(q[0].cue, "");
}

TEST(FindQuotesTest, MediumInAnInterview) {
  std::vector<Quote> q =
      Find("“We are ready,” Smith said in an interview with Al Jazeera.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker_name, "Smith");
  EXPECT_EQ(q[0].medium_name, "Al Jazeera");
}

TEST(FindQuotesTest, EmptyAndUnbalancedInput) {
  EXPECT_TRUE(Find("").empty());
  EXPECT_TRUE(Find("”").empty());
  EXPECT_TRUE(Find("\"\"").empty());
  EXPECT_EQ(Find("He said \"yes").size(), 1u);
}

TEST(FindAttributionsTest, AccordingToThatClauseAndFinalClause) {
  std::string text =
      "The deal collapsed, according to Tehran Times. "
      "KCNA reported that two missiles were fired. "
      "Troops left the city, officials said.";
  std::vector<Attribution> a =
      FindAttributions(text, {}, SimpleSentences(text), {});
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].id, "A1");
  EXPECT_EQ(a[0].cue, "according to");
  EXPECT_EQ(a[0].source_name, "Tehran Times");
  EXPECT_EQ(a[0].claim, "The deal collapsed");
  EXPECT_EQ(a[1].cue, "reported");
  EXPECT_EQ(a[1].source_name, "KCNA");
  EXPECT_EQ(a[1].claim, "two missiles were fired");
  EXPECT_EQ(text.substr(a[1].claim_start, a[1].claim_end - a[1].claim_start),
            a[1].claim);
  EXPECT_EQ(a[2].cue, "said");
  EXPECT_EQ(a[2].claim, "Troops left the city");
  EXPECT_EQ(a[2].sentence, 2u);
}

TEST(FindAttributionsTest, LeadingAccordingTo) {
  std::string text = "According to the ministry, the border is closed.";
  std::vector<Attribution> a =
      FindAttributions(text, {}, SimpleSentences(text), {});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].source_name, "the ministry");
  EXPECT_EQ(a[0].claim, "the border is closed");
}

// Entity lookups scanned every mention, and one-word subjects scanned
// every word of the text, for each sentence: quadratic on long documents
// (40,000 sentences took a minute).
TEST(QuotesTest, LongDocumentsStayLinear) {
  std::string text;
  Entity france;
  france.id = "E1";
  france.name = "France";
  france.type = "GPE";
  for (int i = 0; i < 40000; ++i) {
    const uint32_t at = static_cast<uint32_t>(text.size());
    text += "France agreed. Koval said \"we accept\" on Monday. ";
    france.mentions.push_back({at, at + 6, static_cast<uint32_t>(3 * i), ""});
  }
  const std::vector<Sentence> sentences = SimpleSentences(text);
  const std::clock_t start = std::clock();
  const std::vector<Quote> quotes = FindQuotes(text, {}, sentences, {france});
  const std::vector<Attribution> attributions =
      FindAttributions(text, {}, sentences, {france});
  const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_LT(seconds, 10.0);  // About 1 s in Release.
  ASSERT_EQ(quotes.size(), 40000u);
  EXPECT_EQ(quotes.back().speaker_name, "Koval");
  EXPECT_LE(attributions.size(), sentences.size());
}

TEST(FindQuotesTest, BodyInTheTitleIsNotTheNamedSpeaker) {
  std::string text =
      "Former Ambassador to the United Nations Nikki Haley wrote, \"We must "
      "stand by our allies.\"";
  Entity un = MakeEntity("E1", "United Nations", "ORG", text);
  std::vector<Quote> q = Find(text, {un});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "");
  EXPECT_NE(q[0].speaker_name.find("Nikki Haley"), std::string::npos);
  // With the person found, she speaks.
  Entity haley = MakeEntity("E2", "Nikki Haley", "PERSON", text);
  q = Find(text, {un, haley});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E2");
}

TEST(FindQuotesTest, ASpokesmanOfABodySpeaksForIt) {
  std::string text =
      "A Hampshire Police spokesman said, \"The road will stay closed.\"";
  Entity police = MakeEntity("E1", "Hampshire Police", "ORG", text);
  std::vector<Quote> q = Find(text, {police});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "E1");
}

}  // namespace
}  // namespace entente
