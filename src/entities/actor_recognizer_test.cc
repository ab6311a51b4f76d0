// Tests of the full recognizer (lexicons, titles, NER, coreference) and of
// the NER model file. The sentences are written for these tests.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../../tests/test_util.h"
#include "entente/entities.h"
#include "entente/text.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/ner_model.h"

namespace entente {
namespace {

class ActorRecognizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = EntityRecognizer::Create();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete recognizer_;
    recognizer_ = nullptr;
  }

  static std::vector<Entity> Run(std::string_view text) {
    const std::vector<Token> tokens = Tokenize(text);
    return recognizer_->Recognize(text, tokens, SplitSentences(text, tokens));
  }

  // The entity named `name`, or an empty one.
  static Entity Find(const std::vector<Entity>& entities,
                     std::string_view name) {
    for (const Entity& e : entities) {
      if (e.name == name) return e;
    }
    return Entity();
  }

  static const EntityRecognizer* recognizer_;
};

const EntityRecognizer* ActorRecognizerTest::recognizer_ = nullptr;

TEST_F(ActorRecognizerTest, TitleBeforeNameCodesThePerson) {
  auto e = Run("Iranian President-elect Ali Rezaei thanked the voters.");
  Entity p = Find(e, "Ali Rezaei");
  EXPECT_EQ(p.type, "PERSON");
  EXPECT_EQ(p.code, "IRNGOV");
  EXPECT_EQ(p.country, "IRN");
  EXPECT_EQ(p.role, "GOV");
  EXPECT_EQ(Find(e, "Iran").type, "GPE");

  p = Find(Run("German Defence Minister Anna Keller visited the troops."),
           "Anna Keller");
  EXPECT_EQ(p.code, "DEUGOV");
  p = Find(Run("Yesterday General Omar Haddad inspected the base."),
           "Omar Haddad");
  EXPECT_EQ(p.role, "MIL");
  EXPECT_EQ(p.code, "");  // No country named: never guessed.
}

TEST_F(ActorRecognizerTest, ExpertsAndAnalystsAreCivilians) {
  // A commentator's label names a person, not a state body.
  auto e =
      Run("The pact was called fragile by security expert Pavlo Hrytsenko.");
  Entity p = Find(e, "Pavlo Hrytsenko");
  EXPECT_EQ(p.type, "PERSON");
  EXPECT_EQ(p.code, "");  // No country named: never guessed.
  p = Find(Run("Polish analyst Ewa Nowak doubted the claim."), "Ewa Nowak");
  EXPECT_EQ(p.code, "POLCVL");
}

TEST_F(ActorRecognizerTest, AmbassadorBelongsToTheSendingState) {
  auto e = Run("Chinese Ambassador to Japan Wu Jianghao met officials.");
  Entity p = Find(e, "Wu Jianghao");
  EXPECT_EQ(p.type, "PERSON");
  EXPECT_EQ(p.code, "CHNGOV");
  e = Run("The Ambassador of France to Chile Marie Dubois spoke.");
  EXPECT_EQ(Find(e, "Marie Dubois").code, "FRAGOV");
}

TEST_F(ActorRecognizerTest, AppositionCodesThePerson) {
  auto e = Run("Sergei Lavrov, Russia's foreign minister, arrived on Monday.");
  EXPECT_EQ(Find(e, "Sergei Lavrov").code, "RUSGOV");
  // A title after a coded body keeps the body's words.
  e = Run("Russian military spokesman Igor Konashenkov spoke.");
  EXPECT_EQ(Find(e, "Igor Konashenkov").country, "RUS");
  e = Run("Houthi military spokesman Yahya Sarea spoke.");
  EXPECT_EQ(Find(e, "Yahya Sarea").country, "YEM");
  e = Run("Maria Lopez, the Mexican interior minister, resigned.");
  EXPECT_EQ(Find(e, "Maria Lopez").code, "MEXGOV");
  // The "affairs" of a portfolio belong to the title.
  e = Run("Tomas Vidal, the foreign affairs minister of Chile, resigned.");
  EXPECT_EQ(Find(e, "Tomas Vidal").code, "CHLGOV");
  // A commentator on foreign affairs holds no office.
  e =
      Run("Tomas Vidal, the foreign affairs analyst of Chile's Radio Uno, "
          "resigned.");
  EXPECT_EQ(Find(e, "Tomas Vidal").code, "");
}

TEST_F(ActorRecognizerTest, ASurnameSpelledWithAnotherVowelIsThePerson) {
  auto e =
      Run("Libyan military spokesman Ahmed Mesmari spoke on Monday. Later, "
          "Mesmiri said the drones were shot down.");
  Entity p = Find(e, "Ahmed Mesmari");
  EXPECT_EQ(p.country, "LBY");
  EXPECT_EQ(p.mentions.size(), 2u);
  EXPECT_EQ(Find(e, "Mesmiri").name, "");
  // Not another consonant, nor a name two people could have.
  e = Run("Ahmed Mesmari spoke on Monday. Later, Mesmaki said no.");
  EXPECT_EQ(Find(e, "Ahmed Mesmari").mentions.size(), 1u);
  e =
      Run("Ahmed Mesmari met Omar Mesmuri on Monday. Later, Mesmiri said "
          "no.");
  EXPECT_EQ(Find(e, "Ahmed Mesmari").mentions.size(), 1u);
  EXPECT_EQ(Find(e, "Omar Mesmuri").mentions.size(), 1u);
}

