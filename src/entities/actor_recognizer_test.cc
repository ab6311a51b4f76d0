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
  e = Run("Maria Lopez, the Mexican interior minister, resigned.");
  EXPECT_EQ(Find(e, "Maria Lopez").code, "MEXGOV");
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
  // The most recent person wins.
  e = Run("President Anna Keller met General Omar Haddad. He smiled.");
  EXPECT_EQ(Find(e, "Omar Haddad").mentions.size(), 2u);
  EXPECT_EQ(Find(e, "Anna Keller").mentions.size(), 1u);
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
