// The default roster of officials (data/officials.tsv) inside the entity
// recognizer: dated codes, priorities, surnames. Sentences written for
// these tests; the people are real, so the shipped roster codes them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/entities.h"
#include "entente/text.h"

namespace entente {
namespace {

class RosterRecognizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = EntityRecognizer::Create();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() { delete recognizer_; }

  static std::vector<Entity> Run(const EntityRecognizer& r,
                                 std::string_view text, std::string_view date) {
    const std::vector<Token> tokens = Tokenize(text);
    return r.Recognize(text, tokens, SplitSentences(text, tokens), date);
  }
  static std::vector<Entity> Run(std::string_view text, std::string_view date) {
    return Run(*recognizer_, text, date);
  }
  // The entity one of whose mentions is `surface`, or nullptr.
  static const Entity* Mentioned(const std::vector<Entity>& es,
                                 std::string_view surface) {
    for (const Entity& e : es) {
      for (const Mention& m : e.mentions) {
        if (m.text == surface) return &e;
      }
    }
    return nullptr;
  }
  // The code of the entity mentioned as `surface`; "?" if there is none.
  static std::string CodeOf(std::string_view text, std::string_view date,
                            std::string_view surface) {
    const auto es = Run(text, date);
    const Entity* e = Mentioned(es, surface);
    return e == nullptr ? "?" : e->code;
  }
  static inline const EntityRecognizer* recognizer_ = nullptr;
};

TEST_F(RosterRecognizerTest, CodedOnlyWhileInOffice) {
  const std::string text = "Boris Johnson met the visiting delegation.";
  EXPECT_EQ(CodeOf(text, "2020-03-01", "Boris Johnson"), "GBRGOV");
  EXPECT_EQ(CodeOf(text, "2017-03-01", "Boris Johnson"), "GBRGOV");
  EXPECT_EQ(CodeOf(text, "2015-03-01", "Boris Johnson"), "");  // Mayor.
  EXPECT_EQ(CodeOf(text, "2023-03-01", "Boris Johnson"), "");  // Left.
  const std::string trump = "Donald Trump criticized the plan on Tuesday.";
  EXPECT_EQ(CodeOf(trump, "2015-06-01", "Donald Trump"), "");
  EXPECT_EQ(CodeOf(trump, "2019-06-01", "Donald Trump"), "USAGOV");
  EXPECT_EQ(CodeOf(trump, "2022-06-01", "Donald Trump"), "");
  EXPECT_EQ(CodeOf(trump, "2025-06-01", "Donald Trump"), "USAGOV");
  // An international role: the code follows the office, not the passport.
  const std::string rutte = "Mark Rutte visited the troops.";
  EXPECT_EQ(CodeOf(rutte, "2015-06-01", "Mark Rutte"), "NLDGOV");
  EXPECT_EQ(CodeOf(rutte, "2025-06-01", "Mark Rutte"), "IGOWSTNAT");
}

TEST_F(RosterRecognizerTest, UndatedDocumentsReadTheLatestRole) {
  EXPECT_EQ(CodeOf("Mark Rutte visited the troops.", "", "Mark Rutte"),
            "IGOWSTNAT");
  // A person whose last role ended is still coded with it: an undated text
  // about an official is read as current.
  EXPECT_EQ(CodeOf("Angela Merkel visited the troops.", "", "Angela Merkel"),
            "DEUGOV");
}

TEST_F(RosterRecognizerTest, ShortFormsAccentsAndCoreference) {
  EXPECT_EQ(
      CodeOf("Netanyahu rejected the proposal.", "2019-05-01", "Netanyahu"),
      "ISRGOV");
  EXPECT_EQ(CodeOf("Erdogan rejected the proposal.", "2019-05-01", "Erdogan"),
            "TURGOV");
  EXPECT_EQ(CodeOf("Erdoğan rejected the proposal.", "2019-05-01", "Erdoğan"),
            "TURGOV");
  EXPECT_EQ(CodeOf("Adil Abdul-Mahdi rejected the proposal.", "2019-05-01",
                   "Adil Abdul-Mahdi"),
            "IRQGOV");
  // The full name earlier in the document codes the surname after it.
  const auto es = Run(
      "Boris Johnson arrived in Paris on Monday. Johnson said the talks had "
      "gone well.",
      "2020-03-01");
  const Entity* e = Mentioned(es, "Johnson");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "GBRGOV");
  EXPECT_EQ(e, Mentioned(es, "Boris Johnson"));
}