TEST_F(ActorRecognizerTest, ATitledNameOfAStateIsThatStates) {
  auto e = Run("President Patrice Talon of Benin signed the agreement.");
  EXPECT_EQ(Find(e, "Patrice Talon").code, "BENGOV");
  // Untitled, or "of" something that is no state: no code.
  e = Run("Minister Ali Hassan of the Interior spoke.");
  EXPECT_EQ(Find(e, "Ali Hassan").code, "");
  e = Run("Patrice Talon of Benin signed the agreement.");
  EXPECT_EQ(Find(e, "Patrice Talon").code, "");
}

TEST_F(ActorRecognizerTest, OrganizationTitleGivesItsCode) {
  auto e = Run("UN Secretary-General Antonio Guterres called for calm.");
  EXPECT_EQ(Find(e, "Antonio Guterres").code, "IGOUNO");
  EXPECT_EQ(Find(e, "United Nations").code, "IGOUNO");
}

TEST_F(ActorRecognizerTest, MetonymsActForTheState) {
  auto e =
      Run("The Kremlin denied it, the White House said, and the "
          "Pentagon agreed.");
  EXPECT_EQ(Find(e, "Kremlin").code, "RUSGOV");
  EXPECT_EQ(Find(e, "White House").code, "USAGOV");
  EXPECT_EQ(Find(e, "Pentagon").code, "USAMIL");
  // A capital is its own GPE coded with its country.
  e = Run("Officials in Beijing responded.");
  EXPECT_EQ(Find(e, "Beijing").type, "GPE");
  EXPECT_EQ(Find(e, "Beijing").country, "CHN");
}

TEST_F(ActorRecognizerTest, InternationalOrganizations) {
  auto e = Run("NATO and the European Union met BRICS and the IAEA.");
  EXPECT_EQ(Find(e, "NATO").code, "IGOWSTNAT");
  EXPECT_EQ(Find(e, "European Union").code, "IGOEUREEC");
  EXPECT_EQ(Find(e, "BRICS").code, "IGO");
  EXPECT_EQ(Find(e, "International Atomic Energy Agency").code, "IGOUNOIAE");
  EXPECT_EQ(Find(e, "NATO").type, "ORG");
  EXPECT_EQ(Find(e, "NATO").country, "");
}

TEST_F(ActorRecognizerTest, AcronymsJoinTheirFullNames) {
  auto e =
      Run("The Shanghai Cooperation Organisation held a summit. The "
          "SCO agreed.");
  const Entity sco = Find(e, "Shanghai Cooperation Organization");
  EXPECT_EQ(sco.code, "IGOCAS");
  EXPECT_EQ(sco.mentions.size(), 2u);
}

TEST_F(ActorRecognizerTest, MediaAreNotStates) {
  auto e = Run("TASS and Xinhua reported, citing Al Jazeera and AFP.");
  EXPECT_EQ(Find(e, "TASS").code, "RUSMED");
  EXPECT_EQ(Find(e, "TASS").role, "MED");
  EXPECT_EQ(Find(e, "Xinhua").code, "CHNMED");
  EXPECT_EQ(Find(e, "Al Jazeera").code, "QATMED");
  EXPECT_EQ(Find(e, "AFP").code, "FRAMED");
  EXPECT_EQ(Find(e, "Russia").name, "");  // No state entity for the agency.
}

TEST_F(ActorRecognizerTest, WeaponsByListAndDesignator) {
  auto e =
      Run("Turkey bought S-400 systems; Kyiv wants HIMARS, F-16 "
          "fighter jets and more Patriot missiles. Drones like the "
          "Shahed-136 were used.");
  EXPECT_EQ(Find(e, "S-400").type, "WEAPON");
  EXPECT_EQ(Find(e, "S-400").mentions[0].text, "S-400 systems");
  EXPECT_EQ(Find(e, "HIMARS").type, "WEAPON");
  EXPECT_EQ(Find(e, "F-16").mentions[0].text, "F-16 fighter jets");
  EXPECT_EQ(Find(e, "Patriot").type, "WEAPON");
  EXPECT_EQ(Find(e, "Shahed-136").type, "WEAPON");
  // Not weapons: unlisted prefixes, one-letter prefixes with one digit, an
  // ambiguous name without a head noun.
  e = Run("COVID-19 spread; H-1B visas; a Patriot fan cheered.");
  for (const Entity& x : e) EXPECT_NE(x.type, "WEAPON") << x.name;
}

TEST_F(ActorRecognizerTest, SurnamesAndFullerNamesCorefer) {
  auto e =
      Run("Prime Minister Lena Varga arrived. Varga said she was "
          "pleased. Later, Prime Minister Varga left.");
  const Entity p = Find(e, "Lena Varga");
  ASSERT_EQ(p.type, "PERSON");
  EXPECT_EQ(p.mentions.size(), 4u);  // Lena Varga, Varga, she, Varga.
  EXPECT_EQ(p.mentions[2].text, "she");
  int persons = 0;
  for (const Entity& x : e) persons += x.type == "PERSON";
  EXPECT_EQ(persons, 1);
}

