// Tests of the event coder, one construction at a time, over hand-built
// dependency trees (UD English conventions), so that they do not depend on
// the parser model.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "entente/events.h"
#include "entente/text.h"

namespace entente {
namespace {

struct EntitySpec {
  std::string type;
  std::string code;
  std::vector<std::string> surfaces;  // Every occurrence becomes a mention.
};

struct Built {
  Document doc;
  Analysis analysis;
  std::vector<TokenSyntax> syntax;
};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
}

// `tree` has one "lemma/UPOS/head/deprel[/XPOS]" per token, heads 1-based
// within the sentence (0 = root), as in CoNLL-U. The text is one sentence.
Built Make(const std::string& text, const std::string& tree,
           const std::vector<EntitySpec>& entities) {
  Built b;
  b.doc.id = "t";
  b.doc.date = "2024-07-13";
  b.doc.text = text;
  b.analysis.tokens = Tokenize(text);
  std::istringstream in(tree);
  std::string item;
  while (in >> item) {
    std::vector<std::string> f;
    size_t start = 0;
    // The lemma itself may be "/" only for punctuation we never use.
    while (true) {
      size_t pos = item.find('/', start);
      f.push_back(item.substr(start, pos - start));
      if (pos == std::string::npos) break;
      start = pos + 1;
    }
    TokenSyntax s;
    s.lemma = f.at(0);
    s.upos = f.at(1);
    s.head = std::stoi(f.at(2)) - 1;
    s.deprel = f.at(3);
    if (f.size() > 4) s.xpos = f[4];
    b.syntax.push_back(s);
  }
  EXPECT_EQ(b.syntax.size(), b.analysis.tokens.size()) << text;
  Sentence sent;
  sent.start = 0;
  sent.end = static_cast<uint32_t>(text.size());
  sent.first_token = 0;
  sent.end_token = static_cast<uint32_t>(b.analysis.tokens.size());
  b.analysis.sentences.push_back(sent);
  int n = 0;
  for (const EntitySpec& spec : entities) {
    Entity e;
    e.id = "E" + std::to_string(++n);
    e.type = spec.type;
    e.code = spec.code;
    e.country = spec.code.substr(0, std::min<size_t>(3, spec.code.size()));
    if (spec.code.size() > 3) e.role = spec.code.substr(3);
    e.name = spec.surfaces.at(0);
    for (const std::string& s : spec.surfaces) {
      for (size_t pos = text.find(s); pos != std::string::npos;
           pos = text.find(s, pos + 1)) {
        bool left = pos == 0 || !IsWordChar(text[pos - 1]);
        size_t end = pos + s.size();
        bool right = end == text.size() || !IsWordChar(text[end]);
        if (!left || !right) continue;
        Mention m;
        m.start = static_cast<uint32_t>(pos);
        m.end = static_cast<uint32_t>(end);
        m.text = s;
        e.mentions.push_back(m);
      }
    }
    b.analysis.entities.push_back(e);
  }
  return b;
}

const EventCoder& Coder() {
  static const EventCoder* coder = [] {
    auto c = EventCoder::Create();
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value().release();
  }();
  return *coder;
}

// "SRC>TGT:CODE:modality" per event, in order.
std::vector<std::string> Summary(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) {
    out.push_back(e.source_code + ">" + e.target_code + ":" + e.code + ":" +
                  e.modality + (e.negated ? ":negated" : ""));
  }
  return out;
}

std::vector<std::string> CodeOf(const Built& b, std::string* trace = nullptr) {
  return Summary(Coder().Code(b.doc, b.analysis, b.syntax, trace));
}

using V = std::vector<std::string>;
const EntitySpec kRussia{"GPE", "RUS", {"Russia"}};
const EntitySpec kIran{"GPE", "IRN", {"Iran"}};
const EntitySpec kChina{"GPE", "CHN", {"China"}};
const EntitySpec kIsrael{"GPE", "ISR", {"Israel"}};
const EntitySpec kUkraine{"GPE", "UKR", {"Ukraine"}};

TEST(EventCoderTest, ActiveVerbWithWeaponInstrument) {
  Built b = Make("Russia provides Iran with Kalibr missiles.",
                 "Russia/PROPN/2/nsubj provide/VERB/0/root Iran/PROPN/2/obj "
                 "with/ADP/6/case Kalibr/PROPN/6/compound "
                 "missile/NOUN/2/obl ./PUNCT/2/punct",
                 {kRussia, kIran, {"WEAPON", "", {"Kalibr missiles"}}});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  ASSERT_EQ(Summary(events), V{"RUS>IRN:072:asserted"});
  EXPECT_EQ(events[0].instrument, "E3");
  EXPECT_EQ(events[0].evidence.text,
            "Russia provides Iran with Kalibr missiles");
  EXPECT_EQ(events[0].date, "2024-07-13");
  EXPECT_EQ(events[0].quad_class, 2);
  EXPECT_DOUBLE_EQ(events[0].goldstein, 8.3);
  EXPECT_EQ(events[0].id, "V1");
}

TEST(EventCoderTest, PrepositionalTarget) {
  Built b = Make("Iran provides drones to Russia.",
                 "Iran/PROPN/2/nsubj provide/VERB/0/root drone/NOUN/2/obj "
                 "to/ADP/5/case Russia/PROPN/2/obl ./PUNCT/2/punct",
                 {kIran, kRussia});
  EXPECT_EQ(CodeOf(b), V{"IRN>RUS:070:asserted"});
}

TEST(EventCoderTest, NegatedEventIsDroppedOrFlagged) {
  Built b = Make("Israel did not attack Iran.",
                 "Israel/PROPN/4/nsubj do/AUX/4/aux not/PART/4/advmod "
                 "attack/VERB/0/root Iran/PROPN/4/obj ./PUNCT/4/punct",
                 {kIsrael, kIran});
  EXPECT_EQ(CodeOf(b), V{});
  EventCoderOptions options;
  options.keep_negated = true;
  auto coder = EventCoder::Create(options);
  ASSERT_TRUE(coder.ok());
  EXPECT_EQ(Summary((*coder)->Code(b.doc, b.analysis, b.syntax)),
            V{"ISR>IRN:190:asserted:negated"});
}

TEST(EventCoderTest, PositiveCounterpartOfNegation) {
  Built b = Make("Israel attacked Iran.",
                 "Israel/PROPN/2/nsubj attack/VERB/0/root Iran/PROPN/2/obj "
                 "./PUNCT/2/punct",
                 {kIsrael, kIran});
  EXPECT_EQ(CodeOf(b), V{"ISR>IRN:190:asserted"});
}

TEST(EventCoderTest, FutureIsIntentAndSymmetricSubjectsPair) {
  Built b = Make("Russia and Iran will sign an agreement.",
                 "Russia/PROPN/5/nsubj and/CCONJ/3/cc Iran/PROPN/1/conj "
                 "will/AUX/5/aux sign/VERB/0/root an/DET/7/det "
                 "agreement/NOUN/5/obj ./PUNCT/5/punct",
                 {kRussia, kIran});
  EXPECT_EQ(CodeOf(b), (V{"RUS>IRN:030:intended", "IRN>RUS:030:intended"}));
}

TEST(EventCoderTest, PastSignatureIsAgreement) {
  Built b = Make("Russia and Iran signed an agreement.",
                 "Russia/PROPN/4/nsubj and/CCONJ/3/cc Iran/PROPN/1/conj "
                 "sign/VERB/0/root an/DET/6/det agreement/NOUN/4/obj "
                 "./PUNCT/4/punct",
                 {kRussia, kIran});
  EXPECT_EQ(CodeOf(b), (V{"RUS>IRN:057:asserted", "IRN>RUS:057:asserted"}));
}

TEST(EventCoderTest, PassiveTakesTheAgentAsSource) {
  Built b = Make("Iran was attacked by Israel.",
                 "Iran/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "attack/VERB/0/root/VBN by/ADP/5/case "
                 "Israel/PROPN/3/obl:agent ./PUNCT/3/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"ISR>IRN:190:asserted"});
}

TEST(EventCoderTest, PassiveWithoutAgentYieldsNothing) {
  Built b = Make("Iran was attacked.",
                 "Iran/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "attack/VERB/0/root/VBN ./PUNCT/3/punct",
                 {kIran});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, ParticipialClauseInheritsSubjectAndCoordinationSplits) {
  Built b = Make(
      "Pezeshkian published an article, praising China and Russia.",
      "Pezeshkian/PROPN/2/nsubj publish/VERB/0/root an/DET/4/det "
      "article/NOUN/2/obj ,/PUNCT/6/punct praise/VERB/2/advcl "
      "China/PROPN/6/obj and/CCONJ/9/cc Russia/PROPN/7/conj ./PUNCT/2/punct",
      {{"PERSON", "IRNGOV", {"Pezeshkian"}}, kChina, kRussia});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events),
            (V{"IRNGOV>CHN:051:asserted", "IRNGOV>RUS:051:asserted"}));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].evidence.text, "praising China and Russia");
}