TEST_F(RosterRecognizerTest, CommonSurnamesNeedATitleOfTheSameRole) {
  // "Johnson" alone is not distinctive: many people bear it.
  EXPECT_EQ(CodeOf("Johnson rejected the proposal.", "2020-03-01", "Johnson"),
            "");
  EXPECT_EQ(CodeOf("Prime Minister Johnson rejected the proposal.",
                   "2020-03-01", "Johnson"),
            "GBRGOV");
  // A title of another role: not the prime minister, but the legislator
  // who bears the surname, or nobody.
  EXPECT_EQ(
      CodeOf("Speaker Johnson rejected the proposal.", "2020-03-01", "Johnson"),
      "USALEG");
  EXPECT_EQ(
      CodeOf("General Johnson rejected the proposal.", "2020-03-01", "Johnson"),
      "");
  // The title goes with the SURNAME column: "President Xi".
  EXPECT_EQ(CodeOf("President Xi rejected the proposal.", "2020-03-01", "Xi"),
            "CHNGOV");
  // Two people with the surname in such a role on the day: no code.
  EXPECT_EQ(CodeOf("Minister Li rejected the proposal.", "2023-06-01", "Li"),
            "");
}

TEST_F(RosterRecognizerTest, ANationalityInTheTextWins) {
  // Tusk presided over the European Council in 2016; the text calls him
  // Polish, and the text wins.
  EXPECT_EQ(CodeOf("Polish Prime Minister Donald Tusk met the visitors.",
                   "2016-06-01", "Donald Tusk"),
            "POLGOV");
  // Also when the roster's mention comes first.
  const auto es = Run(
      "Donald Tusk met the visitors. Later, Polish Prime Minister Donald Tusk "
      "spoke.",
      "2016-06-01");
  const Entity* e = Mentioned(es, "Donald Tusk");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "POLGOV");
}

TEST_F(RosterRecognizerTest, NotPartOfOtherNames) {
  // Another person of the same surname.
  auto es = Run("Ivanka Trump met the visitors. Trump said they had talked.",
                "2019-06-01");
  const Entity* ivanka = Mentioned(es, "Ivanka Trump");
  ASSERT_NE(ivanka, nullptr);
  EXPECT_EQ(ivanka->code, "");
  const Entity* trump = Mentioned(es, "Trump");
  if (trump != nullptr) EXPECT_EQ(trump->code, "");
  es = Run("Francesca Albanese criticized the report.", "2024-06-01");
  ASSERT_NE(Mentioned(es, "Francesca Albanese"), nullptr);
  EXPECT_EQ(Mentioned(es, "Francesca Albanese")->code, "");
  // A name inside a longer name is not a person.
  es = Run("Protesters gathered outside Trump Tower on Sunday.", "2019-06-01");
  for (const Entity& x : es) EXPECT_NE(x.code, "USAGOV") << x.name;
}

TEST_F(RosterRecognizerTest, NamesOutsideTheRosterStayUncoded) {
  EXPECT_EQ(CodeOf("Zorba Kamenev rejected the proposal.", "2019-05-01",
                   "Zorba Kamenev"),
            "");
  EXPECT_EQ(CodeOf("President Kamenev rejected the proposal.", "2019-05-01",
                   "Kamenev"),
            "");
}

TEST_F(RosterRecognizerTest, ActorDictionariesAndOptionsOverrideIt) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("entente_roster_actors_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(path);
    out << "BENJAMIN_NETANYAHU_\n+NETANYAHU\n\t[ISRELI]\n";
  }
  EntityOptions options;
  options.actor_files = {path.string()};
  auto with_dictionary = EntityRecognizer::Create(options);
  std::filesystem::remove(path);
  ASSERT_TRUE(with_dictionary.ok()) << with_dictionary.status().ToString();
  const std::string text = "Netanyahu rejected the proposal.";
  auto es = Run(**with_dictionary, text, "2019-05-01");
  ASSERT_NE(Mentioned(es, "Netanyahu"), nullptr);
  EXPECT_EQ(Mentioned(es, "Netanyahu")->code, "ISRELI");

  EntityOptions off;
  off.officials = false;
  auto without = EntityRecognizer::Create(off);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  es = Run(**without, text, "2019-05-01");
  const Entity* e = Mentioned(es, "Netanyahu");
  EXPECT_TRUE(e == nullptr || e->code.empty());
}

}  // namespace
}  // namespace entente