TEST_F(ActorRecognizerTest, PronounsNeedARecentPerson) {
  // No person before "He": it stays unlinked.
  auto e = Run("He arrived in Paris.");
  for (const Entity& x : e) {
    for (const Mention& m : x.mentions) EXPECT_NE(m.text, "He");
  }
  // From the next sentence, the person who opens the previous one (its
  // subject) wins over a later one.
  e = Run("President Anna Keller met General Omar Haddad. He smiled.");
  EXPECT_EQ(Find(e, "Anna Keller").mentions.size(), 2u);
  EXPECT_EQ(Find(e, "Omar Haddad").mentions.size(), 1u);
  e =
      Run("On Monday, Ambassador Omar Haddad told reporters about President "
          "Anna Keller. He smiled.");
  EXPECT_EQ(Find(e, "Omar Haddad").mentions.size(), 2u);
  // Within its own sentence, the most recent person.
  e = Run("President Anna Keller met General Omar Haddad before he left.");
  EXPECT_EQ(Find(e, "Omar Haddad").mentions.size(), 2u);
  // No person opens the previous sentence: the last one named there.
  e =
      Run("Rain fell on President Anna Keller and General Omar Haddad. He "
          "smiled.");
  EXPECT_EQ(Find(e, "Omar Haddad").mentions.size(), 2u);
}

// The mention texts of an entity, joined by "|".
std::string MentionTexts(const Entity& e) {
  std::string out;
  for (const Mention& m : e.mentions) {
    if (!out.empty()) out += "|";
    out += m.text;
  }
  return out;
}

TEST_F(ActorRecognizerTest, ItAndTheyReferToOrganizationsAndStates) {
  auto e =
      Run("Norway signed the treaty on Monday. It will ratify it next year.");
  // The object "it" is left alone: it is mostly a thing, not an actor.
  EXPECT_EQ(MentionTexts(Find(e, "Norway")), "Norway|It");
  // The subject of the nearest sentence wins over a later mention.
  e = Run("Chile sent a note to Peru. It demanded an apology.");
  EXPECT_EQ(MentionTexts(Find(e, "Chile")), "Chile|It");
  EXPECT_EQ(MentionTexts(Find(e, "Peru")), "Peru");
  // Possessives; "they" for a people, not for a singular name (mostly
  // about people: here the members).
  e = Run("NATO met in Brussels. Its members said they were ready.");
  EXPECT_EQ(MentionTexts(Find(e, "NATO")), "NATO|Its");
  // A name the recognizer does not know may be the antecedent.
  e = Run("Norway voted. Later Zorbatek said it would invest.");
  EXPECT_EQ(MentionTexts(Find(e, "Norway")), "Norway");
  e = Run("Thousands of Kenyans marched. They demanded lower prices.");
  EXPECT_EQ(MentionTexts(Find(e, "Kenya")), "Kenyans|They");
}

TEST_F(ActorRecognizerTest, PleonasticItAndPeopleAreNotAntecedents) {
  for (const char* text : {"Norway voted. It is raining in Oslo.",
                           "Norway voted. It is said that the vote was close.",
                           "Norway voted. It seems the vote was close.",
                           "Norway voted. It would be wrong to guess.",
                           "Norway voted. It has been a long week."}) {
    const auto e = Run(text);
    EXPECT_EQ(MentionTexts(Find(e, "Norway")), "Norway") << text;
  }
  // "it" never refers to a person, "he" never to a state.
  auto e = Run("Anna Keller arrived. It was late. He left.");
  EXPECT_EQ(MentionTexts(Find(e, "Anna Keller")), "Anna Keller|He");
  // Nothing within two sentences: unresolved.
  e =
      Run("Norway voted. The weather was fine. Crowds gathered. People "
          "cheered. It said nothing.");
  EXPECT_EQ(MentionTexts(Find(e, "Norway")), "Norway");
}