TEST(EventCoderTest, RaisingPredicateLendsItsSubject) {
  Built b = Make("Iran is known for providing drones to Russia.",
                 "Iran/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "know/VERB/0/root/VBN for/SCONJ/5/mark "
                 "provide/VERB/3/advcl/VBG drone/NOUN/5/obj to/ADP/8/case "
                 "Russia/PROPN/5/obl ./PUNCT/3/punct",
                 {kIran, kRussia});
  EXPECT_EQ(CodeOf(b), V{"IRN>RUS:070:asserted"});
}

TEST(EventCoderTest, ControlByIntentVerb) {
  Built b = Make("Iran plans to visit China.",
                 "Iran/PROPN/2/nsubj plan/VERB/0/root to/PART/4/mark "
                 "visit/VERB/2/xcomp China/PROPN/4/obj ./PUNCT/2/punct",
                 {kIran, kChina});
  EXPECT_EQ(CodeOf(b), V{"IRN>CHN:036:intended"});
}

TEST(EventCoderTest, NominalEventWithPossessorAndPreposition) {
  Built b = Make("Ukraine's battle against Russia is crucial.",
                 "Ukraine/PROPN/3/nmod:poss 's/PART/1/case "
                 "battle/NOUN/7/nsubj against/ADP/5/case "
                 "Russia/PROPN/3/nmod be/AUX/7/cop crucial/ADJ/0/root "
                 "./PUNCT/7/punct",
                 {kUkraine, kRussia});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"UKR>RUS:190:asserted"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].evidence.text, "Ukraine's battle against Russia");
}

TEST(EventCoderTest, SymmetricNominalGoesBothWays) {
  Built b = Make(
      "Putin's telephone conversation with Pezeshkian was brief.",
      "Putin/PROPN/4/nmod:poss 's/PART/1/case telephone/NOUN/4/compound "
      "conversation/NOUN/8/nsubj with/ADP/6/case Pezeshkian/PROPN/4/nmod "
      "be/AUX/8/cop brief/ADJ/0/root ./PUNCT/8/punct",
      {{"PERSON", "RUSGOV", {"Putin"}}, {"PERSON", "IRNGOV", {"Pezeshkian"}}});
  EXPECT_EQ(CodeOf(b),
            (V{"RUSGOV>IRNGOV:041:asserted", "IRNGOV>RUSGOV:041:asserted"}));
}

TEST(EventCoderTest, ReportedSpeechIsAttributedToTheSpeaker) {
  Built b = Make("Dedov said that Iran attacked Israel.",
                 "Dedov/PROPN/2/nsubj say/VERB/0/root that/SCONJ/5/mark "
                 "Iran/PROPN/5/nsubj attack/VERB/2/ccomp Israel/PROPN/5/obj "
                 "./PUNCT/2/punct",
                 {{"PERSON", "RUSGOV", {"Dedov"}}, kIran, kIsrael});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"IRN>ISR:190:reported"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attributed_to, "E1");
}

TEST(EventCoderTest, ReportedIntentStaysIntended) {
  Built b = Make("He indicated that Russia and Iran will sign a treaty.",
                 "he/PRON/2/nsubj indicate/VERB/0/root that/SCONJ/8/mark "
                 "Russia/PROPN/8/nsubj and/CCONJ/6/cc Iran/PROPN/4/conj "
                 "will/AUX/8/aux sign/VERB/2/ccomp a/DET/10/det "
                 "treaty/NOUN/8/obj ./PUNCT/2/punct",
                 {{"PERSON", "RUSGOV", {"He"}}, kRussia, kIran});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events),
            (V{"RUS>IRN:030:intended", "IRN>RUS:030:intended"}));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].attributed_to, "E1");
}

TEST(EventCoderTest, FutureConflictIsNotCoded) {
  Built b = Make("Russia will attack Ukraine.",
                 "Russia/PROPN/3/nsubj will/AUX/3/aux attack/VERB/0/root "
                 "Ukraine/PROPN/3/obj ./PUNCT/3/punct",
                 {kRussia, kUkraine});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, ThreatIsCodedAsThreat) {
  Built b = Make("Iran threatened to attack Israel.",
                 "Iran/PROPN/2/nsubj threaten/VERB/0/root to/PART/4/mark "
                 "attack/VERB/2/xcomp Israel/PROPN/4/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:1384:asserted"});
}

TEST(EventCoderTest, RefusalIsCodedAsRejection) {
  Built b = Make("Iran refused to meet Israel.",
                 "Iran/PROPN/2/nsubj refuse/VERB/0/root to/PART/4/mark "
                 "meet/VERB/2/xcomp Israel/PROPN/4/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:125:asserted"});
}

TEST(EventCoderTest, DemandedActIsNotAnEventButTheAppealIs) {
  Built b = Make("China urged Russia to negotiate with Ukraine.",
                 "China/PROPN/2/nsubj urge/VERB/0/root Russia/PROPN/2/obj "
                 "to/PART/5/mark negotiate/VERB/2/xcomp with/ADP/7/case "
                 "Ukraine/PROPN/5/obl ./PUNCT/2/punct",
                 {kChina, kRussia, kUkraine});
  EXPECT_EQ(CodeOf(b), V{"CHN>RUS:020:asserted"});
}