TEST_F(ActorRecognizerTest, DefiniteDescriptionsFindTheirAntecedent) {
  auto e =
      Run("Iranian President Ali Rezaei met Russian President Pavel Sokolov in "
          "Tehran. The visit lasted two days. Trade grew. Talks ended. Later "
          "the Russian leader flew home, and he thanked the newly elected "
          "Iranian president.");
  EXPECT_EQ(MentionTexts(Find(e, "Pavel Sokolov")),
            "Pavel Sokolov|the Russian leader|he");
  EXPECT_EQ(MentionTexts(Find(e, "Ali Rezaei")),
            "Ali Rezaei|the newly elected Iranian president");
  e = Run("Peru recalled its envoy. The country also closed a consulate.");
  EXPECT_EQ(MentionTexts(Find(e, "Peru")), "Peru|its|The country");
  e =
      Run("The Chilean Foreign Ministry protested. The ministry said talks "
          "would go on.");
  EXPECT_EQ(Find(e, "Foreign Ministry").mentions.size(), 2u);
  EXPECT_EQ(Find(e, "Foreign Ministry").mentions.back().text, "The ministry");
  // Not descriptions: a following "of" phrase or name.
  e =
      Run("Peru voted. The president of the assembly and the president "
          "Ana Ruiz spoke.");
  EXPECT_EQ(MentionTexts(Find(e, "Peru")), "Peru");
  // A title modifying another noun, or a capitalized style, is no
  // description.
  e =
      Run("President Ana Ruiz spoke. The general manager and the Queen "
          "listened.");
  EXPECT_EQ(MentionTexts(Find(e, "Ana Ruiz")), "Ana Ruiz");
  // After a verb or preposition "the country" is mostly a place.
  e = Run("Peru voted. Officials urged tourists to leave the country.");
  EXPECT_EQ(MentionTexts(Find(e, "Peru")), "Peru");
  // No state to refer to: "the country" stays alone.
  e = Run("Anna Keller arrived. The country was calm.");
  EXPECT_EQ(MentionTexts(Find(e, "Anna Keller")), "Anna Keller");
}

TEST_F(ActorRecognizerTest, AStatesAdjectiveBeforeABodyNounIsThatBody) {
  auto e =
      Run("The Chilean government said Peruvian forces crossed the border. "
          "Norway's foreign ministry protested.");
  Entity gov = Find(e, "Chilean government");
  EXPECT_EQ(gov.type, "ORG");
  EXPECT_EQ(gov.code, "CHLGOV");
  EXPECT_EQ(Find(e, "Peruvian forces").code, "PERMIL");
  EXPECT_EQ(Find(e, "Norway's foreign ministry").code, "NORGOV");
  // Someone speaking for a body takes its code.
  e = Run("Omar Haddad, a spokesman for the Peruvian army, denied it.");
  EXPECT_EQ(Find(e, "Omar Haddad").code, "PERMIL");
  e = Run("The Chilean government said Peruvian forces crossed the border.");
  // The adjective is the body's country, not a mention of the state.
  EXPECT_EQ(Find(e, "Chile").mentions.size(), 0u);
  // Not a particular body, not a body noun, or part of a name.
  e =
      Run("An Iranian court ruled. Chilean wine sold well. The Chilean "
          "army General Omar Haddad spoke.");
  for (const Entity& x : e) {
    EXPECT_NE(x.code, "IRNJUD") << x.name;
    EXPECT_NE(x.code, "CHLMIL") << x.name;
  }
}

TEST_F(ActorRecognizerTest, NamesByTheirHeadWord) {
  auto e = Run("She studied at Harwood College and sailed the Bay of Kotor.");
  EXPECT_EQ(Find(e, "Harwood College").type, "ORG");
  EXPECT_EQ(Find(e, "Harwood College").role, "EDU");
  EXPECT_EQ(Find(e, "Bay of Kotor").type, "LOC");
}

TEST_F(ActorRecognizerTest, OrganizationsTakeTheirCountry) {
  auto e =
      Run("The Japanese Foreign Ministry protested. Japanese Foreign "
          "Ministry spokesman Kenji Sato said it was regrettable.");
  const Entity ministry = Find(e, "Foreign Ministry");
  EXPECT_EQ(ministry.type, "ORG");
  EXPECT_EQ(ministry.code, "JPNGOV");
  EXPECT_EQ(Find(e, "Kenji Sato").code, "JPNGOV");
}

TEST_F(ActorRecognizerTest, OffsetsPointIntoTheText) {
  const std::string text =
      "Foreign Minister Sergei Lavrov met NATO officials. He left. "
      "Iran-backed groups and U.S.-led forces.";
  for (const Entity& e : Run(text)) {
    for (const Mention& m : e.mentions) {
      ASSERT_LE(m.end, text.size());
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text);
    }
  }
}

TEST_F(ActorRecognizerTest, NeverCrashesOnOddInput) {
  EXPECT_TRUE(Run("").empty());
  const std::string_view pieces[] = {
      "President ", "Su-35", " Lavrov", " he",  "\xFF", ", ",   "the ",
      "SCO",        "(",     "Kremlin", "\n\n", "'s",   "Iran", " to "};
  uint32_t state = 7;
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int k = 0; k < 12; ++k) {
      state = state * 1103515245u + 12345u;
      text += pieces[(state >> 16) % std::size(pieces)];
    }
    for (const Entity& e : Run(text)) {
      for (const Mention& m : e.mentions) ASSERT_LE(m.end, text.size());
    }
  }
}