TEST(EventCoderTest, HypotheticalIsNotCoded) {
  Built b = Make("Iran could attack Israel.",
                 "Iran/PROPN/3/nsubj could/AUX/3/aux attack/VERB/0/root "
                 "Israel/PROPN/3/obj ./PUNCT/3/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, UncodedActorYieldsNothing) {
  Built b = Make("The rebels attacked Iran.",
                 "the/DET/2/det rebel/NOUN/3/nsubj attack/VERB/0/root "
                 "Iran/PROPN/3/obj ./PUNCT/3/punct",
                 {kIran});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, ReciprocalObjectRelatesTheSubjects) {
  Built b = Make("China and Iran support each other.",
                 "China/PROPN/4/nsubj and/CCONJ/3/cc Iran/PROPN/1/conj "
                 "support/VERB/0/root each/DET/6/det other/ADJ/4/obj "
                 "./PUNCT/4/punct",
                 {kChina, kIran});
  EXPECT_EQ(CodeOf(b), (V{"CHN>IRN:051:asserted", "IRN>CHN:051:asserted"}));
}

TEST(EventCoderTest, PossessorOfTheObjectIsTheTarget) {
  Built b = Make("Iran praised Russia's decision.",
                 "Iran/PROPN/2/nsubj praise/VERB/0/root "
                 "Russia/PROPN/5/nmod:poss 's/PART/3/case "
                 "decision/NOUN/2/obj ./PUNCT/2/punct",
                 {kIran, kRussia});
  EXPECT_EQ(CodeOf(b), V{"IRN>RUS:051:asserted"});
}

TEST(EventCoderTest, SportsSentenceYieldsNoConflict) {
  Built b = Make("France attacked England in the semifinal.",
                 "France/PROPN/2/nsubj attack/VERB/0/root "
                 "England/PROPN/2/obj in/ADP/6/case the/DET/6/det "
                 "semifinal/NOUN/2/obl ./PUNCT/2/punct",
                 {{"GPE", "FRA", {"France"}}, {"GPE", "GBR", {"England"}}});
  std::string trace;
  EXPECT_EQ(CodeOf(b, &trace), V{});
  EXPECT_NE(trace.find("sports"), std::string::npos) << trace;
}

TEST(EventCoderTest, PoliticiansAttackingEachOtherCriticize) {
  Built b =
      Make("Biden attacked Trump.",
           "Biden/PROPN/2/nsubj attack/VERB/0/root Trump/PROPN/2/obj "
           "./PUNCT/2/punct",
           {{"PERSON", "USAGOV", {"Biden"}}, {"PERSON", "USA", {"Trump"}}});
  EXPECT_EQ(CodeOf(b), V{"USAGOV>USA:111:asserted"});
}

TEST(EventCoderTest, VerbObjectPatternBeatsBareVerb) {
  Built b = Make("Iran struck a deal with China.",
                 "Iran/PROPN/2/nsubj strike/VERB/0/root a/DET/4/det "
                 "deal/NOUN/2/obj with/ADP/6/case China/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {kIran, kChina});
  EXPECT_EQ(CodeOf(b), (V{"IRN>CHN:057:asserted", "CHN>IRN:057:asserted"}));
}

TEST(EventCoderTest, LightVerbLendsSubjectToNominalEvent) {
  Built b = Make("Israel launched an attack on Iran.",
                 "Israel/PROPN/2/nsubj launch/VERB/0/root an/DET/4/det "
                 "attack/NOUN/2/obj on/ADP/6/case Iran/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {kIsrael, kIran});
  EXPECT_EQ(CodeOf(b), V{"ISR>IRN:190:asserted"});
}

TEST(EventCoderTest, PurposeClauseIsNotAnAct) {
  Built b = Make("Russia paid bounties to kill Americans.",
                 "Russia/PROPN/2/nsubj pay/VERB/0/root bounty/NOUN/2/obj "
                 "to/PART/5/mark kill/VERB/2/advcl American/PROPN/5/obj "
                 "./PUNCT/2/punct",
                 {kRussia, {"GPE", "USA", {"Americans"}}});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, AgentlessPassiveTakesTheActorBehindTheMeans) {
  Built b = Make("Soleimani was killed in a US airstrike.",
                 "Soleimani/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "kill/VERB/0/root/VBN in/ADP/7/case a/DET/7/det "
                 "US/PROPN/7/compound airstrike/NOUN/3/obl ./PUNCT/3/punct",
                 {{"PERSON", "IRNMIL", {"Soleimani"}}, {"GPE", "USA", {"US"}}});
  EXPECT_EQ(CodeOf(b), V{"USA>IRNMIL:190:asserted"});
}

TEST(EventCoderTest, UncodedPersonIsPlacedByModifier) {
  Built b = Make(
      "Israel attacked Iranian general Hajizadeh.",
      "Israel/PROPN/2/nsubj attack/VERB/0/root "
      "Iranian/ADJ/4/amod general/NOUN/5/compound "
      "Hajizadeh/PROPN/2/obj ./PUNCT/2/punct",
      {kIsrael, {"GPE", "IRN", {"Iranian"}}, {"PERSON", "", {"Hajizadeh"}}});
  EXPECT_EQ(CodeOf(b), V{"ISR>IRN:190:asserted"});
}

TEST(EventCoderTest, PersonTakesTheCodeOfATitleElsewhereInTheDocument) {
  const EntitySpec person{"PERSON", "", {"Hajizadeh"}};
  Built b =
      Make("Iranian general Hajizadeh arrived and Hajizadeh praised Russia.",
           "Iranian/ADJ/2/amod general/NOUN/3/compound Hajizadeh/PROPN/4/nsubj "
           "arrive/VERB/0/root and/CCONJ/7/cc Hajizadeh/PROPN/7/nsubj "
           "praise/VERB/4/conj Russia/PROPN/7/obj ./PUNCT/4/punct",
           {{"GPE", "IRN", {"Iranian"}}, person, kRussia});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"IRN>RUS:051:asserted"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].source, "E2");  // The person, not the country.

  // The name hung on its title as an apposition.
  b = Make(
      "The Iranian general, Hajizadeh, arrived and Hajizadeh praised Russia.",
      "the/DET/3/det Iranian/ADJ/3/amod general/NOUN/7/nsubj ,/PUNCT/5/punct "
      "Hajizadeh/PROPN/3/appos ,/PUNCT/5/punct arrive/VERB/0/root "
      "and/CCONJ/10/cc Hajizadeh/PROPN/10/nsubj praise/VERB/7/conj "
      "Russia/PROPN/10/obj ./PUNCT/7/punct",
      {{"GPE", "IRN", {"Iranian"}}, person, kRussia});
  EXPECT_EQ(CodeOf(b), V{"IRN>RUS:051:asserted"});
}

TEST(EventCoderTest, PersonDoesNotTakeAnotherPersonsCode) {
  // Being Putin's friend makes nobody Russian.
  Built b = Make(
      "Putin's friend Hajizadeh arrived and Hajizadeh praised China.",
      "Putin/PROPN/3/nmod:poss 's/PART/1/case friend/NOUN/4/compound "
      "Hajizadeh/PROPN/5/nsubj arrive/VERB/0/root and/CCONJ/8/cc "
      "Hajizadeh/PROPN/8/nsubj praise/VERB/5/conj China/PROPN/8/obj "
      "./PUNCT/5/punct",
      {{"PERSON", "RUSGOV", {"Putin"}}, {"PERSON", "", {"Hajizadeh"}}, kChina});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, DefiniteDescriptionStandsForTheBodyNamedBefore) {
  const EntitySpec embassy{"ORG", "USAGOV", {"US Embassy"}};
  Built b = Make(
      "The US Embassy reopened and the embassy praised Iran.",
      "the/DET/3/det US/PROPN/3/compound Embassy/PROPN/4/nsubj "
      "reopen/VERB/0/root and/CCONJ/8/cc the/DET/7/det embassy/NOUN/8/nsubj "
      "praise/VERB/4/conj Iran/PROPN/8/obj ./PUNCT/4/punct",
      {embassy, kIran});
  EXPECT_EQ(CodeOf(b), V{"USAGOV>IRN:051:asserted"});
  // A description before the name refers to nothing yet.
  b = Make("The embassy praised Iran and the US Embassy reopened.",
           "the/DET/2/det embassy/NOUN/3/nsubj praise/VERB/0/root "
           "Iran/PROPN/3/obj and/CCONJ/9/cc the/DET/8/det US/PROPN/8/compound "
           "Embassy/PROPN/9/nsubj reopen/VERB/3/conj ./PUNCT/3/punct",
           {embassy, kIran});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, PossessiveStandsForTheNearestStateBefore) {
  Built b = Make("Iran said its forces attacked Israel.",
                 "Iran/PROPN/2/nsubj say/VERB/0/root its/PRON/4/nmod:poss "
                 "force/NOUN/5/nsubj attack/VERB/2/ccomp Israel/PROPN/5/obj "
                 "./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:190:reported"});
  // The nearest one, not the speaker.
  b = Make("Russia said Iran and its allies attacked Israel.",
           "Russia/PROPN/2/nsubj say/VERB/0/root Iran/PROPN/7/nsubj "
           "and/CCONJ/6/cc its/PRON/6/nmod:poss ally/NOUN/3/conj "
           "attack/VERB/2/ccomp Israel/PROPN/7/obj ./PUNCT/2/punct",
           {kRussia, kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:190:reported"});
}

TEST(EventCoderTest, MisparsedPrepositionalAppositionIsNoActor) {
  // The parser hangs "in the Syria region" on "operation" as an apposition
  // and the preposition on "Syria": the operation is still Israel's.
  Built b =
      Make("Iran was attacked in an Israeli operation in the Syria region.",
           "Iran/PROPN/3/nsubj:pass be/AUX/3/aux:pass attack/VERB/0/root "
           "in/ADP/7/case a/DET/7/det Israeli/ADJ/7/amod operation/NOUN/3/obl "
           "in/ADP/10/case the/DET/11/det Syria/PROPN/11/compound "
           "region/NOUN/7/appos ./PUNCT/3/punct",
           {kIran, {"GPE", "ISR", {"Israeli"}}, {"GPE", "SYR", {"Syria"}}});
  EXPECT_EQ(CodeOf(b), V{"ISR>IRN:190:asserted"});
}

// "on Monday" as a date expression of `b`'s text.
void AddMonday(Built* b) {
  DateMention d;
  d.start = static_cast<uint32_t>(b->doc.text.find("Monday"));
  d.end = d.start + 6;
  d.text = "Monday";
  d.value = "2024-07-08";
  b->analysis.dates.push_back(d);
}

TEST(EventCoderTest, PhraseHungOnADateStillBelongsToTheVerb) {
  Built b = Make("Russia met on Monday with Iran.",
                 "Russia/PROPN/2/nsubj meet/VERB/0/root on/ADP/4/case "
                 "Monday/PROPN/2/obl with/ADP/6/case Iran/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {kRussia, kIran});
  AddMonday(&b);
  EXPECT_EQ(CodeOf(b), V({"RUS>IRN:040:asserted", "IRN>RUS:040:asserted"}));
  // The preposition misparsed as a clause with an object.
  b = Make("Russia met on Monday with Iran.",
           "Russia/PROPN/2/nsubj meet/VERB/0/root on/ADP/4/case "
           "Monday/PROPN/2/obl with/ADP/4/acl Iran/PROPN/5/obj "
           "./PUNCT/2/punct",
           {kRussia, kIran});
  AddMonday(&b);
  EXPECT_EQ(CodeOf(b), V({"RUS>IRN:040:asserted", "IRN>RUS:040:asserted"}));
  // Another preposition is no target slot of "meet".
  b = Make("Russia met on Monday despite Iran.",
           "Russia/PROPN/2/nsubj meet/VERB/0/root on/ADP/4/case "
           "Monday/PROPN/2/obl despite/ADP/4/acl Iran/PROPN/5/obj "
           "./PUNCT/2/punct",
           {kRussia, kIran});
  AddMonday(&b);
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, ImpeachingIsAnAccusation) {
  const EntitySpec congress{"ORG", "USALEG", {"Congress"}};
  const EntitySpec president{"PERSON", "USAGOV", {"Trump"}};
  Built b = Make("Congress impeached Trump.",
                 "Congress/PROPN/2/nsubj impeach/VERB/0/root "
                 "Trump/PROPN/2/obj ./PUNCT/2/punct",
                 {congress, president});
  EXPECT_EQ(CodeOf(b), V{"USALEG>USAGOV:112:asserted"});
  b = Make("Congress did not impeach Trump.",
           "Congress/PROPN/4/nsubj do/AUX/4/aux not/PART/4/advmod "
           "impeach/VERB/0/root Trump/PROPN/4/obj ./PUNCT/4/punct",
           {congress, president});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, OutletIsNoPartyToTalks) {
  Built b =
      Make("Putin spoke with Reuters.",
           "Putin/PROPN/2/nsubj speak/VERB/0/root with/ADP/4/case "
           "Reuters/PROPN/2/obl ./PUNCT/2/punct",
           {{"PERSON", "RUSGOV", {"Putin"}}, {"ORG", "GBRMED", {"Reuters"}}});
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, AccordingToMakesItReported) {
  Built b = Make("Israel attacked Iran, according to ISW.",
                 "Israel/PROPN/2/nsubj attack/VERB/0/root Iran/PROPN/2/obj "
                 ",/PUNCT/7/punct according/VERB/7/case to/ADP/5/fixed "
                 "ISW/PROPN/2/obl ./PUNCT/2/punct",
                 {kIsrael, kIran, {"ORG", "NGO", {"ISW"}}});
  Attribution a;
  a.sentence = 0;
  a.source = "E3";
  a.claim_start = 0;
  a.claim_end = 20;  // "Israel attacked Iran"
  b.analysis.attributions.push_back(a);
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"ISR>IRN:190:reported"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attributed_to, "E3");
}

TEST(EventCoderTest, WordNetSynonymIsATrigger) {
  Built b = Make("Iran excoriated Israel.",
                 "Iran/PROPN/2/nsubj excoriate/VERB/0/root "
                 "Israel/PROPN/2/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:111:asserted"});
}

TEST(EventCoderTest, ExcludedWordNetSynonymIsNoTrigger) {
  // "encounter" shares "meet"'s first WordNet sense but is on the
  // exclusion list (data/cameo_wordnet_exclusions.tsv).
  Built b = Make("Iran encountered Israel.",
                 "Iran/PROPN/2/nsubj encounter/VERB/0/root "
                 "Israel/PROPN/2/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{});
  Built c = Make("Iran met Israel.",
                 "Iran/PROPN/2/nsubj meet/VERB/0/root "
                 "Israel/PROPN/2/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(c), (V{"IRN>ISR:040:asserted", "ISR>IRN:040:asserted"}));
}

TEST(EventCoderTest, CoordinatedModifiersAreCompoundActors) {
  Built b = Make("Senior Hungarian and Romanian officials met.",
                 "senior/ADJ/5/amod Hungarian/ADJ/5/amod and/CCONJ/4/cc "
                 "Romanian/ADJ/2/conj official/NOUN/6/nsubj meet/VERB/0/root "
                 "./PUNCT/6/punct",
                 {{"GPE", "HUN", {"Hungarian"}}, {"GPE", "ROU", {"Romanian"}}});
  EXPECT_EQ(CodeOf(b), (V{"HUN>ROU:040:asserted", "ROU>HUN:040:asserted"}));
}

TEST(EventCoderTest, TraceReportsNearMisses) {
  Built b = Make("Iran pressured Israel.",
                 "Iran/PROPN/2/nsubj pressure/VERB/0/root Israel/PROPN/2/obj "
                 "./PUNCT/2/punct",
                 {kIran, kIsrael});
  std::string trace;
  EXPECT_EQ(CodeOf(b, &trace), V{});
  EXPECT_NE(trace.find("near miss: 'pressured'"), std::string::npos) << trace;
}

TEST(EventCoderTest, FirstPersonInAQuotationIsTheSpeaker) {
  Built b = Make("We warn Israel, Iran said.",
                 "we/PRON/2/nsubj warn/VERB/6/ccomp Israel/PROPN/2/obj "
                 ",/PUNCT/6/punct Iran/PROPN/6/nsubj say/VERB/0/root "
                 "./PUNCT/6/punct",
                 {kIran, kIsrael});
  // Without a quotation "we" is nobody the coder knows.
  EXPECT_EQ(CodeOf(b), V{});
  Quote q;
  q.start = 0;
  q.end = 14;  // "We warn Israel"
  q.speaker = "E1";
  b.analysis.quotes.push_back(q);
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"IRN>ISR:130:reported"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attributed_to, "E1");
}

TEST(EventCoderTest, FirstPersonOutsideTheQuotationIsNotTheSpeaker) {
  Built b = Make("We warn Israel, Iran said.",
                 "we/PRON/2/nsubj warn/VERB/6/ccomp Israel/PROPN/2/obj "
                 ",/PUNCT/6/punct Iran/PROPN/6/nsubj say/VERB/0/root "
                 "./PUNCT/6/punct",
                 {kIran, kIsrael});
  Quote q;
  q.start = 3;  // "warn Israel": the pronoun is outside.
  q.end = 14;
  q.speaker = "E1";
  b.analysis.quotes.push_back(q);
  EXPECT_EQ(CodeOf(b), V{});
}

TEST(EventCoderTest, SpokesmanForABodySpeaksForIt) {
  Built b = Make("A spokesman for Iran condemned Israel.",
                 "a/DET/2/det spokesman/NOUN/5/nsubj for/ADP/4/case "
                 "Iran/PROPN/2/nmod condemn/VERB/0/root Israel/PROPN/5/obj "
                 "./PUNCT/5/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRN>ISR:111:asserted"});
  // A campaign "for Iran" is not Iran acting.
  Built c = Make("A campaign for Iran condemned Israel.",
                 "a/DET/2/det campaign/NOUN/5/nsubj for/ADP/4/case "
                 "Iran/PROPN/2/nmod condemn/VERB/0/root Israel/PROPN/5/obj "
                 "./PUNCT/5/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, IncludingAndSuchAsNameTheMembers) {
  Built b = Make("Iran sanctioned 36 officials including Bolton.",
                 "Iran/PROPN/2/nsubj sanction/VERB/0/root 36/NUM/4/nummod "
                 "official/NOUN/2/obj include/VERB/6/case "
                 "Bolton/PROPN/4/nmod ./PUNCT/2/punct",
                 {kIran, {"PERSON", "USAGOV", {"Bolton"}}});
  EXPECT_EQ(CodeOf(b), V{"IRN>USAGOV:163:asserted"});
  Built c = Make("Russia urged allies such as China to act.",
                 "Russia/PROPN/2/nsubj urge/VERB/0/root ally/NOUN/2/obj "
                 "such/ADJ/6/case as/ADP/4/fixed China/PROPN/3/nmod "
                 "to/PART/8/mark act/VERB/2/xcomp ./PUNCT/2/punct",
                 {kRussia, kChina});
  EXPECT_EQ(CodeOf(c), V{"RUS>CHN:020:asserted"});
  // The same with "such as" hung on the verb, as parsers often do.
  Built e = Make("Russia urged allies such as China to act.",
                 "Russia/PROPN/2/nsubj urge/VERB/0/root ally/NOUN/2/obj "
                 "such/ADJ/6/case as/ADP/4/fixed China/PROPN/2/obl "
                 "to/PART/8/mark act/VERB/2/xcomp ./PUNCT/2/punct",
                 {kRussia, kChina});
  EXPECT_EQ(CodeOf(e), V{"RUS>CHN:020:asserted"});
  Built d = Make("Iran sanctioned 36 officials.",
                 "Iran/PROPN/2/nsubj sanction/VERB/0/root 36/NUM/4/nummod "
                 "official/NOUN/2/obj ./PUNCT/2/punct",
                 {kIran});
  EXPECT_EQ(CodeOf(d), V{});
}

TEST(EventCoderTest, EventPlaceFromInPhrase) {
  Built b = Make("Russia and Iran held talks in Cairo.",
                 "Russia/PROPN/4/nsubj and/CCONJ/3/cc Iran/PROPN/1/conj "
                 "hold/VERB/0/root talks/NOUN/4/obj in/ADP/7/case "
                 "Cairo/PROPN/4/obl ./PUNCT/4/punct",
                 {kRussia, kIran, {"GPE", "EGY", {"Cairo"}}});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  ASSERT_EQ(Summary(events),
            (V{"RUS>IRN:040:asserted", "IRN>RUS:040:asserted"}));
  EXPECT_EQ(events[0].place, "E3");
  EXPECT_EQ(events[0].place_text, "Cairo");
  // Talks are not an act on the host: the place is no target.
  Built c = Make("Iran held talks in Cairo.",
                 "Iran/PROPN/2/nsubj hold/VERB/0/root talks/NOUN/2/obj "
                 "in/ADP/5/case Cairo/PROPN/2/obl ./PUNCT/2/punct",
                 {kIran, {"GPE", "EGY", {"Cairo"}}});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, NoPlaceWithoutInOrAtPhrase) {
  Built b = Make("Israel attacked Iran.",
                 "Israel/PROPN/2/nsubj attack/VERB/0/root Iran/PROPN/2/obj "
                 "./PUNCT/2/punct",
                 {kIsrael, kIran});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].place, "");
}

TEST(EventCoderTest, ForceUsedInAnotherStateActsOnIt) {
  const EntitySpec turkey{"GPE", "TUR", {"Turkey"}};
  Built b = Make("Turkey launched an offensive in Syria.",
                 "Turkey/PROPN/2/nsubj launch/VERB/0/root an/DET/4/det "
                 "offensive/NOUN/2/obj in/ADP/6/case Syria/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {turkey, {"GPE", "SYR", {"Syria"}}});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  ASSERT_EQ(Summary(events), V{"TUR>SYR:190:asserted"});
  EXPECT_EQ(events[0].place, "E2");
  // In its own territory it is no international event.
  Built c = Make("Turkey launched an offensive in Ankara.",
                 "Turkey/PROPN/2/nsubj launch/VERB/0/root an/DET/4/det "
                 "offensive/NOUN/2/obj in/ADP/6/case Ankara/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {turkey, {"GPE", "TUR", {"Ankara"}}});
  EXPECT_EQ(CodeOf(c), V{});
  // A named target wins over the place.
  Built d =
      Make("Turkey attacked Kurds in Syria.",
           "Turkey/PROPN/2/nsubj attack/VERB/0/root Kurds/PROPN/2/obj "
           "in/ADP/5/case Syria/PROPN/2/obl ./PUNCT/2/punct",
           {turkey, {"ORG", "SYRREB", {"Kurds"}}, {"GPE", "SYR", {"Syria"}}});
  EXPECT_EQ(CodeOf(d), V{"TUR>SYRREB:190:asserted"});
  // A future attack there is still not coded.
  Built e = Make("Turkey will attack in Syria.",
                 "Turkey/PROPN/3/nsubj will/AUX/3/aux attack/VERB/0/root "
                 "in/ADP/5/case Syria/PROPN/3/obl ./PUNCT/3/punct",
                 {turkey, {"GPE", "SYR", {"Syria"}}});
  EXPECT_EQ(CodeOf(e), V{});
}

TEST(EventCoderTest, AgentOfAParticipleOnTheEventNoun) {
  Built b = Make("Attacks on Israel carried out by Hezbollah continued.",
                 "attack/NOUN/8/nsubj on/ADP/3/case Israel/PROPN/1/nmod "
                 "carry/VERB/1/acl/VBN out/ADP/4/compound:prt by/ADP/7/case "
                 "Hezbollah/PROPN/4/obl:agent continue/VERB/0/root "
                 "./PUNCT/8/punct",
                 {kIsrael, {"ORG", "LBNREB", {"Hezbollah"}}});
  EXPECT_EQ(CodeOf(b), V{"LBNREB>ISR:190:asserted"});
}

TEST(EventCoderTest, GatheringOfCoordinatedActorsIsAMeeting) {
  Built b =
      Make("Egypt and Greece gathered in Cairo.",
           "Egypt/PROPN/4/nsubj and/CCONJ/3/cc Greece/PROPN/1/conj "
           "gather/VERB/0/root in/ADP/6/case Cairo/PROPN/4/obl "
           "./PUNCT/4/punct",
           {{"GPE", "EGY", {"Egypt", "Cairo"}}, {"GPE", "GRC", {"Greece"}}});
  EXPECT_EQ(CodeOf(b), (V{"EGY>GRC:040:asserted", "GRC>EGY:040:asserted"}));
  Built c = Make("Egypt gathered in Cairo.",
                 "Egypt/PROPN/2/nsubj gather/VERB/0/root in/ADP/4/case "
                 "Cairo/PROPN/2/obl ./PUNCT/2/punct",
                 {{"GPE", "EGY", {"Egypt", "Cairo"}}});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, AgreeingOnIsMutualButNotForOneSide) {
  Built b = Make("Turkey and Libya agreed on a border.",
                 "Turkey/PROPN/4/nsubj and/CCONJ/3/cc Libya/PROPN/1/conj "
                 "agree/VERB/0/root on/ADP/7/case a/DET/7/det "
                 "border/NOUN/4/obl ./PUNCT/4/punct",
                 {{"GPE", "TUR", {"Turkey"}}, {"GPE", "LBY", {"Libya"}}});
  EXPECT_EQ(CodeOf(b), (V{"TUR>LBY:050:asserted", "LBY>TUR:050:asserted"}));
  Built c = Make("Turkey and Libya did not agree on a border.",
                 "Turkey/PROPN/6/nsubj and/CCONJ/3/cc Libya/PROPN/1/conj "
                 "do/AUX/6/aux not/PART/6/advmod agree/VERB/0/root "
                 "on/ADP/9/case a/DET/9/det border/NOUN/6/obl "
                 "./PUNCT/6/punct",
                 {{"GPE", "TUR", {"Turkey"}}, {"GPE", "LBY", {"Libya"}}});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, DismissingAClaimRejectsItsAuthor) {
  Built b = Make("Russia dismissed the claim from Germany.",
                 "Russia/PROPN/2/nsubj dismiss/VERB/0/root the/DET/4/det "
                 "claim/NOUN/2/obj from/ADP/6/case Germany/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {kRussia, {"GPE", "DEU", {"Germany"}}});
  EXPECT_EQ(CodeOf(b), V{"RUS>DEU:120:asserted"});
  // Dismissing an official is no rejection of a state.
  Built c = Make("Russia dismissed the envoy from Germany.",
                 "Russia/PROPN/2/nsubj dismiss/VERB/0/root the/DET/4/det "
                 "envoy/NOUN/2/obj from/ADP/6/case Germany/PROPN/4/nmod "
                 "./PUNCT/2/punct",
                 {kRussia, {"GPE", "DEU", {"Germany"}}});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, CallingForAnActorsActIsAnAppealToIt) {
  Built b = Make("France called for Russian restraint.",
                 "France/PROPN/2/nsubj call/VERB/0/root for/ADP/5/case "
                 "Russian/ADJ/5/amod restraint/NOUN/2/obl ./PUNCT/2/punct",
                 {{"GPE", "FRA", {"France"}}, {"GPE", "RUS", {"Russian"}}});
  EXPECT_EQ(CodeOf(b), V{"FRA>RUS:020:asserted"});
  Built c = Make("France called for calm.",
                 "France/PROPN/2/nsubj call/VERB/0/root for/ADP/4/case "
                 "calm/NOUN/2/obl ./PUNCT/2/punct",
                 {{"GPE", "FRA", {"France"}}});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, ExpectingSomethingFromAnActorIsADemand) {
  Built b = Make("Ukraine expects compensation from Iran.",
                 "Ukraine/PROPN/2/nsubj expect/VERB/0/root "
                 "compensation/NOUN/2/obj from/ADP/5/case Iran/PROPN/2/obl "
                 "./PUNCT/2/punct",
                 {kUkraine, kIran});
  EXPECT_EQ(CodeOf(b), V{"UKR>IRN:100:asserted"});
  // Expecting to do something is an intent, not a demand on anyone.
  Built c = Make("Ukraine expects to visit Iran.",
                 "Ukraine/PROPN/2/nsubj expect/VERB/0/root to/PART/4/mark "
                 "visit/VERB/2/xcomp Iran/PROPN/4/obj ./PUNCT/2/punct",
                 {kUkraine, kIran});
  EXPECT_EQ(CodeOf(c), V{"UKR>IRN:036:intended"});
}

TEST(EventCoderTest, TheOneAngeredDisapproves) {
  Built b = Make("Iran's decision angered Russia.",
                 "Iran/PROPN/3/nmod:poss 's/PART/1/case "
                 "decision/NOUN/4/nsubj anger/VERB/0/root Russia/PROPN/4/obj "
                 "./PUNCT/4/punct",
                 {kIran, kRussia});
  EXPECT_EQ(CodeOf(b), V{"RUS>IRN:111:asserted"});
  Built c = Make("Russia was disappointed by Iran's decision.",
                 "Russia/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "disappoint/VERB/0/root/VBN by/ADP/7/case "
                 "Iran/PROPN/7/nmod:poss 's/PART/5/case "
                 "decision/NOUN/3/obl:agent ./PUNCT/3/punct",
                 {kRussia, kIran});
  EXPECT_EQ(CodeOf(c), V{"RUS>IRN:111:asserted"});
  Built d = Make("Russia was disappointed with Iran.",
                 "Russia/PROPN/3/nsubj:pass be/AUX/3/aux:pass "
                 "disappoint/VERB/0/root/VBN with/ADP/5/case "
                 "Iran/PROPN/3/obl ./PUNCT/3/punct",
                 {kRussia, kIran});
  EXPECT_EQ(CodeOf(d), V{"RUS>IRN:111:asserted"});
  Built e = Make("Russia was not disappointed by Iran.",
                 "Russia/PROPN/4/nsubj:pass be/AUX/4/aux:pass "
                 "not/PART/4/advmod disappoint/VERB/0/root/VBN by/ADP/6/case "
                 "Iran/PROPN/4/obl:agent ./PUNCT/4/punct",
                 {kRussia, kIran});
  EXPECT_EQ(CodeOf(e), V{});
}

TEST(EventCoderTest, MismatchedSyntaxYieldsNoEvents) {
  Built b = Make("Israel attacked Iran.",
                 "Israel/PROPN/2/nsubj attack/VERB/0/root Iran/PROPN/2/obj "
                 "./PUNCT/2/punct",
                 {kIsrael, kIran});
  b.syntax.pop_back();
  EXPECT_EQ(CodeOf(b), V{});
}

// Splits a Make()d text into sentences starting at the given tokens (the
// tree's heads are then numbered over the whole text).
void SplitAt(Built* b, const std::vector<uint32_t>& starts) {
  b->analysis.sentences.clear();
  std::vector<uint32_t> bounds = starts;
  bounds.push_back(static_cast<uint32_t>(b->analysis.tokens.size()));
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    Sentence sent;
    sent.first_token = bounds[i];
    sent.end_token = bounds[i + 1];
    sent.start = b->analysis.tokens[bounds[i]].start;
    sent.end = b->analysis.tokens[bounds[i + 1] - 1].end;
    b->analysis.sentences.push_back(sent);
  }
}

const EntitySpec kShoukry{"PERSON", "EGYGOV", {"Sameh Shoukry", "Shoukry"}};
const EntitySpec kGreek{"GPE", "GRC", {"Greek"}};
const EntitySpec kFrench{"GPE", "FRA", {"French"}};
const EntitySpec kTurkey{"GPE", "TUR", {"Turkey"}};

TEST(EventCoderTest, LeadAndCounterpartsMeetPairwise) {
  Built b =
      Make("Sameh Shoukry and his Greek and French counterparts met in Cairo.",
           "Sameh/PROPN/9/nsubj Shoukry/PROPN/1/flat and/CCONJ/8/cc "
           "his/PRON/8/nmod:poss Greek/ADJ/8/amod and/CCONJ/7/cc "
           "French/ADJ/5/conj counterpart/NOUN/1/conj/NNS meet/VERB/0/root "
           "in/ADP/11/case Cairo/PROPN/9/obl ./PUNCT/9/punct",
           {kShoukry, kGreek, kFrench, {"GPE", "EGY", {"Cairo"}}});
  EXPECT_EQ(CodeOf(b), (V{"EGYGOV>GRC:040:asserted", "EGYGOV>FRA:040:asserted",
                          "GRC>EGYGOV:040:asserted", "GRC>FRA:040:asserted",
                          "FRA>EGYGOV:040:asserted", "FRA>GRC:040:asserted"}));
}

TEST(EventCoderTest, CounterpartGroupSurvivesTheParserTakingItForTheRoot) {
  // As the parser reads it: the nationalities coordinated with the lead's
  // name, "counterparts" the root and the predicate a conjunct of the
  // names after it.
  Built b = Make(
      "Sameh Shoukry and his Greek and French counterparts, Nikos Dendias, "
      "gathered in Cairo.",
      "Sameh/PROPN/8/nsubj Shoukry/PROPN/1/flat and/CCONJ/5/cc "
      "his/PRON/5/nmod:poss Greek/PROPN/1/conj and/CCONJ/7/cc "
      "French/PROPN/5/conj counterpart/NOUN/0/root/NNS ,/PUNCT/10/punct "
      "Nikos/PROPN/8/obj Dendias/PROPN/10/flat ,/PUNCT/13/punct "
      "gather/VERB/10/conj/VBN in/ADP/15/case Cairo/PROPN/13/obl "
      "./PUNCT/8/punct",
      {kShoukry, kGreek, kFrench, {"PERSON", "", {"Nikos Dendias"}}});
  EXPECT_EQ(CodeOf(b), (V{"EGYGOV>GRC:040:asserted", "EGYGOV>FRA:040:asserted",
                          "GRC>EGYGOV:040:asserted", "GRC>FRA:040:asserted",
                          "FRA>EGYGOV:040:asserted", "FRA>GRC:040:asserted"}));
}

TEST(EventCoderTest, ACounterpartMetIsOneTargetNotAGroup) {
  Built b = Make("Shoukry met his French counterpart.",
                 "Shoukry/PROPN/2/nsubj meet/VERB/0/root his/PRON/5/nmod:poss "
                 "French/ADJ/5/amod counterpart/NOUN/2/obj ./PUNCT/2/punct",
                 {kShoukry, kFrench});
  EXPECT_EQ(CodeOf(b),
            (V{"EGYGOV>FRA:040:asserted", "FRA>EGYGOV:040:asserted"}));
}

TEST(EventCoderTest, TheyAndTheMinistersStandForTheLastGroup) {
  Built b = Make(
      "Shoukry and his Greek counterpart met. They called on Turkey. "
      "The ministers criticised Libya.",
      "Shoukry/PROPN/6/nsubj and/CCONJ/5/cc his/PRON/5/nmod:poss "
      "Greek/ADJ/5/amod counterpart/NOUN/1/conj meet/VERB/0/root "
      "./PUNCT/6/punct they/PRON/9/nsubj call/VERB/0/root on/ADP/11/case "
      "Turkey/PROPN/9/obl ./PUNCT/9/punct the/DET/14/det "
      "minister/NOUN/15/nsubj/NNS criticise/VERB/0/root Libya/PROPN/15/obj "
      "./PUNCT/15/punct",
      {kShoukry, kGreek, kTurkey, {"GPE", "LBY", {"Libya"}}});
  SplitAt(&b, {0, 7, 12});
  EXPECT_EQ(CodeOf(b), (V{"EGYGOV>GRC:040:asserted", "GRC>EGYGOV:040:asserted",
                          "EGYGOV>TUR:020:asserted", "GRC>TUR:020:asserted",
                          "EGYGOV>LBY:111:asserted", "GRC>LBY:111:asserted"}));
}

TEST(EventCoderTest, TheyFarFromTheGroupIsNobody) {
  Built b = Make(
      "Shoukry and his Greek counterpart met. It rained. It rained. "
      "They called on Turkey.",
      "Shoukry/PROPN/6/nsubj and/CCONJ/5/cc his/PRON/5/nmod:poss "
      "Greek/ADJ/5/amod counterpart/NOUN/1/conj meet/VERB/0/root "
      "./PUNCT/6/punct it/PRON/9/nsubj rain/VERB/0/root ./PUNCT/9/punct "
      "it/PRON/12/nsubj rain/VERB/0/root ./PUNCT/12/punct "
      "they/PRON/15/nsubj call/VERB/0/root on/ADP/17/case "
      "Turkey/PROPN/15/obl ./PUNCT/15/punct",
      {kShoukry, kGreek, kTurkey});
  SplitAt(&b, {0, 7, 10, 13});
  EXPECT_EQ(CodeOf(b),
            (V{"EGYGOV>GRC:040:asserted", "GRC>EGYGOV:040:asserted"}));
}

TEST(EventCoderTest, AskingAnIndirectObjectToActIsAnAppeal) {
  // The parser often takes "the United States" before "to waive" for an
  // indirect object.
  Built b =
      Make("Britain asked the United States to waive immunity.",
           "Britain/PROPN/2/nsubj ask/VERB/0/root the/DET/5/det "
           "United/PROPN/5/amod States/PROPN/2/iobj to/PART/7/mark "
           "waive/VERB/2/xcomp immunity/NOUN/7/obj ./PUNCT/2/punct",
           {{"GPE", "GBR", {"Britain"}}, {"GPE", "USA", {"United States"}}});
  EXPECT_EQ(CodeOf(b), V{"GBR>USA:020:asserted"});
}

TEST(EventCoderTest, UncoordinatedConjunctKeepsNoSubject) {
  // As the parser reads "concluded evidence supported": "supported" a
  // conjunct of "concluded" with no "and" or comma before it.
  const EntitySpec un{"ORG", "IGOUNO", {"UN"}};
  Built b = Make("A UN report concluded evidence supported Iran.",
                 "a/DET/3/det UN/PROPN/3/compound report/NOUN/4/nsubj "
                 "conclude/VERB/0/root evidence/NOUN/4/obj "
                 "support/VERB/4/conj Iran/PROPN/6/obj ./PUNCT/4/punct",
                 {un, kIran});
  EXPECT_EQ(CodeOf(b), V{});
  Built c = Make("The UN condemned Israel and supported Iran.",
                 "the/DET/2/det UN/PROPN/3/nsubj condemn/VERB/0/root "
                 "Israel/PROPN/3/obj and/CCONJ/6/cc support/VERB/3/conj "
                 "Iran/PROPN/6/obj ./PUNCT/3/punct",
                 {un, kIsrael, kIran});
  EXPECT_EQ(CodeOf(c),
            (V{"IGOUNO>ISR:111:asserted", "IGOUNO>IRN:051:asserted"}));
}

const EntitySpec kFrance{"GPE", "FRA", {"France"}};
const EntitySpec kSyria{"GPE", "SYR", {"Syria"}};

TEST(EventCoderTest, TheOperationIsItsAttackers) {
  Built b =
      Make("Turkey attacked Syria. The operation was condemned by France.",
           "Turkey/PROPN/2/nsubj attack/VERB/0/root Syria/PROPN/2/obj "
           "./PUNCT/2/punct the/DET/6/det operation/NOUN/8/nsubj:pass "
           "be/AUX/8/aux:pass condemn/VERB/0/root/VBN by/ADP/10/case "
           "France/PROPN/8/obl:agent ./PUNCT/8/punct",
           {{"GPE", "TUR", {"Turkey"}}, kSyria, kFrance});
  SplitAt(&b, {0, 4});
  EXPECT_EQ(CodeOf(b), (V{"TUR>SYR:190:asserted", "FRA>TUR:111:asserted"}));
  // Alone, "the operation" is nobody's.
  Built c = Make("The operation was condemned by France.",
                 "the/DET/2/det operation/NOUN/4/nsubj:pass "
                 "be/AUX/4/aux:pass condemn/VERB/0/root/VBN by/ADP/6/case "
                 "France/PROPN/4/obl:agent ./PUNCT/4/punct",
                 {kFrance});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, AThreatenedAttackIsNoOperationToReferTo) {
  Built b = Make(
      "Turkey threatened to attack Syria. The operation was condemned by "
      "France.",
      "Turkey/PROPN/2/nsubj threaten/VERB/0/root to/PART/4/mark "
      "attack/VERB/2/xcomp Syria/PROPN/4/obj ./PUNCT/2/punct "
      "the/DET/8/det operation/NOUN/10/nsubj:pass be/AUX/10/aux:pass "
      "condemn/VERB/0/root/VBN by/ADP/12/case France/PROPN/10/obl:agent "
      "./PUNCT/10/punct",
      {{"GPE", "TUR", {"Turkey"}}, kSyria, kFrance});
  SplitAt(&b, {0, 6});
  EXPECT_EQ(CodeOf(b), V{"TUR>SYR:1384:asserted"});
}

TEST(EventCoderTest, SecondingTheCallSupportsWhoeverMadeIt) {
  Built b =
      Make("France called on the G7 to act. The call was seconded by Britain.",
           "France/PROPN/2/nsubj call/VERB/0/root on/ADP/5/case the/DET/5/det "
           "G7/PROPN/2/obl to/PART/7/mark act/VERB/2/xcomp ./PUNCT/2/punct "
           "the/DET/10/det call/NOUN/12/nsubj:pass be/AUX/12/aux:pass "
           "second/VERB/0/root/VBN by/ADP/14/case Britain/PROPN/12/obl:agent "
           "./PUNCT/12/punct",
           {kFrance, {"ORG", "IGOWST", {"G7"}}, {"GPE", "GBR", {"Britain"}}});
  SplitAt(&b, {0, 8});
  EXPECT_EQ(CodeOf(b), (V{"FRA>IGOWST:020:asserted", "GBR>FRA:051:asserted"}));
}

TEST(EventCoderTest, DecliningTheRequestRejectsWhoeverMadeIt) {
  const EntitySpec britain{"GPE", "GBR", {"Britain"}};
  const EntitySpec usa{"GPE", "USA", {"United States"}};
  Built b = Make(
      "Britain asked the United States to waive immunity. The United States "
      "declined the request.",
      "Britain/PROPN/2/nsubj ask/VERB/0/root the/DET/5/det "
      "United/PROPN/5/amod States/PROPN/2/obj to/PART/7/mark "
      "waive/VERB/2/xcomp immunity/NOUN/7/obj ./PUNCT/2/punct "
      "the/DET/12/det United/PROPN/12/amod States/PROPN/13/nsubj "
      "decline/VERB/0/root the/DET/15/det request/NOUN/13/obj "
      "./PUNCT/13/punct",
      {britain, usa});
  SplitAt(&b, {0, 9});
  EXPECT_EQ(CodeOf(b), (V{"GBR>USA:020:asserted", "USA>GBR:120:asserted"}));
  Built c = Make("The United States declined the request.",
                 "the/DET/3/det United/PROPN/3/amod States/PROPN/4/nsubj "
                 "decline/VERB/0/root the/DET/6/det request/NOUN/4/obj "
                 "./PUNCT/4/punct",
                 {usa});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, SubjectStrandedOnTheOpeningPhrase) {
  // As the parser reads it: the name and its apposition hung on "attack",
  // "blamed" the root with no subject.
  const std::string tree =
      "after/ADP/3/case the/DET/3/det attack/NOUN/10/obl ,/PUNCT/5/punct "
      "Ahmed/PROPN/3/appos ,/PUNCT/8/punct a/DET/8/det "
      "spokesman/NOUN/3/appos ,/PUNCT/10/punct blame/VERB/0/root "
      "Israel/PROPN/10/obj ./PUNCT/10/punct";
  Built b = Make("After the attack, Ahmed, a spokesman, blamed Israel.", tree,
                 {{"PERSON", "IRNGOV", {"Ahmed"}}, kIsrael});
  EXPECT_EQ(CodeOf(b), V{"IRNGOV>ISR:112:asserted"});
  // No apposition before the verb: no subject.
  Built c = Make("After the attack in Iran, blamed Israel.",
                 "after/ADP/3/case the/DET/3/det attack/NOUN/7/obl "
                 "in/ADP/5/case Iran/PROPN/3/nmod ,/PUNCT/7/punct "
                 "blame/VERB/0/root Israel/PROPN/7/obj ./PUNCT/7/punct",
                 {kIran, kIsrael});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, ThePossessorParliamentIsTheOneNamedBefore) {
  const std::string text =
      "The Parliament of Iraq met. Russia was disappointed by the "
      "Parliament's decision.";
  const std::string tree =
      "the/DET/2/det Parliament/PROPN/5/nsubj of/ADP/4/case "
      "Iraq/PROPN/2/nmod meet/VERB/0/root ./PUNCT/5/punct "
      "Russia/PROPN/9/nsubj:pass be/AUX/9/aux:pass "
      "disappoint/VERB/0/root/VBN by/ADP/14/case the/DET/12/det "
      "parliament/NOUN/14/nmod:poss 's/PART/12/case "
      "decision/NOUN/9/obl:agent ./PUNCT/9/punct";
  Built b = Make(text, tree,
                 {{"ORG", "IRQ", {"Parliament of Iraq"}},
                  {"ORG", "", {"Parliament"}},
                  kRussia});
  SplitAt(&b, {0, 6});
  EXPECT_EQ(CodeOf(b), V{"RUS>IRQ:111:asserted"});
  // No parliament named before: nobody's decision.
  Built c = Make(text, tree, {{"ORG", "", {"Parliament"}}, kRussia});
  SplitAt(&c, {0, 6});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, AnAdoptedResolutionToActIsADemand) {
  const EntitySpec iraq{"ORG", "IRQLEG", {"Iraqi parliament"}};
  const EntitySpec usa{"GPE", "USA", {"US"}};
  Built b =
      Make("The Iraqi parliament passed a resolution to expel US troops.",
           "the/DET/3/det Iraqi/ADJ/3/amod parliament/NOUN/4/nsubj "
           "pass/VERB/0/root a/DET/6/det resolution/NOUN/4/obj to/PART/8/mark "
           "expel/VERB/6/acl US/PROPN/10/compound troops/NOUN/8/obj "
           "./PUNCT/4/punct",
           {iraq, usa});
  EXPECT_EQ(CodeOf(b), V{"IRQLEG>USA:100:demanded"});
  // Debated, not adopted: an aim, not a demand.
  Built c = Make(
      "The Iraqi parliament debated a resolution to expel US troops.",
      "the/DET/3/det Iraqi/ADJ/3/amod parliament/NOUN/4/nsubj "
      "debate/VERB/0/root a/DET/6/det resolution/NOUN/4/obj to/PART/8/mark "
      "expel/VERB/6/acl US/PROPN/10/compound troops/NOUN/8/obj "
      "./PUNCT/4/punct",
      {iraq, usa});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, DenouncingAnAgreementDenouncesItsParties) {
  const EntitySpec greece{"GPE", "GRC", {"Greece"}};
  const EntitySpec libya{"GPE", "LBY", {"Libya"}};
  Built b = Make(
      "Greece denounced the memorandum of understanding between Turkey and "
      "Libya.",
      "Greece/PROPN/2/nsubj denounce/VERB/0/root the/DET/4/det "
      "memorandum/NOUN/2/obj of/ADP/6/case understanding/NOUN/4/nmod "
      "between/ADP/8/case Turkey/PROPN/6/nmod and/CCONJ/10/cc "
      "Libya/PROPN/8/conj ./PUNCT/2/punct",
      {greece, kTurkey, libya});
  EXPECT_EQ(CodeOf(b), (V{"GRC>TUR:111:asserted", "GRC>LBY:111:asserted"}));
  // Not an agreement: the border is nobody's act.
  Built c = Make("Greece denounced the border between Turkey and Libya.",
                 "Greece/PROPN/2/nsubj denounce/VERB/0/root the/DET/4/det "
                 "border/NOUN/2/obj between/ADP/6/case Turkey/PROPN/4/nmod "
                 "and/CCONJ/8/cc Libya/PROPN/6/conj ./PUNCT/2/punct",
                 {greece, kTurkey, libya});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, AMeetingOfMinistersIsTheGroupNamedNext) {
  const std::string text =
      "An assembly of ministers condemned Turkey. Shoukry and his Greek "
      "counterpart met.";
  const std::string tree =
      "a/DET/2/det assembly/NOUN/5/nsubj of/ADP/4/case "
      "minister/NOUN/2/nmod/NNS condemn/VERB/0/root Turkey/PROPN/5/obj "
      "./PUNCT/5/punct Shoukry/PROPN/13/nsubj and/CCONJ/12/cc "
      "his/PRON/12/nmod:poss Greek/ADJ/12/amod counterpart/NOUN/8/conj "
      "meet/VERB/0/root ./PUNCT/13/punct";
  Built b = Make(text, tree, {kShoukry, kGreek, kTurkey});
  SplitAt(&b, {0, 7});
  EXPECT_EQ(CodeOf(b),
            (V{"EGYGOV>TUR:111:asserted", "GRC>TUR:111:asserted",
               "EGYGOV>GRC:040:asserted", "GRC>EGYGOV:040:asserted"}));
  // An assembly of people who act for no one is nobody's.
  Built c = Make(
      "An assembly of farmers condemned Turkey. Shoukry and his Greek "
      "counterpart met.",
      "a/DET/2/det assembly/NOUN/5/nsubj of/ADP/4/case "
      "farmer/NOUN/2/nmod/NNS condemn/VERB/0/root Turkey/PROPN/5/obj "
      "./PUNCT/5/punct Shoukry/PROPN/13/nsubj and/CCONJ/12/cc "
      "his/PRON/12/nmod:poss Greek/ADJ/12/amod counterpart/NOUN/8/conj "
      "meet/VERB/0/root ./PUNCT/13/punct",
      {kShoukry, kGreek, kTurkey});
  SplitAt(&c, {0, 7});
  EXPECT_EQ(CodeOf(c),
            (V{"EGYGOV>GRC:040:asserted", "GRC>EGYGOV:040:asserted"}));
}

TEST(EventCoderTest, ItInAClauseReportedByAStateIsThatState) {
  Built b = Make("Iran said it attacked Israel.",
                 "Iran/PROPN/2/nsubj say/VERB/0/root it/PRON/4/nsubj "
                 "attack/VERB/2/ccomp Israel/PROPN/4/obj ./PUNCT/2/punct",
                 {kIran, kIsrael});
  auto events = Coder().Code(b.doc, b.analysis, b.syntax);
  EXPECT_EQ(Summary(events), V{"IRN>ISR:190:reported"});
  // A person is not "it".
  Built c = Make("Putin said it attacked Israel.",
                 "Putin/PROPN/2/nsubj say/VERB/0/root it/PRON/4/nsubj "
                 "attack/VERB/2/ccomp Israel/PROPN/4/obj ./PUNCT/2/punct",
                 {{"PERSON", "RUSGOV", {"Putin"}}, kIsrael});
  EXPECT_EQ(CodeOf(c), V{});
}

TEST(EventCoderTest, TheCallAfterAPhoneConversationIsNoAppeal) {
  Built b = Make(
      "France called on the G7 to act. France phoned Britain. The call was "
      "praised by Iran.",
      "France/PROPN/2/nsubj call/VERB/0/root on/ADP/5/case the/DET/5/det "
      "G7/PROPN/2/obl to/PART/7/mark act/VERB/2/xcomp ./PUNCT/2/punct "
      "France/PROPN/10/nsubj phone/VERB/0/root Britain/PROPN/10/obj "
      "./PUNCT/10/punct the/DET/14/det call/NOUN/16/nsubj:pass "
      "be/AUX/16/aux:pass praise/VERB/0/root/VBN by/ADP/18/case "
      "Iran/PROPN/16/obl:agent ./PUNCT/16/punct",
      {kFrance, {"ORG", "IGOWST", {"G7"}}, {"GPE", "GBR", {"Britain"}}, kIran});
  SplitAt(&b, {0, 8, 12});
  EXPECT_EQ(CodeOf(b), (V{"FRA>IGOWST:020:asserted", "FRA>GBR:041:asserted",
                          "GBR>FRA:041:asserted"}));
}

TEST(EventCoderTest, ACountOfPeopleIsThePeopleCounted) {
  const EntitySpec protesters{"ORG", "IRQOPP", {"Iraqi protesters"}};
  const EntitySpec embassy{"ORG", "USAGOV", {"US embassy"}};
  Built b =
      Make("Tens of thousands of Iraqi protesters attacked the US embassy.",
           "ten/NOUN/7/nsubj/NNS of/ADP/3/case thousand/NOUN/1/nmod/NNS "
           "of/ADP/6/case Iraqi/ADJ/6/amod protester/NOUN/3/nmod/NNS "
           "attack/VERB/0/root the/DET/10/det US/PROPN/10/compound "
           "embassy/NOUN/7/obj ./PUNCT/7/punct",
           {protesters, embassy});
  EXPECT_EQ(CodeOf(b), V{"IRQOPP>USAGOV:190:asserted"});
  // The count works as an object too.
  Built c = Make("The US embassy denounced dozens of Iraqi protesters.",
                 "the/DET/3/det US/PROPN/3/compound embassy/NOUN/4/nsubj "
                 "denounce/VERB/0/root dozen/NOUN/4/obj/NNS of/ADP/8/case "
                 "Iraqi/ADJ/8/amod protester/NOUN/5/nmod/NNS ./PUNCT/4/punct",
                 {embassy, protesters});
  EXPECT_EQ(CodeOf(c), V{"USAGOV>IRQOPP:111:asserted"});
  // A count of nobody's people is nobody.
  Built d = Make("Thousands of people attacked the US embassy.",
                 "thousand/NOUN/4/nsubj/NNS of/ADP/3/case "
                 "people/NOUN/1/nmod/NNS attack/VERB/0/root the/DET/7/det "
                 "US/PROPN/7/compound embassy/NOUN/4/obj ./PUNCT/4/punct",
                 {embassy});
  EXPECT_EQ(CodeOf(d), V{});
}

}  // namespace
}  // namespace entente