// A buffer sized by the document for every sentence made this quadratic:
// 160,000 sentences (4.8 MB) took tens of seconds of memset.
TEST_F(ActorRecognizerTest, BodiesNamedWithOfTakeTheirHeadsRole) {
  // The head before "of" gives the role; the state after it the country.
  auto e = Run("On Sunday the Parliament of Norway debated the budget.");
  EXPECT_EQ(Find(e, "Parliament of Norway").code, "NORLEG");
  e = Run("The Foreign Ministry of Peru summoned the envoy.");
  EXPECT_EQ(Find(e, "Foreign Ministry of Peru").code, "PERGOV");
  // A state before the name is its country ("the US Department of X").
  e = Run("Last week the Chilean Department of Mines issued new rules.");
  EXPECT_EQ(Find(e, "Department of Mines").code, "CHLGOV");
  // A listed multi-word body name, with the state leading it.
  e = Run("The Libyan House of Representatives rejected the deal.");
  EXPECT_EQ(Find(e, "Libyan House of Representatives").code, "LBYLEG");
  e = Run("On Monday, the Kenyan House of Representatives met again.");
  EXPECT_EQ(Find(e, "Kenyan House of Representatives").code, "KENLEG");
  // Without a state, no country is guessed; a place name with "of" stays
  // a place.
  e = Run("The House of Representatives voted on Tuesday.");
  EXPECT_EQ(Find(e, "House of Representatives").type, "ORG");
  EXPECT_EQ(Find(e, "House of Representatives").code, "");
  e = Run("Fishermen crossed the Bay of Bengal.");
  EXPECT_EQ(Find(e, "Bay of Bengal").type, "LOC");
  EXPECT_EQ(Find(e, "Bay of Bengal").code, "");
}

TEST_F(ActorRecognizerTest, ApposedTitleOfAnOrganizationCodesThePerson) {
  // "X, a UN rapporteur": the international body's code.
  auto e = Run("Lena Varga, a UN special rapporteur, visited the camp.");
  EXPECT_EQ(Find(e, "Lena Varga").code, "IGOUNO");
  e = Run("Tom Ward, a BBC reporter, asked about the strike.");
  EXPECT_EQ(Find(e, "Tom Ward").code, "GBRMED");
  // An uncoded organization lends nothing.
  e = Run("Ana Ruiz, a Foo Bar Labs reporter, asked about it.");
  EXPECT_EQ(Find(e, "Ana Ruiz").code, "");
}

// The entity with `code`, or an empty one.
Entity WithCode(const std::vector<Entity>& entities, std::string_view code) {
  for (const Entity& e : entities) {
    if (e.code == code) return e;
  }
  return Entity();
}

TEST_F(ActorRecognizerTest, CollectivesTakeTheCountryTheyAreIn) {
  // A place the sentence is set in.
  auto e = Run("Riot police detained dozens of demonstrators in Tbilisi.");
  EXPECT_EQ(WithCode(e, "GEOCOP").type, "ORG");
  EXPECT_EQ(WithCode(e, "GEOOPP").mentions.size(), 1u);
  // A state before the noun, or an "of/from" place after it.
  e = Run("Chilean protesters marched to the palace.");
  EXPECT_EQ(WithCode(e, "CHLOPP").name, "Chilean protesters");
  e = Run("The government of Ecuador lifted the curfew.");
  EXPECT_EQ(WithCode(e, "ECUGOV").mentions.size(), 1u);
  // Places of two states in the sentence: no guess.
  e = Run("Protesters marched in Paris and in Berlin.");
  for (const Entity& x : e) EXPECT_NE(x.role, "OPP") << x.name;
  // Alone, with no place: no code, so no entity.
  e = Run("The police arrested three men.");
  for (const Entity& x : e) EXPECT_NE(x.role, "COP") << x.name;
}

TEST_F(ActorRecognizerTest, CollectivesTakeTheDocumentsFocusCountry) {
  const std::string text =
      "Thousands marched in Belgrade on Sunday. Serbian officials said the "
      "march was peaceful. Serbia has seen weeks of unrest. Protesters "
      "threw stones at the parliament, and the police used tear gas. "
      "Demonstrators said the government must resign.";
  auto e = Run(text);
  const Entity protesters = WithCode(e, "SRBOPP");
  EXPECT_EQ(protesters.name, "Serbia protesters");
  EXPECT_EQ(protesters.mentions.size(), 2u);  // Also "Demonstrators".
  EXPECT_EQ(WithCode(e, "SRBCOP").mentions.size(), 1u);
  EXPECT_EQ(WithCode(e, "SRBLEG").mentions.size(), 1u);
  EXPECT_EQ(WithCode(e, "SRBGOV").mentions.size(), 1u);
}

TEST_F(ActorRecognizerTest, CollectivesAreNotGuessedWhenTwoStatesShareAText) {
  // Iran and Iraq are named about as often: no focus.
  const std::string text =
      "Iran and Iraq signed a pact in Baghdad. Iranian and Iraqi officials "
      "met in Tehran. Iran will send engineers to Iraq. The government "
      "welcomed the pact, and protesters rejected it.";
  for (const Entity& x : Run(text)) {
    EXPECT_TRUE(x.role != "GOV" && x.role != "OPP") << x.name;
  }
}

TEST_F(ActorRecognizerTest, CollectivesOwnedByOthersAreNotCoded) {
  const std::string setting =
      "Kenya held elections on Monday. Kenyan voters queued in Nairobi. "
      "Observers praised Kenya. ";
  // Foreign, someone's, a name's, part of a compound, a modifier.
  for (const char* sentence :
       {"The president blamed foreign security forces.",
        "Their government resigned.", "Hamas militants fired rockets.",
        "A pro-government crowd gathered.", "The police station burned.",
        "The government of Abdi Hassan fell.",
        "Opposition leader Raila Odinga spoke.",
        "Voters want limited government.", "The police investigation goes on.",
        "She opposes the police state.", "Opposition to the plan grew."}) {
    auto e = Run(setting + sentence);
    for (const Entity& x : e) {
      EXPECT_TRUE(!x.code.starts_with("KEN") || x.code == "KEN")
          << sentence << ": " << x.name << " " << x.code;
    }
  }
  // The same setting does code a bare collective.
  EXPECT_EQ(WithCode(Run(setting + "The police arrested two men."), "KENCOP")
                .mentions.size(),
            1u);
}

TEST_F(ActorRecognizerTest, ABareCollectiveAfterAnOwnedOneIsThatOne) {
  const std::string setting =
      "Kenya held elections on Monday. Kenyan voters queued in Nairobi. "
      "Observers praised Kenya. ";
  // "Hamas militants" are Hamas's; "the militants" that follow are the
  // same ones, not the focus state's. Other nouns keep the focus.
  auto e = Run(setting +
               "Hamas militants fired rockets. Later the militants "
               "withdrew. The police arrested two men.");
  for (const Entity& x : e) {
    EXPECT_NE(x.code, "KENUAF") << x.name;
  }
  EXPECT_EQ(WithCode(e, "KENCOP").mentions.size(), 1u);
  // Without the owned mention before, the bare one is the focus state's.
  e = Run(setting + "Later the militants withdrew.");
  EXPECT_EQ(WithCode(e, "KENUAF").mentions.size(), 1u);
}

TEST_F(ActorRecognizerTest, BareBodyNamesReferToTheNamedBody) {
  // "Parliament" and "the parliament's" are the Parliament of Iraq named
  // before; "House" the House of Representatives.
  auto e =
      Run("The Parliament of Iraq voted on Sunday. Washington criticized the "
          "Parliament's decision. Parliament will meet again.");
  const Entity body = Find(e, "Parliament of Iraq");
  EXPECT_EQ(body.code, "IRQLEG");
  EXPECT_EQ(body.mentions.size(), 3u);
  e =
      Run("The United States House of Representatives passed the bill. The "
          "House voted 230 to 197.");
  EXPECT_EQ(Find(e, "United States House of Representatives").mentions.size(),
            2u);
  // "The Senate" is not the House named just before: a legislature or an
  // embassy is referred to by its own name.
  e =
      Run("The United States House of Representatives passed the bill. The "
          "Senate will vote next week.");
  EXPECT_EQ(Find(e, "United States House of Representatives").mentions.size(),
            1u);
  e =
      Run("Police wrote to the US Embassy in London. The embassy declined the "
          "request.");
  EXPECT_EQ(Find(e, "US Embassy in London").code, "USAGOV");
  EXPECT_EQ(Find(e, "US Embassy in London").mentions.size(), 2u);
}

TEST_F(ActorRecognizerTest, LongDocumentsStayLinear) {
  std::string text;
  for (int i = 0; i < 160000; ++i) text += "Russia and France held talks. ";
  const std::clock_t start = std::clock();
  const std::vector<Entity> entities = Run(text);
  const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_LT(seconds, 15.0);  // About 3 s in Release.
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(entities[0].mentions.size(), 160000u);
}

// --- the lexicons ---

TEST(ActorLexiconTest, BuiltInParses) {
  auto lex = ActorLexicon::BuiltIn();
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  ASSERT_NE(lex->Find("SCO"), nullptr);
  EXPECT_EQ(lex->Find("SCO")->name, "Shanghai Cooperation Organization");
  EXPECT_EQ(lex->TitleRole("foreign minister"), "GOV");
  EXPECT_EQ(lex->OrgHeadRole("army"), "MIL");
  EXPECT_TRUE(lex->IsWeaponPrefix("Su"));
  EXPECT_TRUE(lex->IsWeaponHead("drones"));
}

TEST(ActorLexiconTest, MalformedTablesAreDataLoss) {
  const std::string ok_roles = "T\tpresident\tGOV\n";
  auto r = ActorLexicon::Parse({"IGOUNO\tUnited Nations\n", "", "", ok_roles});
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("organizations.tsv line 1"),
            std::string::npos);
  r = ActorLexicon::Parse({"# c\nigo\tX\t\n", "", "", ok_roles});
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  r = ActorLexicon::Parse({"IGOUNO\tUN\t\n", "", "", "T\tpresident\tgov\n"});
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  r = ActorLexicon::Parse({"IGOUNO\tUN\t\n", "", "Q\tx\n", ok_roles});
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  r = ActorLexicon::Parse({"IGOUNO\tUN\tU.N.\n", "", "", ok_roles});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Find("U.N.")->code, "IGOUNO");
}

// --- the NER model ---

NerExample Example(std::string text, std::vector<uint8_t> labels) {
  NerExample ex;
  ex.text = std::move(text);
  ex.tokens = Tokenize(ex.text);
  ex.labels = std::move(labels);
  ex.labels.resize(ex.tokens.size(), 0);
  return ex;
}

NerModel TinyModel() {
  const uint8_t P = NerBegin(NerType::kPerson), p = NerInside(NerType::kPerson);
  const uint8_t G = NerBegin(NerType::kPlace);
  std::vector<NerExample> train = {
      Example("John Smith went to Paris .", {P, p, 0, 0, G, 0}),
      Example("Mary Jones went to Rome .", {P, p, 0, 0, G, 0}),
      Example("Then Ann Lee went to Oslo .", {0, P, p, 0, 0, G, 0}),
  };
  NerTrainOptions options;
  options.epochs = 5;
  auto model = TrainNer(train, {}, {}, options);
  EXPECT_TRUE(model.ok());
  return std::move(model).value();
}

TEST(NerModelTest, LearnsAndRoundTrips) {
  const NerModel model = TinyModel();
  const std::string text = "Bob Stone went to Lima .";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<NerSpan> spans =
      model.Tag(text, tokens, 0, tokens.size(), {});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].type, NerType::kPerson);
  EXPECT_EQ(spans[0].first, 0u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].type, NerType::kPlace);

  const std::string bytes = model.Serialize();
  auto back = NerModel::Deserialize(bytes, "mem");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->num_features(), model.num_features());
  const std::vector<NerSpan> again =
      back->Tag(text, tokens, 0, tokens.size(), {});
  ASSERT_EQ(again.size(), spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_EQ(again[i].first, spans[i].first);
    EXPECT_EQ(again[i].end, spans[i].end);
    EXPECT_EQ(again[i].type, spans[i].type);
  }
  EXPECT_EQ(back->Serialize(), bytes);
}

TEST(NerModelTest, CorruptModelsAreDataLoss) {
  const std::string bytes = TinyModel().Serialize();
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  auto r = NerModel::Deserialize(flipped, "flipped.bin");
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("flipped.bin"), std::string::npos);
  r = NerModel::Deserialize(bytes.substr(0, bytes.size() - 3), "short.bin");
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  r = NerModel::Deserialize("", "empty.bin");
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  std::string wrong_version = bytes;
  wrong_version[4] = 9;
  r = NerModel::Deserialize(wrong_version, "v9.bin");
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(NerModel::Load("/nonexistent/ner.bin").status().code(),
            StatusCode::kNotFound);

  // The recognizer reports a corrupt model file by name.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("entente_ner_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "ner.bin", std::ios::binary);
    out << flipped;
  }
  EntityOptions options;
  options.models_dir = dir.string();
  auto rec = EntityRecognizer::Create(options);
  EXPECT_EQ(rec.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(rec.status().message().find("ner.bin"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(NerModelTest, ReadsGumEntityAnnotations) {
  // Columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
  const std::string conllu =
      "# text = The Kremlin said Anna Ivanova left\n"
      "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-s-cf1-"
      "1,2-coref-Moscow_Kremlin\n"
      "2\tKremlin\tKremlin\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)\n"
      "3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "4\tAnna\tAnna\tPROPN\tNNP\t_\t6\tnsubj\t_\tEntity=(2-person-new-s-cf2-"
      "1,2-sgl\n"
      "5\tIvanova\tIvanova\tPROPN\tNNP\t_\t4\tflat\t_\tEntity=2)\n"
      "6\tleft\tleave\tVERB\tVBD\t_\t3\tccomp\t_\tEntity=(3-abstract-new-s-"
      "cf3-1-sgl)\n"
      "\n";
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("entente_gum_" + std::to_string(::getpid()) + ".conllu");
  {
    std::ofstream out(path);
    out << conllu;
  }
  auto ex = ReadGumNerExamples(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_EQ(ex->size(), 1u);
  const NerExample& s = (*ex)[0];
  EXPECT_EQ(s.text, "The Kremlin said Anna Ivanova left ");
  ASSERT_EQ(s.labels.size(), 6u);
  // "The" is trimmed; the abstract mention is ignored.
  EXPECT_EQ(s.labels, (std::vector<uint8_t>{0, NerBegin(NerType::kOrganization),
                                            0, NerBegin(NerType::kPerson),
                                            NerInside(NerType::kPerson), 0}));
}

// An actor dictionary given with --actors: invented people and a company,
// real country codes.
class ActorDictionaryRecognizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::filesystem::path(
        std::filesystem::temp_directory_path() /
        ("entente_actors_" + std::to_string(::getpid()) + ".txt"));
    {
      std::ofstream out(*path_);
      out << "# invented for this test\n"
             "ZORBA_KAMENEV_\n"
             "+PRESIDENT_KAMENEV\n"
             "+KAMENEV\n"
             "\t[IRNELI 740101-130803]\n"
             "\t[IRNGOV 130803-170803]\n"
             "\t[IRNOPP]\n"
             "ODILE_VASQUEZ_BRANDT\t[CHLMIL]\n"
             "KHARG_PETROLEUM_COMPANY\t[IRNBUS]\n"
             "NORTH_ZEDLAND\t[---]\n"
             "UNITED_STATES_OF_AMERICA_\t[USA]\n"
             "+ZORBAVILLE\n";
    }
    EntityOptions options;
    options.actor_files = {path_->string()};
    auto r = EntityRecognizer::Create(options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete recognizer_;
    std::filesystem::remove(*path_);
    delete path_;
  }
  static std::vector<Entity> Run(std::string_view text, std::string_view date) {
    const std::vector<Token> tokens = Tokenize(text);
    return recognizer_->Recognize(text, tokens, SplitSentences(text, tokens),
                                  date);
  }
  static const Entity* Named(const std::vector<Entity>& es,
                             std::string_view name) {
    for (const Entity& e : es) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
  static inline const EntityRecognizer* recognizer_ = nullptr;
  static inline std::filesystem::path* path_ = nullptr;
};

TEST_F(ActorDictionaryRecognizerTest, DatedCodeFollowsTheDocumentDate) {
  const std::string text = "Zorba Kamenev met reporters on Tuesday.";
  struct Case {
    const char* date;
    const char* code;
  };
  for (const Case& c :
       {Case{"2010-03-01", "IRNELI"}, Case{"2015-03-01", "IRNGOV"},
        Case{"2019-03-01", "IRNOPP"}, Case{"", "IRNOPP"}}) {
    const auto es = Run(text, c.date);
    const Entity* e = Named(es, "Zorba Kamenev");
    ASSERT_NE(e, nullptr) << c.date;
    EXPECT_EQ(e->type, "PERSON");
    EXPECT_EQ(e->code, c.code) << c.date;
    EXPECT_EQ(e->country, "IRN");
  }
}

TEST_F(ActorDictionaryRecognizerTest, SynonymsJoinAndDictionaryBeatsTitles) {
  const auto es =
      Run("Russian Foreign Minister Zorba Kamenev arrived. President Kamenev "
          "later spoke. Kamenev left.",
          "2014-06-01");
  const Entity* e = Named(es, "Zorba Kamenev");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "IRNGOV");  // Not RUSGOV from the title.
  EXPECT_EQ(e->mentions.size(), 3u);
}

TEST_F(ActorDictionaryRecognizerTest, UnknownNamesBecomeActors) {
  const auto es =
      Run("Officials from the Kharg Petroleum Company met Odile Vasquez Brandt "
          "near North Zedland.",
          "2020-01-01");
  const Entity* company = Named(es, "Kharg Petroleum Company");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->type, "ORG");
  EXPECT_EQ(company->code, "IRNBUS");
  const Entity* person = Named(es, "Odile Vasquez Brandt");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, "PERSON");
  EXPECT_EQ(person->code, "CHLMIL");
  // "[---]": matched but never coded.
  for (const Entity& e : es) EXPECT_NE(e.code, "---");
}

TEST_F(ActorDictionaryRecognizerTest, PlacesStayPlacesAndOthersAreUntouched) {
  const auto es = Run("Kamenev flew from Moscow to Tehran.", "2015-01-01");
  const Entity* moscow = Named(es, "Moscow");
  ASSERT_NE(moscow, nullptr);
  EXPECT_EQ(moscow->code, "RUS");
  const Entity* e = Named(es, "Kamenev");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "IRNGOV");
}

TEST_F(ActorDictionaryRecognizerTest, PlacesInAStatesRecordDoNotAct) {
  const auto es = Run("Storms hit Zorbaville on Monday.", "2020-01-01");
  const Entity* town = Named(es, "Zorbaville");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->type, "GPE");
  EXPECT_EQ(town->country, "USA");
  EXPECT_EQ(town->code, "");  // A place, never an acting state.
}

TEST(ActorDictionaryRecognizerErrorsTest, BadDictionaryNamesFileAndLine) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("entente_bad_actors_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(path);
    out << "ZEDLAND\n\t[ZZZGOV 2013-2014]\n";
  }
  EntityOptions options;
  options.actor_files = {path.string()};
  auto r = EntityRecognizer::Create(options);
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find(path.string() + ":2:"), std::string::npos)
      << r.status().message();
  options.actor_files = {"/nonexistent/actors.txt"};
  EXPECT_EQ(EntityRecognizer::Create(options).status().code(),
            StatusCode::kNotFound);
}

// NER span F1 of the shipped model on a slice of GUM dev (the full figure is
// in docs/accuracy.md). A floor, not a target: it catches a broken model or
// feature drift between training and tagging.
TEST(NerSharedTest, GumDevF1AboveFloor) {
  ENTENTE_REQUIRE_SHARED("corpora/gum/dev.conllu");
  auto ex = ReadGumNerExamples(
      (testing::SharedDir() / "corpora/gum/dev.conllu").string());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ex->resize(std::min<size_t>(ex->size(), 400));
  auto model = NerModel::Load(testing::SourceDir() / "models/ner.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto gazetteer = Gazetteer::BuiltIn();
  auto lexicon = ActorLexicon::BuiltIn();
  ASSERT_TRUE(gazetteer.ok() && lexicon.ok());
  const NerScores s = EvaluateNer(*model, *ex, {&*gazetteer, &*lexicon});
  EXPECT_GT(s.gold, 100u);
  EXPECT_GE(s.f1(), 0.50) << "P " << s.precision() << " R " << s.recall();
}

}  // namespace
}  // namespace entente
