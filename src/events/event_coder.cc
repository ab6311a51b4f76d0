// The CAMEO event coder: lexicon triggers over the dependency tree, actors
// from the trigger's arguments, modality from the governing words. See
// include/entente/events.h for the contract and data/cameo_lexicon.tsv for
// the patterns.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "entente/events.h"
#include "entente/time.h"
#include "events/cameo_tables.h"

namespace entente {
namespace {

using events::ModalClass;
using events::Pattern;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// "nsubj:pass" -> "nsubj".
std::string_view Base(std::string_view deprel) {
  size_t colon = deprel.find(':');
  return colon == std::string_view::npos ? deprel : deprel.substr(0, colon);
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

int RootOf(std::string_view code) {
  return (code[0] - '0') * 10 + (code[1] - '0');
}

// Force posture, assault, fight, mass violence: acts on a territory.
bool MaterialConflict(std::string_view code) {
  int root = RootOf(code);
  return root == 15 || root >= 18;
}

// Verbs whose object noun carries the event ("launched an attack on",
// "held talks with"): the noun's source is the verb's subject.
const std::unordered_set<std::string_view>& LightVerbs() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "launch",    "carry",   "conduct",  "stage",  "hold",     "have",
      "make",      "mount",   "wage",     "begin",  "start",    "continue",
      "intensify", "step",    "escalate", "lead",   "pay",      "express",
      "offer",     "give",    "provide",  "extend", "announce", "resume",
      "pledge",    "promise", "impose",   "renew",  "hail",     "welcome"};
  return *kSet;
}

// Counts and bunches of people that stand for the people named in their
// "of" phrase: "thousands of Iraqi protesters", "tens of thousands of
// Serbs", "a group of Israeli soldiers".
const std::unordered_set<std::string_view>& QuantityHeads() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens",
      "million",  "millions",  "ten",     "tens",     "score", "scores",
      "group",    "crowd",     "number",  "handful"};
  return *kSet;
}

// Nouns standing for the actor named in their "of" phrase ("the government
// of Iran", "the city of Kharkiv").
const std::unordered_set<std::string_view>& OfHeads() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "government",  "president", "minister",   "ministry",   "army",
      "forces",      "force",     "troops",     "military",   "people",
      "leader",      "leaders",   "officials",  "official",   "embassy",
      "parliament",  "navy",      "city",       "town",       "village",
      "capital",     "region",    "province",   "port",       "state",
      "republic",    "kingdom",   "delegation", "regime",     "authorities",
      "member",      "members",   "envoy",      "ambassador", "spokesman",
      "spokesperson"};
  return *kSet;
}

// People who act for the body named in their "for" or "from" phrase, or
// (beside OfHeads) their "of" phrase: "a spokesman for the State
// Department", "representatives from Iran", "the general manager of Abu
// Dhabi Media". Places and bodies are not here: "the city from Iran" is
// no construction, and "an envoy for peace" names no actor anyway.
const std::unordered_set<std::string_view>& AgentHeads() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "spokesman",  "spokeswoman",  "spokesperson", "representative",
      "official",   "officials",    "minister",     "diplomat",
      "envoy",      "ambassador",   "delegation",   "delegate",
      "negotiator", "commander",    "chief",        "head",
      "director",   "manager",      "secretary",    "adviser",
      "advisor",    "officer",      "leader",       "member",
      "lawmaker",   "legislator",   "senator",      "general",
      "president",  "chairman",     "chairwoman",   "chair",
      "rapporteur", "investigator", "prosecutor",   "counterpart"};
  return *kSet;
}

// A first-person pronoun: inside a quotation it is the speaker.
bool FirstPerson(std::string_view form) {
  return form == "i" || form == "we" || form == "me" || form == "us" ||
         form == "my" || form == "our";
}

// Sports vocabulary: a match between two national teams is not an
// interaction between states, so conflict codes are suppressed where it
// appears (the sentence) or dominates (the document).
const std::unordered_set<std::string_view>& SportsWords() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "match",      "tournament", "championship", "cup",           "league",
      "semifinal",  "semi-final", "quarterfinal", "quarter-final", "olympics",
      "olympic",    "medal",      "stadium",      "goal",          "qualifier",
      "fixture",    "striker",    "goalkeeper",   "midfielder",    "innings",
      "wicket",     "playoff",    "fifa",         "uefa",          "scoreline",
      "rugby",      "football",   "soccer",       "cricket",       "tennis",
      "basketball", "hockey",     "athlete",      "coach",         "squad"};
  return *kSet;
}

// The "express intent" code for an act announced rather than done, or ""
// when an intended act of that kind is not coded (future conflict is a
// prediction, not an event; threats come from "threaten").
std::string IntentCode(const std::string& code) {
  int root = RootOf(code);
  switch (root) {
    case 3:
      return code;
    case 4:
      return code == "045" ? "039" : "036";
    case 5:
      if (code == "051" || code == "052" || code == "053") return "032";
      return "030";
    case 6:
      if (code == "061") return "0311";
      if (code == "062") return "0312";
      if (code == "063") return "0313";
      if (code == "064") return "0314";
      return "031";
    case 7:
      if (code == "071") return "0331";
      if (code == "072") return "0332";
      if (code == "073") return "0333";
      if (code == "074") return "0334";
      return "033";
    case 8:
      if (code.rfind("084", 0) == 0) return "0353";
      if (code == "085") return "0354";
      if (code.rfind("087", 0) == 0) return "0356";
      return "035";
    default:
      return "";
  }
}

// "threatened to strike" -> 1384 and so on.
std::string ThreatCode(const std::string& code) {
  int root = RootOf(code);
  if (code == "191") return "1381";
  if (code == "192") return "1382";
  if (root == 19) return "1384";
  if (root == 18) return "1383";
  if (root == 20) return "1385";
  if (root == 15) return "138";
  if (code == "163") return "1312";
  if (code == "161") return "1313";
  if (code.rfind("162", 0) == 0 || root == 7) return "1311";
  if (root == 16) return "131";
  if (root == 17) return "137";
  if (root == 4) return "134";
  return "130";
}

// "refused to meet" -> 125 and so on.
std::string RefuseCode(const std::string& code) {
  int root = RootOf(code);
  if (root == 4) return code == "045" ? "126" : "125";
  if (code == "061") return "1211";
  if (code == "062") return "1212";
  if (root == 6) return "121";
  if (code == "071") return "1221";
  if (code == "072") return "1222";
  if (code == "073") return "1223";
  if (code == "074") return "1224";
  if (root == 7) return "122";
  if (code.rfind("084", 0) == 0) return "1243";
  if (code == "085") return "1244";
  if (code.rfind("087", 0) == 0) return "1246";
  if (root == 8) return "124";
  return "120";
}

// What the governing words say about an event.
struct Modality {
  bool negated = false;
  bool hypothetical = false;
  bool intent = false;
  bool threat = false;
  bool refuse = false;
  bool demand = false;
  bool reported = false;
  bool resolved = false;  // Demanded by an adopted resolution: coded 100.
  int speaker = -1;       // Token of whoever reports it, or -1.
  int frame = -1;  // The governing "threatened", "plans", "refused", or -1.
};

// One candidate argument set found for a trigger.
struct Arguments {
  std::vector<int> sources;  // Entity indices.
  std::vector<int> targets;
  std::vector<int> evidence_tokens;  // Tokens the evidence span must cover.
  int instrument = -1;               // Entity index.
  int place = -1;                    // Token of the place ("in/at X"), or -1.
  bool reciprocal = false;           // "each other", "one another".
};

}  // namespace

struct EventCoder::Impl {
  events::Tables tables;
  EventCoderOptions options;
};

namespace {

// Per-document view over the analysis, built once per Code() call.
class DocumentCoder {
 public:
  DocumentCoder(const events::Tables& tables, const EventCoderOptions& options,
                const Document& doc, const Analysis& analysis,
                const std::vector<TokenSyntax>& syntax, std::string* trace)
      : tables_(tables),
        options_(options),
        doc_(doc),
        an_(analysis),
        syn_(syntax),
        trace_(trace) {}

  std::vector<Event> Run();

 private:
  void Prepare();
  void InferCodes();
  void ResolvePossessives();
  void ResolveReportedIt();
  void FindGroups();
  int CounterpartGroup(int c, uint32_t s);
  void BindGroupAnaphora();
  int GroupAnnounced(int t) const;
  int GroupAbove(int v) const;
  int DescribedBody(int t) const;
  int ReferredSource(int t) const;
  void CodeSentence(uint32_t s);
  void NearMiss(int v);

  // Tree helpers.
  const std::string& Deprel(int t) const { return syn_[t].deprel; }
  int Head(int t) const { return syn_[t].head; }
  bool HasChild(int t, std::string_view deprel) const;
  std::string CaseOf(int t) const;
  bool PrepositionalPhrase(int t) const;
  bool OwnSubject(int t) const;
  bool Coordinated(int t) const;
  int SubtreeEnd(int t, int depth = 0) const;
  int StrandedSubject(int v) const;
  int Subject(int v, int depth = 0) const;
  bool Passive(int v, int depth = 0) const;
  std::vector<int> Conjuncts(int t) const;
  int CountedMembers(int t) const;

  // Actors.
  bool IsActor(int e) const;
  // `via`, when not null, receives the modifier token the actor was found
  // at (or stays -1 when it is the head itself).
  int EntityFor(int t, int depth = 0, int* via = nullptr) const;
  void ActorsOf(int t, std::vector<int>* actors, std::vector<int>* tokens,
                bool* reciprocal = nullptr) const;
  int InstrumentOf(int t) const;
  int PlaceOf(int t) const;
  void TargetByPlace(Arguments* args) const;

  // Triggers.
  const Pattern* MatchVerb(int v, int* object) const;
  const Pattern* MatchNoun(int n) const;
  bool TargetsBySlot(const Pattern& p, int v, int object,
                     Arguments* args) const;
  Modality ModalityOf(int v) const;
  void PartiesOf(int n, int depth, Arguments* args) const;
  bool AdoptedResolution(int n) const;

  void Emit(uint32_t s, int trigger, const Pattern& p, const Arguments& args,
            const Modality& mod);
  void Trace(const std::string& line) {
    if (trace_) *trace_ += line + "\n";
  }
  std::string EntityLabel(int e) const {
    const Entity& en = an_.entities[e];
    return en.id + " " + en.name + (code_[e].empty() ? "" : " " + code_[e]);
  }

  const events::Tables& tables_;
  const EventCoderOptions& options_;
  const Document& doc_;
  const Analysis& an_;
  const std::vector<TokenSyntax>& syn_;
  std::string* trace_;

  std::vector<std::vector<int>> children_;
  std::vector<std::string> lemma_;  // Lower case.
  std::vector<std::string> form_;   // Lower case.
  std::vector<int> entity_at_;      // Entity index per token, or -1.
  std::vector<bool> in_date_;       // Inside a date expression ("on Monday").
  // Actor code per entity: the entities stage's, or one inferred from the
  // document for a person it left uncoded (InferCodes).
  std::vector<std::string> code_;
  // Coded bodies by the head word of their name ("embassy" for "US
  // Embassy", "ministry" for "Foreign Ministry of Iraq"): entity index and
  // the start of each mention, for "the embassy" later in the document.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, int>>>
      body_heads_;
  std::vector<uint32_t> mention_start_;  // Span of that mention.
  std::vector<uint32_t> mention_end_;
  std::unordered_set<int> consumed_;  // Object nouns used by a verb pattern.
  // Groups of actors named together as one party ("Shoukry and his Greek
  // and French counterparts"): members, and the tokens that stand for the
  // whole group (its own span, and a later "they" or "the ministers").
  struct Group {
    std::vector<int> members;  // Entity indices.
    int first = 0;             // Span of the group in its sentence.
    int last = 0;
    uint32_t sentence = 0;
    uint32_t last_seen = 0;  // Sentence of its latest mention.
  };
  std::vector<Group> groups_;
  std::vector<int> group_at_;          // Group index per token, or -1.
  std::vector<uint32_t> sentence_of_;  // Sentence index per token.
  // Events coded so far that a later "the attack" or "the request" may
  // refer to: their first source, root, sentence and trigger token.
  struct Coded {
    int source;
    int root;
    uint32_t sentence;
    int trigger;
  };
  std::vector<Coded> coded_;
  bool sports_document_ = false;
  bool sports_sentence_ = false;
  std::vector<Event> events_;
  std::set<std::string> seen_;
};

void DocumentCoder::Prepare() {
  size_t n = an_.tokens.size();
  children_.assign(n, {});
  lemma_.resize(n);
  form_.resize(n);
  int sports = 0;
  for (size_t t = 0; t < n; ++t) {
    const Token& tok = an_.tokens[t];
    form_[t] = Lower(
        std::string_view(doc_.text).substr(tok.start, tok.end - tok.start));
    lemma_[t] = syn_[t].lemma.empty() ? form_[t] : Lower(syn_[t].lemma);
    int h = syn_[t].head;
    if (h >= 0 && static_cast<size_t>(h) < n) {
      children_[h].push_back(static_cast<int>(t));
    }
    if (SportsWords().count(lemma_[t])) ++sports;
  }
  sports_document_ = sports >= 3;
  sentence_of_.assign(n, 0);
  for (uint32_t i = 0; i < an_.sentences.size(); ++i) {
    const Sentence& sent = an_.sentences[i];
    for (uint32_t t = sent.first_token; t < sent.end_token && t < n; ++t) {
      sentence_of_[t] = i;
    }
  }
  code_.clear();
  for (const Entity& en : an_.entities) code_.push_back(en.code);
  in_date_.assign(n, false);
  for (const DateMention& d : an_.dates) {
    auto it = std::lower_bound(
        an_.tokens.begin(), an_.tokens.end(), d.start,
        [](const Token& tok, uint32_t pos) { return tok.end <= pos; });
    for (; it != an_.tokens.end() && it->start < d.end; ++it) {
      in_date_[it - an_.tokens.begin()] = true;
    }
  }
  entity_at_.assign(n, -1);
  mention_start_.assign(n, 0);
  mention_end_.assign(n, 0);
  std::unordered_map<std::string, int> entity_index;
  for (size_t e = 0; e < an_.entities.size(); ++e) {
    entity_index[an_.entities[e].id] = static_cast<int>(e);
  }
  for (size_t e = 0; e < an_.entities.size(); ++e) {
    for (const Mention& m : an_.entities[e].mentions) {
      auto it = std::lower_bound(
          an_.tokens.begin(), an_.tokens.end(), m.start,
          [](const Token& tok, uint32_t pos) { return tok.end <= pos; });
      for (; it != an_.tokens.end() && it->start < m.end; ++it) {
        size_t t = it - an_.tokens.begin();
        // Nested mentions: the shortest (most specific) one wins.
        if (entity_at_[t] >= 0 &&
            mention_end_[t] - mention_start_[t] <= m.end - m.start) {
          continue;
        }
        entity_at_[t] = static_cast<int>(e);
        mention_start_[t] = m.start;
        mention_end_[t] = m.end;
      }
    }
  }
  // "I", "we", "our" inside a quotation are its speaker ("'We warn the
  // Saudis', a spokesman said"). Upper-case "US" is the country, and is an
  // entity mention already.
  for (const Quote& q : an_.quotes) {
    auto speaker = entity_index.find(q.speaker);
    if (speaker == entity_index.end()) continue;
    auto first = std::lower_bound(
        an_.tokens.begin(), an_.tokens.end(), q.start,
        [](const Token& tok, uint32_t pos) { return tok.start < pos; });
    for (size_t t = first - an_.tokens.begin();
         t < n && an_.tokens[t].end <= q.end; ++t) {
      const Token& tok = an_.tokens[t];
      if (entity_at_[t] >= 0 || syn_[t].upos != "PRON" ||
          !FirstPerson(form_[t])) {
        continue;
      }
      std::string_view word(doc_.text.data() + tok.start, tok.end - tok.start);
      bool acronym =
          word.size() > 1 && std::all_of(word.begin(), word.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c));
          });
      if (acronym) continue;
      entity_at_[t] = speaker->second;
      mention_start_[t] = tok.start;
      mention_end_[t] = tok.end;
    }
  }
  InferCodes();
  ResolvePossessives();
  ResolveReportedIt();
  FindGroups();
  BindGroupAnaphora();
}

// "representatives from Iran acknowledged their government had …", "Iran
// said its forces …": an "its" or "their" the entities stage left
// unresolved stands for the nearest state or body named before it in the
// same sentence ("the US and its allies": the US, not an earlier subject).
void DocumentCoder::ResolvePossessives() {
  for (const Sentence& sent : an_.sentences) {
    if (sent.end_token > an_.tokens.size()) continue;
    for (uint32_t t = sent.first_token; t < sent.end_token; ++t) {
      if (entity_at_[t] >= 0 || syn_[t].upos != "PRON" ||
          (form_[t] != "its" && form_[t] != "their")) {
        continue;
      }
      for (uint32_t k = t; k-- > sent.first_token;) {
        int e = entity_at_[k];
        if (e < 0) continue;
        const std::string& type = an_.entities[e].type;
        if ((type != "GPE" && type != "ORG") || code_[e].empty()) continue;
        entity_at_[t] = e;
        mention_start_[t] = an_.tokens[t].start;
        mention_end_[t] = an_.tokens[t].end;
        break;
      }
    }
  }
}

// "Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and
// French counterparts", "the German chancellor and her French counterpart":
// a lead and the nationalities before "counterpart(s)" act as one party.
// Read off the words rather than the tree: the parser often takes the
// nationality adjectives for coordinated names and the counterparts for
// the root. Returns the new group's index, or -1.
int DocumentCoder::CounterpartGroup(int c, uint32_t s) {
  const int begin = static_cast<int>(an_.sentences[s].first_token);
  std::vector<int> members;
  int k = c - 1;
  for (; k >= begin; --k) {
    int e = entity_at_[k];
    if (e >= 0 && an_.entities[e].type == "GPE" && IsActor(e)) {
      if (std::find(members.begin(), members.end(), e) == members.end()) {
        members.push_back(e);
      }
    } else if (form_[k] != "," && form_[k] != "and") {
      break;
    }
  }
  if (members.empty()) return -1;
  std::reverse(members.begin(), members.end());
  // The separators at the left edge of the list ("Shoukry and French").
  bool joined = false;
  for (int j = k + 1; j < c && (form_[j] == "," || form_[j] == "and"); ++j) {
    joined = joined || form_[j] == "and";
  }
  int possessor = -1;
  if (!joined && k >= begin &&
      (form_[k] == "his" || form_[k] == "her" || form_[k] == "their")) {
    possessor = k--;
    if (k >= begin && form_[k] == "and") {
      joined = true;
      --k;
    }
  }
  if (!joined || k < begin) return -1;
  int lead = EntityFor(k);
  if (lead < 0 && possessor >= 0 && IsActor(entity_at_[possessor])) {
    lead = entity_at_[possessor];
  }
  if (lead < 0) return -1;
  members.erase(std::remove(members.begin(), members.end(), lead),
                members.end());
  if (members.empty()) return -1;
  members.insert(members.begin(), lead);
  // The lead's own words: its name and what hangs on it ("Egyptian foreign
  // minister Sameh").
  int first = k;
  while (first - 1 >= begin &&
         ((entity_at_[first - 1] >= 0 &&
           entity_at_[first - 1] == entity_at_[first]) ||
          (Head(first - 1) >= first && Head(first - 1) <= c))) {
    --first;
  }
  Group g;
  g.members = std::move(members);
  g.first = first;
  g.last = c;
  g.sentence = s;
  g.last_seen = s;
  groups_.push_back(std::move(g));
  return static_cast<int>(groups_.size()) - 1;
}

void DocumentCoder::FindGroups() {
  groups_.clear();
  group_at_.assign(an_.tokens.size(), -1);
  for (size_t t = 0; t < an_.tokens.size(); ++t) {
    if (lemma_[t] != "counterpart" || group_at_[t] >= 0) continue;
    int g = CounterpartGroup(static_cast<int>(t), sentence_of_[t]);
    if (g < 0) continue;
    for (int k = groups_[g].first; k <= groups_[g].last; ++k) group_at_[k] = g;
  }
}

// "They called on Turkey to halt ...", "The foreign ministers agreed to
// meet again": a subject "they", or a definite plural of people acting for
// someone ("the ministers", "the leaders") that names no actor itself,
// stands for the group named in the last two sentences; each such mention
// carries the group on.
void DocumentCoder::BindGroupAnaphora() {
  if (groups_.empty()) return;
  for (size_t t = 0; t < an_.tokens.size(); ++t) {
    if (group_at_[t] >= 0 || Base(Deprel(t)) != "nsubj") continue;
    if (int g = GroupAnnounced(static_cast<int>(t)); g >= 0) {
      group_at_[t] = g;
      continue;
    }
    bool pronoun = syn_[t].upos == "PRON" && form_[t] == "they";
    bool description = syn_[t].upos == "NOUN" && syn_[t].xpos == "NNS" &&
                       AgentHeads().count(lemma_[t]) > 0;
    if (description) {
      bool definite = false;
      for (int c : children_[t]) {
        if (Deprel(c) == "det" && lemma_[c] == "the") definite = true;
      }
      description = definite && EntityFor(static_cast<int>(t)) < 0;
    }
    if (!pronoun && !description) continue;
    uint32_t s = sentence_of_[t];
    for (size_t g = groups_.size(); g-- > 0;) {
      Group& group = groups_[g];
      if (group.sentence >= s) continue;
      if (s - group.last_seen <= 2) {
        group_at_[t] = static_cast<int>(g);
        group.last_seen = s;
      }
      break;
    }
  }
}

// "On Wednesday, an assembly of several foreign ministers in Cairo
// denounced ...", and the next paragraph names them: a meeting of unnamed
// people acting for others stands for the group named in the next three
// sentences. -1 when none.
int DocumentCoder::GroupAnnounced(int t) const {
  static const std::unordered_set<std::string_view> kGatherings = {
      "assembly", "meeting", "gathering", "summit", "conference"};
  if (!kGatherings.count(lemma_[t]) || EntityFor(t) >= 0) return -1;
  bool members = false;
  for (int c : children_[t]) {
    if (Base(Deprel(c)) == "nmod" && CaseOf(c) == "of" &&
        syn_[c].xpos == "NNS" && AgentHeads().count(lemma_[c]) &&
        EntityFor(c) < 0) {
      members = true;
    }
  }
  if (!members) return -1;
  uint32_t s = sentence_of_[t];
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].sentence > s && groups_[g].sentence <= s + 3) {
      return static_cast<int>(g);
    }
  }
  return -1;
}

// A predicate the parser left without a subject under a group's words
// ("... counterparts, Nikos Dendias, ..., gathered in Cairo" misparsed as a
// conjunct of the names): the group is its subject. -1 when none.
int DocumentCoder::GroupAbove(int v) const {
  int h = Head(v);
  for (int i = 0; i < 8 && h >= 0; ++i, h = Head(h)) {
    int g = group_at_[h];
    if (g >= 0 && groups_[g].sentence == sentence_of_[v]) return g;
  }
  return -1;
}

// "The SDF announced it had entered into an agreement", "Iran said it
// would respond": the subject "it" of a clause reported by a state or body
// is that state or body.
void DocumentCoder::ResolveReportedIt() {
  for (size_t t = 0; t < an_.tokens.size(); ++t) {
    if (entity_at_[t] >= 0 || syn_[t].upos != "PRON" || form_[t] != "it" ||
        Base(Deprel(t)) != "nsubj") {
      continue;
    }
    int clause = Head(static_cast<int>(t));
    if (clause < 0 || Deprel(clause) != "ccomp") continue;
    int speaker = Subject(Head(clause));
    if (speaker < 0) continue;
    int e = EntityFor(speaker);
    if (e < 0) continue;
    const std::string& type = an_.entities[e].type;
    // "Reuters reported it had seen ...": an outlet reports, it does not act.
    if ((type != "GPE" && type != "ORG") || an_.entities[e].role == "MED") {
      continue;
    }
    entity_at_[t] = e;
    mention_start_[t] = an_.tokens[t].start;
    mention_end_[t] = an_.tokens[t].end;
  }
}

// A person the entities stage left uncoded takes the code of the
// actor its title or affiliation names at any of its mentions, so that
// "British Prime Minister Boris Johnson" codes every later "Johnson" (and
// "he"), as do "Johnson, the British prime minister", "Iraq's prime
// minister Adel Abdul-Mahdi", "Patrice Talon of Benin" and "the British
// prime minister, Boris Johnson". Only states and coded bodies lend their
// code (never another person), and when mentions disagree the most frequent
// code wins (the first on a tie).
void DocumentCoder::InferCodes() {
  for (size_t e = 0; e < an_.entities.size(); ++e) {
    const Entity& en = an_.entities[e];
    // Not bodies: "French Wikinews" is an edition, not a French actor.
    if (!en.code.empty() || en.type != "PERSON") continue;
    std::vector<std::pair<std::string, int>> votes;
    auto vote = [&](int lender) {
      if (lender < 0 || lender == static_cast<int>(e)) return;
      const std::string& type = an_.entities[lender].type;
      if (type != "GPE" && type != "ORG") return;
      const std::string& code = code_[lender];
      if (code.empty()) return;
      for (auto& v : votes) {
        if (v.first == code) {
          ++v.second;
          return;
        }
      }
      votes.emplace_back(code, 1);
    };
    for (const Mention& m : en.mentions) {
      auto it = std::lower_bound(
          an_.tokens.begin(), an_.tokens.end(), m.start,
          [](const Token& tok, uint32_t pos) { return tok.end <= pos; });
      for (; it != an_.tokens.end() && it->start < m.end; ++it) {
        int t = static_cast<int>(it - an_.tokens.begin());
        if (entity_at_[t] != static_cast<int>(e)) continue;
        int h = Head(t);
        // The mention's head word: its syntactic head is outside it.
        if (h >= 0 && entity_at_[h] == static_cast<int>(e)) continue;
        vote(EntityFor(t));
        // "the British prime minister, Boris Johnson": the name hangs on
        // its title.
        std::string_view rel = Base(Deprel(t));
        if (h >= 0 && entity_at_[h] < 0 &&
            (rel == "appos" || rel == "flat" || rel == "compound") &&
            (AgentHeads().count(lemma_[h]) || OfHeads().count(lemma_[h]))) {
          vote(EntityFor(h));
        }
      }
    }
    int best = -1;
    for (size_t i = 0; i < votes.size(); ++i) {
      if (best < 0 || votes[i].second > votes[best].second) {
        best = static_cast<int>(i);
      }
    }
    if (best >= 0) code_[e] = votes[best].first;
  }
  body_heads_.clear();
  for (size_t e = 0; e < an_.entities.size(); ++e) {
    const Entity& en = an_.entities[e];
    if (en.type != "ORG" || code_[e].empty()) continue;
    std::string name = Lower(en.name);
    bool of_phrase = false;
    if (size_t of = name.find(" of "); of != std::string::npos) {
      name.resize(of);
      of_phrase = true;  // "Parliament of Iraq": "the parliament".
    }
    size_t space = name.rfind(' ');
    // A one-word name is the body itself ("NATO"), not a description.
    if (space == std::string::npos && !of_phrase) continue;
    std::string head =
        space == std::string::npos ? name : name.substr(space + 1);
    for (const Mention& m : en.mentions) {
      body_heads_[head].emplace_back(m.start, static_cast<int>(e));
    }
  }
}

// "the embassy", "the ministry", "the Parliament": a definite description
// whose noun is the head word of a coded body named earlier in the document
// stands for the most recently named one. -1 when none.
int DocumentCoder::DescribedBody(int t) const {
  bool definite = false;
  for (int c : children_[t]) {
    if (Deprel(c) == "det" && lemma_[c] == "the") definite = true;
    // "the embassy of Canada", "the Iranian parliament": modifiers name
    // another body.
    std::string_view rel = Base(Deprel(c));
    if (rel == "amod" || rel == "compound" || rel == "nmod" || rel == "flat") {
      return -1;
    }
  }
  if (!definite) return -1;
  auto it = body_heads_.find(lemma_[t]);
  if (it == body_heads_.end()) it = body_heads_.find(form_[t]);
  if (it == body_heads_.end()) return -1;
  uint32_t at = an_.tokens[t].start;
  uint32_t best_start = 0;
  int best = -1;
  for (auto [start, e] : it->second) {
    if (start < at && (best < 0 || start > best_start)) {
      best = e;
      best_start = start;
    }
  }
  return best;
}

// "The operation was condemned by the EU", "was killed in the airstrike",
// "the call was seconded by Johnson", "the embassy declined the request": a
// definite event noun with no modifier of its own refers to the latest
// event of its kind coded in the last eight sentences, and stands for that
// event's source (who attacked, who asked). -1 when none.
int DocumentCoder::ReferredSource(int t) const {
  static const std::unordered_set<std::string_view> kForce = {
      "operation", "offensive", "attack",    "strike",  "airstrike", "raid",
      "bombing",   "invasion",  "incursion", "assault", "shelling"};
  static const std::unordered_set<std::string_view> kAppeal = {
      "call", "appeal", "request", "demand", "plea", "proposal"};
  bool force = kForce.count(lemma_[t]) > 0;
  if (!force && !kAppeal.count(lemma_[t])) return -1;
  bool definite = false;
  for (int c : children_[t]) {
    std::string_view rel = Base(Deprel(c));
    if (rel == "det") {
      const std::string& l = lemma_[c];
      definite = definite || l == "the" || l == "this" || l == "that";
    } else if (rel == "amod" || rel == "compound" || rel == "nmod" ||
               rel == "acl" || rel == "flat") {
      return -1;  // "the attack on the embassy" may be another one.
    }
  }
  if (!definite) return -1;
  uint32_t s = sentence_of_[t];
  for (size_t i = coded_.size(); i-- > 0;) {
    const Coded& c = coded_[i];
    if (c.sentence + 8 < s) break;
    if (c.sentence == s && c.trigger >= t) continue;
    bool kind =
        force ? (c.root == 15 || c.root >= 18) : (c.root == 2 || c.root == 10);
    if (kind) return c.source;
    // "spoke by phone; the call ...": a call after a consultation is that.
    if (c.root == 4 && lemma_[t] == "call") return -1;
  }
  return -1;
}

bool DocumentCoder::HasChild(int t, std::string_view deprel) const {
  for (int c : children_[t]) {
    if (Deprel(c) == deprel) return true;
  }
  return false;
}

// Whether a preposition heads the phrase of `t`: its own "case" child, or
// one inside the phrase before it ("in the Afghanistan/Pakistan region").
bool DocumentCoder::PrepositionalPhrase(int t) const {
  if (!CaseOf(t).empty()) return true;
  for (int k = t - 1; k >= 0 && t - k <= 8; --k) {
    if (Deprel(k) != "case") continue;
    int up = Head(k);
    for (int i = 0; i < 4 && up >= 0 && up != t; ++i) up = Head(up);
    if (up == t) return true;
  }
  return false;
}

std::string DocumentCoder::CaseOf(int t) const {
  for (int c : children_[t]) {
    if (Deprel(c) == "case") return lemma_[c];
  }
  return "";
}

bool DocumentCoder::OwnSubject(int t) const {
  for (int c : children_[t]) {
    if (Base(Deprel(c)) == "nsubj") return true;
  }
  return false;
}

// Whether a conjunct is joined to what precedes it by a coordinator or a
// comma. One that is not is a misparse ("a report concluded evidence
// supported his murder", "sanctioned Iran over alleged plots"): an embedded
// clause or a modifier, not a second predicate of the same subject.
bool DocumentCoder::Coordinated(int t) const {
  for (int c : children_[t]) {
    if (c < t && (Base(Deprel(c)) == "cc" || Deprel(c) == "punct")) {
      return true;
    }
  }
  return false;
}

int DocumentCoder::SubtreeEnd(int t, int depth) const {
  int end = t;
  if (depth > 12) return end;
  for (int c : children_[t]) end = std::max(end, SubtreeEnd(c, depth + 1));
  return end;
}

// "In a statement following the attack, Ahmed al-Assadi, a spokesman for
// the PMF, blamed Israel": the parser may hang the subject and its
// apposition on the opening phrase, leaving the main verb without a
// subject. A root verb with no subject right after a comma that closes an
// apposition takes the first apposition of that series as its subject.
int DocumentCoder::StrandedSubject(int v) const {
  int comma = v - 1;
  if (comma < 0 || form_[comma] != "," ||
      sentence_of_[comma] != sentence_of_[v]) {
    return -1;
  }
  int begin = static_cast<int>(an_.sentences[sentence_of_[v]].first_token);
  for (int a = comma - 1; a >= begin; --a) {
    if (Deprel(a) != "appos" || Head(a) >= a || SubtreeEnd(a) != comma - 1) {
      continue;
    }
    int first = a;
    for (int c : children_[Head(a)]) {
      if (Deprel(c) == "appos" && c < first) first = c;
    }
    return first;
  }
  return -1;
}

// The token standing for the subject of predicate `v`, inherited through
// control ("plans to sign"), adverbial and participial clauses ("…,
// praising China"; "is known for providing"), coordinated predicates and
// relative clauses ("Iran, which exchanges"), or -1.
int DocumentCoder::Subject(int v, int depth) const {
  int subject = -1;
  for (int c : children_[v]) {
    if (Base(Deprel(c)) != "nsubj") continue;
    const std::string& l = lemma_[c];
    if ((l == "which" || l == "who" || l == "that" || l == "whom") &&
        Base(Deprel(v)) == "acl" && Head(v) >= 0) {
      return Head(v);
    }
    // A misparse may attach a title and the name apart ("President-elect"
    // and "Masoud"): prefer the one naming an actor.
    if (subject < 0 || (EntityFor(subject) < 0 && EntityFor(c) >= 0)) {
      subject = c;
    }
  }
  if (subject >= 0) return subject;
  int h = Head(v);
  if (h < 0 && Deprel(v) == "root") return StrandedSubject(v);
  if (h < 0 || depth > 6) return -1;
  std::string_view rel = Base(Deprel(v));
  if (rel == "xcomp") {
    // Object control: "urged Russia to withdraw".
    for (int c : children_[h]) {
      if (Deprel(c) == "obj") return c;
    }
    return Subject(h, depth + 1);
  }
  if (rel == "conj" && !Coordinated(v)) return -1;
  if (rel == "advcl" || rel == "conj") return Subject(h, depth + 1);
  if (rel == "acl") {
    if (EntityFor(h) >= 0) return h;
    // "published an article, praising China": a participle hung on a
    // nominal that is no actor speaks for the clause the nominal is in.
    int clause = h;
    for (int i = 0; i < 3 && clause >= 0 && syn_[clause].upos != "VERB"; ++i) {
      std::string_view r = Base(Deprel(clause));
      if (r != "obj" && r != "obl" && r != "nmod") return -1;
      clause = Head(clause);
    }
    if (clause < 0 || syn_[clause].upos != "VERB") return -1;
    return Subject(clause, depth + 1);
  }
  return -1;
}

bool DocumentCoder::Passive(int v, int depth) const {
  for (int c : children_[v]) {
    if (Deprel(c) == "aux:pass" || Deprel(c) == "nsubj:pass") return true;
  }
  // "was attacked and occupied by": the second conjunct shares the voice.
  if (depth < 4 && Deprel(v) == "conj" && syn_[v].xpos == "VBN" &&
      !OwnSubject(v) && Head(v) >= 0) {
    return Passive(Head(v), depth + 1);
  }
  return false;
}

// The people a count stands for: "thousands of protesters" ->
// "protesters", also through nested counts ("tens of thousands of Serbs");
// t itself when it is no count (or names an actor itself).
int DocumentCoder::CountedMembers(int t) const {
  for (int depth = 0; depth < 3 && t >= 0 && entity_at_[t] < 0 &&
                      QuantityHeads().count(lemma_[t]);
       ++depth) {
    int member = -1;
    for (int c : children_[t]) {
      if (Base(Deprel(c)) == "nmod" && CaseOf(c) == "of") {
        member = c;
        break;
      }
    }
    if (member < 0) break;
    t = member;
  }
  return t;
}

std::vector<int> DocumentCoder::Conjuncts(int t) const {
  std::vector<int> out = {t};
  for (size_t i = 0; i < out.size() && out.size() < 32; ++i) {
    for (int c : children_[out[i]]) {
      if (Deprel(c) == "conj") out.push_back(c);
    }
  }
  return out;
}

bool DocumentCoder::IsActor(int e) const {
  if (e < 0) return false;
  const Entity& en = an_.entities[e];
  return !code_[e].empty() &&
         (en.type == "PERSON" || en.type == "ORG" || en.type == "GPE");
}

// The actor a nominal stands for: the entity mentioned at its head, else
// one attached to it as apposition, possessor or nationality adjective
// ("Iranian officials", "Russia's government"), else the "of" phrase of a
// body or place noun ("the government of Iran"). -1 when none.
int DocumentCoder::EntityFor(int t, int depth, int* via) const {
  t = CountedMembers(t);
  int at = entity_at_[t];
  if (at >= 0) {
    if (IsActor(at)) return at;
    // A weapon or a place is never an actor; a person or organization
    // without a code may still be placed by its modifiers ("Iranian general
    // Qasem Soleimani").
    const std::string& type = an_.entities[at].type;
    if (type != "PERSON" && type != "ORG") return -1;
  }
  static const std::string_view kRels[] = {
      "appos", "nmod:poss", "amod", "compound", "flat", "nmod:desc"};
  for (std::string_view rel : kRels) {
    for (int c : children_[t]) {
      if (Deprel(c) != rel) continue;
      // An "apposition" with a preposition is a misparsed oblique ("an
      // article in Tehran Times", "an operation in the Afghanistan
      // region").
      if (rel == "appos" && PrepositionalPhrase(c)) continue;
      if (IsActor(entity_at_[c]) && entity_at_[c] != at) {
        if (via) *via = c;
        return entity_at_[c];
      }
      // "Zalmay Khalilzad, a US peace envoy"; "Iranian President Raisi";
      // "the Parliament's decision".
      if (depth < 2 &&
          (rel == "appos" || rel == "compound" || rel == "nmod:desc" ||
           rel == "flat" || rel == "nmod:poss")) {
        int e = EntityFor(c, depth + 1);
        if (e >= 0 && e != at) return e;
      }
    }
  }
  bool of_head = OfHeads().count(lemma_[t]) || syn_[t].upos == "PROPN";
  bool agent_head = AgentHeads().count(lemma_[t]) > 0;
  if (of_head || agent_head) {
    for (int c : children_[t]) {
      if (Base(Deprel(c)) != "nmod" || !IsActor(entity_at_[c])) continue;
      std::string prep = CaseOf(c);
      if (prep == "of" || (agent_head && (prep == "for" || prep == "from"))) {
        if (via) *via = c;
        return entity_at_[c];
      }
    }
  }
  if (at < 0 || an_.entities[at].type == "ORG") return DescribedBody(t);
  return -1;
}

// Every actor of a (possibly coordinated) argument, one per conjunct:
// "China, North Korea and Iran" -> three.
void DocumentCoder::ActorsOf(int t, std::vector<int>* actors,
                             std::vector<int>* tokens, bool* reciprocal) const {
  if (t < 0) return;
  if (reciprocal && ((lemma_[t] == "other" && HasChild(t, "det")) ||
                     lemma_[t] == "another")) {
    *reciprocal = true;
    return;
  }
  t = CountedMembers(t);
  auto add = [&](int e, int token) {
    if (std::find(actors->begin(), actors->end(), e) == actors->end()) {
      actors->push_back(e);
    }
    if (tokens) tokens->push_back(token);
  };
  if (int g = group_at_[t]; g >= 0) {
    const Group& group = groups_[g];
    for (int e : group.members) add(e, t);
    if (tokens && group.sentence == sentence_of_[t]) {
      tokens->push_back(group.first);
      tokens->push_back(group.last);
    }
    return;
  }
  for (int c : Conjuncts(t)) {
    int via = -1;
    int e = EntityFor(c, 0, &via);
    if (e < 0) e = ReferredSource(c);
    if (e < 0) {
      // "36 people including Donald Trump", "allies such as Germany": the
      // named members stand for the group.
      for (int k : children_[c]) {
        std::string_view rel = Base(Deprel(k));
        std::string prep = CaseOf(k);
        if ((rel == "nmod" || rel == "acl" || rel == "obl") &&
            (prep == "include" || prep == "including" || prep == "such")) {
          ActorsOf(k, actors, tokens, nullptr);
        }
      }
      continue;
    }
    add(e, c);
    // Coordinated modifiers are compound actors too: "Senior Hungarian and
    // Romanian officials", "the foreign ministers of Egypt, Greece and
    // Cyprus".
    if (via < 0) continue;
    for (int k : Conjuncts(via)) {
      if (k != via && IsActor(entity_at_[k])) add(entity_at_[k], k);
    }
  }
}

// A weapon named as the object or "with" phrase ("provides Iran with Su-35
// jets"): the event's instrument.
int DocumentCoder::InstrumentOf(int v) const {
  for (int c : children_[v]) {
    std::string_view rel = Base(Deprel(c));
    if (rel != "obj" && rel != "obl" && rel != "nmod") continue;
    for (int k : Conjuncts(c)) {
      int e = entity_at_[k];
      if (e >= 0 && an_.entities[e].type == "WEAPON") return e;
    }
  }
  return -1;
}

// Where the event happened: the token of a place (GPE or LOC entity) in an
// "in", "at", "inside" or "into" phrase of the trigger ("met in Cairo",
// "moved into Syria"), or -1.
int DocumentCoder::PlaceOf(int t) const {
  for (int c : children_[t]) {
    std::string_view rel = Base(Deprel(c));
    if (rel != "obl" && rel != "nmod") continue;
    std::string prep = CaseOf(c);
    if (prep != "in" && prep != "at" && prep != "inside" && prep != "into") {
      continue;
    }
    int e = entity_at_[c];
    if (e < 0) continue;
    const std::string& type = an_.entities[e].type;
    if (type == "GPE" || type == "LOC") return c;
  }
  return -1;
}

// Force used "in Syria" with no target named acts on that state: "Turkey
// began an offensive in north-east Syria". Only for material conflict (15,
// 18-20), only a coded place of another country than every source, and only
// when no target was found: "fought ISIS in Iraq" keeps ISIS.
void DocumentCoder::TargetByPlace(Arguments* args) const {
  if (args->place < 0 || !args->targets.empty() || args->reciprocal) return;
  int e = entity_at_[args->place];
  const Entity& place = an_.entities[e];
  if (place.type != "GPE" || place.country.empty() || place.code.empty()) {
    return;
  }
  for (int e : args->sources) {
    if (an_.entities[e].country == place.country) return;
  }
  args->targets.push_back(e);
  args->evidence_tokens.push_back(args->place);
}

const Pattern* DocumentCoder::MatchVerb(int v, int* object) const {
  *object = -1;
  auto it = tables_.verbs.find(lemma_[v]);
  if (it == tables_.verbs.end()) it = tables_.verbs.find(form_[v]);
  if (it == tables_.verbs.end()) return nullptr;
  const Pattern* best = nullptr;
  int best_score = -1;
  for (const Pattern& p : it->second) {
    if (!p.extra.empty()) {
      bool found = false;
      for (int c : children_[v]) {
        if (Deprel(c) == "compound:prt" && lemma_[c] == p.extra[0]) {
          found = true;
        }
      }
      if (!found) continue;
    }
    int obj = -1;
    if (!p.objects.empty()) {
      for (int c : children_[v]) {
        const std::string& rel = Deprel(c);
        if (syn_[c].upos == "VERB") continue;  // "threatened to attack".
        // "signed an agreement", "described Russia as an ally", "entered
        // into an agreement".
        bool slot = rel == "obj" || rel == "xcomp" || rel == "nsubj:pass" ||
                    Base(rel) == "obl";
        if (!slot) continue;
        for (int k : Conjuncts(c)) {
          if (Contains(p.objects, lemma_[k]) || Contains(p.objects, form_[k])) {
            obj = k;
            break;
          }
        }
        if (obj >= 0) break;
      }
      if (obj < 0) continue;
    }
    int score = (p.objects.empty() ? 0 : 2) + (p.extra.empty() ? 0 : 1);
    if (score > best_score) {
      best = &p;
      best_score = score;
      *object = obj;
    }
  }
  return best;
}

const Pattern* DocumentCoder::MatchNoun(int n) const {
  auto it = tables_.nouns.find(lemma_[n]);
  if (it == tables_.nouns.end()) it = tables_.nouns.find(form_[n]);
  if (it == tables_.nouns.end()) return nullptr;
  const Pattern* best = nullptr;
  for (const Pattern& p : it->second) {
    bool ok = true;
    for (const std::string& word : p.extra) {
      bool found = false;
      for (int c : children_[n]) {
        if (lemma_[c] == word || form_[c] == word) found = true;
      }
      if (!found) ok = false;
    }
    if (!ok) continue;
    if (!best || p.extra.size() > best->extra.size()) best = &p;
  }
  return best;
}

// Fills args->targets from the first target slot of `p` that names an
// actor, looking at the verb's own arguments and at the matched object
// noun's ("signed an agreement with Iran"). Returns whether one did.
bool DocumentCoder::TargetsBySlot(const Pattern& p, int v, int object,
                                  Arguments* args) const {
  for (const std::string& slot : p.target) {
    std::vector<int> cands;
    if (slot == "obj" || slot == "iobj") {
      for (int c : children_[v]) {
        if (Deprel(c) == slot && c != object) cands.push_back(c);
      }
    } else {
      auto scan = [&](int head) {
        for (int c : children_[head]) {
          std::string_view rel = Base(Deprel(c));
          if ((rel == "obl" || rel == "nmod") && Deprel(c) != "nmod:poss" &&
              CaseOf(c) == slot) {
            cands.push_back(c);
          }
        }
      };
      scan(v);
      if (object >= 0) scan(object);
      // "providing drones to Russia" may attach "to Russia" to the object
      // or to one of its conjuncts.
      // The parse of a long coordinated object is fragile ("Shahed drones
      // and drone technologies to Russia"), so look two levels down.
      for (int c : children_[v]) {
        if (Deprel(c) != "obj" || c == object) continue;
        scan(c);
        for (int k : children_[c]) {
          std::string_view r = Base(Deprel(k));
          if (r == "acl" || r == "nmod" || r == "punct") continue;
          scan(k);
          for (int j : children_[k]) {
            if (Base(Deprel(j)) == "conj") scan(j);
          }
        }
      }
      // A coordinated object misparsed as a conjunct of the verb.
      for (int c : children_[v]) {
        if (Deprel(c) == "conj" && syn_[c].upos == "NOUN") scan(c);
      }
      // "met on Monday with X": the parser hangs the phrase after a date
      // on the date.
      for (int c : children_[v]) {
        if (Base(Deprel(c)) != "obl" || !in_date_[c]) continue;
        scan(c);
        // …sometimes as a clause headed by the preposition itself.
        for (int k : children_[c]) {
          if (syn_[k].upos != "ADP" || lemma_[k] != slot) continue;
          for (int j : children_[k]) {
            if (Deprel(j) == "obj") cands.push_back(j);
          }
        }
      }
    }
    for (int c : cands) {
      ActorsOf(c, &args->targets, &args->evidence_tokens, &args->reciprocal);
    }
    // "denounced the memoranda of understanding between Turkey and Libya":
    // judging an agreement judges its parties.
    int root = RootOf(p.code);
    if (slot == "obj" && args->targets.empty() &&
        (root == 5 || root == 11 || root == 12)) {
      for (int c : cands) PartiesOf(c, 0, args);
    }
    // "encouraging allies such as Germany": the parser often hangs the
    // "such as" phrase on the verb rather than on the object it restricts.
    if (slot == "obj" && !cands.empty() && args->targets.empty()) {
      for (int c : children_[v]) {
        std::string prep = CaseOf(c);
        if (Base(Deprel(c)) == "obl" &&
            (prep == "such" || prep == "include" || prep == "including")) {
          ActorsOf(c, &args->targets, &args->evidence_tokens);
        }
      }
    }
    if (!args->targets.empty() || args->reciprocal) return true;
  }
  // "signed the AfCFTA agreement", "rejected Russia's proposal": the actor
  // the object noun belongs to.
  if (object >= 0) {
    int e = EntityFor(object);
    // "declined the request": rejecting an appeal rejects whoever made it.
    if (e < 0 && RootOf(p.code) == 12) e = ReferredSource(object);
    if (e >= 0) {
      args->targets.push_back(e);
      args->evidence_tokens.push_back(object);
      return true;
    }
  }
  // An appeal or demand is addressed to whoever is to act: "recommended
  // (that) the United States withdraw".
  int root = RootOf(p.code);
  if (root == 2 || root == 10) {
    for (int c : children_[v]) {
      if (Deprel(c) != "ccomp") continue;
      for (int k : children_[c]) {
        if (Base(Deprel(k)) == "nsubj") {
          ActorsOf(k, &args->targets, &args->evidence_tokens);
        }
      }
    }
    if (!args->targets.empty()) return true;
  }
  return false;
}

// The parties of an agreement noun, named in its "between" or "with"
// phrase, or in that of its "of" phrase ("memoranda of understanding
// between A and B").
void DocumentCoder::PartiesOf(int n, int depth, Arguments* args) const {
  static const std::unordered_set<std::string_view> kAgreements = {
      "agreement", "agreements", "deal",      "deals",
      "accord",    "accords",    "treaty",    "treaties",
      "pact",      "memorandum", "memoranda", "understanding"};
  if (depth > 1 || !kAgreements.count(lemma_[n])) return;
  for (int c : children_[n]) {
    if (Base(Deprel(c)) != "nmod" || Deprel(c) == "nmod:poss") continue;
    std::string prep = CaseOf(c);
    if (prep == "between" || prep == "with") {
      ActorsOf(c, &args->targets, &args->evidence_tokens);
    } else if (prep == "of") {
      PartiesOf(c, depth + 1, args);
    }
  }
}

// A resolution, motion or bill that its governing verb says was voted on,
// passed, adopted or approved.
bool DocumentCoder::AdoptedResolution(int n) const {
  static const std::unordered_set<std::string_view> kTexts = {
      "resolution", "motion", "bill", "decree", "legislation"};
  static const std::unordered_set<std::string_view> kAdopt = {
      "vote", "pass", "adopt", "approve"};
  if (!kTexts.count(lemma_[n])) return false;
  int h = Head(n);
  std::string_view rel = Base(Deprel(n));
  return h >= 0 && (rel == "obj" || rel == "obl" || rel == "nsubj") &&
         kAdopt.count(lemma_[h]) > 0;
}

// Walks up from the trigger through the words that govern it.
Modality DocumentCoder::ModalityOf(int v) const {
  Modality m;
  int cur = v;
  for (int depth = 0; depth < 8 && cur >= 0; ++depth) {
    bool own_aux = false;
    for (int c : children_[cur]) {
      const std::string& rel = Deprel(c);
      if (Base(rel) == "aux") {
        own_aux = true;
        auto it = tables_.modality.find(lemma_[c]);
        if (it == tables_.modality.end()) it = tables_.modality.find(form_[c]);
        if (it != tables_.modality.end()) {
          if (it->second == ModalClass::kIntent) m.intent = true;
          if (it->second == ModalClass::kHypothetical) m.hypothetical = true;
        }
      } else if ((Base(rel) == "advmod" || rel == "neg" || rel == "det") &&
                 (lemma_[c] == "not" || lemma_[c] == "never" ||
                  form_[c] == "n't" || (rel == "det" && lemma_[c] == "no"))) {
        m.negated = true;
      } else if (rel == "mark") {
        auto it = tables_.modality.find(lemma_[c]);
        if (it != tables_.modality.end() &&
            it->second == ModalClass::kHypothetical) {
          m.hypothetical = true;
        }
      }
    }
    int h = Head(cur);
    if (h < 0) break;
    std::string_view rel = Base(Deprel(cur));
    auto it = tables_.modality.find(lemma_[h]);
    ModalClass cls =
        it == tables_.modality.end() ? ModalClass::kNone : it->second;
    if (rel == "ccomp" || rel == "parataxis") {
      // "He indicated that …": the content is reported by the speaker.
      if (cls == ModalClass::kDemand) {
        m.demand = true;
      } else if (cls == ModalClass::kHypothetical) {
        m.hypothetical = true;
      } else {
        m.reported = true;
        m.speaker = Subject(h);
      }
      break;
    }
    bool to_clause = false;
    for (int c : children_[cur]) {
      if (Deprel(c) == "mark" && lemma_[c] == "to") to_clause = true;
    }
    // "voted on a resolution to expel US troops": what a resolution the
    // body adopted calls for is the body's demand.
    if (rel == "acl" && to_clause && AdoptedResolution(h)) {
      m.resolved = true;
      m.frame = h;
      cur = Head(h);
      continue;
    }
    if (rel == "xcomp" ||
        ((rel == "advcl" || rel == "acl" || rel == "obl") && to_clause)) {
      if (cls == ModalClass::kIntent || cls == ModalClass::kThreat ||
          cls == ModalClass::kRefuse) {
        m.frame = h;
      }
      switch (cls) {
        case ModalClass::kIntent:
          m.intent = true;
          break;
        case ModalClass::kThreat:
          m.threat = true;
          break;
        case ModalClass::kRefuse:
          m.refuse = true;
          break;
        case ModalClass::kDemand:
        case ModalClass::kSpeech:  // "told Iran to stop".
          m.demand = true;
          break;
        case ModalClass::kNegate:
          m.negated = true;
          break;
        case ModalClass::kHypothetical:
          m.hypothetical = true;
          break;
        case ModalClass::kNone:
          // "paying bounties to kill American soldiers": a purpose clause
          // states an aim, not an act. Complements ("began to attack") are
          // acts.
          if (rel != "xcomp") m.hypothetical = true;
          break;
      }
      cur = h;
      continue;
    }
    // An adverbial clause with its own subject ("…, while Russia provides
    // Iran with jets") is a clause of its own: the main verb's modality
    // does not reach it.
    if (((rel == "advcl" || rel == "acl") && !OwnSubject(cur)) ||
        (rel == "conj" && !own_aux && !OwnSubject(cur))) {
      cur = h;
      continue;
    }
    break;
  }
  return m;
}

void DocumentCoder::Emit(uint32_t s, int trigger, const Pattern& p,
                         const Arguments& args, const Modality& mod) {
  std::string label = "'" + form_[trigger] + "' " +
                      (p.noun ? "noun " : "verb ") + p.lemma + " -> " + p.code +
                      " (cameo_lexicon.tsv:" + std::to_string(p.line) + ")";
  auto names = [&](const std::vector<int>& es) {
    std::string out;
    for (int e : es) out += (out.empty() ? "" : ", ") + EntityLabel(e);
    return out.empty() ? std::string("none") : out;
  };
  Trace("  " + label + ": source [" + names(args.sources) + "] target [" +
        names(args.targets) + (args.reciprocal ? "each other" : "") + "]");

  // Which pairs: the target set, "each other", or coordinated subjects of
  // a symmetric act ("Russia and Iran will sign").
  // A refusal or a threat is one side's act even when the act refused is
  // mutual ("refused to meet").
  bool symmetric = p.symmetric && !mod.threat && !mod.refuse;
  std::vector<std::pair<int, int>> pairs;
  if (args.reciprocal || (symmetric && args.targets.empty())) {
    for (int a : args.sources) {
      for (int b : args.sources) {
        if (a != b) pairs.emplace_back(a, b);
      }
    }
  } else {
    for (int a : args.sources) {
      for (int b : args.targets) {
        pairs.emplace_back(a, b);
        if (symmetric) pairs.emplace_back(b, a);
      }
    }
  }
  if (pairs.empty()) {
    Trace("    dropped: needs a coded source and target");
    // "Turkey began an offensive": no target, but a later "the operation"
    // is still Turkey's.
    bool done = !mod.hypothetical && !mod.demand && !mod.negated &&
                !mod.intent && !mod.threat && !mod.refuse;
    if (done && !args.sources.empty()) {
      coded_.push_back({args.sources[0], RootOf(p.code), s, trigger});
    }
    return;
  }

  std::string code = p.code;
  std::string modality = "asserted";
  if (mod.hypothetical) {
    Trace("    dropped: hypothetical (could/might/if)");
    return;
  }
  if (mod.demand) {
    Trace("    dropped: demanded or asked of someone, not done");
    return;
  }
  if (mod.negated && !options_.keep_negated) {
    Trace("    dropped: negated");
    return;
  }
  if (mod.resolved) {
    code = "100";
    modality = "demanded";
  } else if (mod.threat) {
    code = ThreatCode(code);
  } else if (mod.refuse) {
    code = RefuseCode(code);
  } else if (mod.intent) {
    code = IntentCode(code);
    modality = "intended";
    if (code.empty()) {
      Trace("    dropped: intended " + p.code +
            " (future conflict is not coded)");
      return;
    }
  }
  if (RootOf(code) >= 10 && (sports_document_ || sports_sentence_)) {
    Trace("    dropped: conflict code in a sports context");
    return;
  }

  // Attribution: a speaker governing the clause, else "according to X" or
  // a quotation around the trigger.
  std::string attributed_to;
  bool reported = mod.reported;
  if (mod.speaker >= 0) {
    std::vector<int> speakers;
    ActorsOf(mod.speaker, &speakers, nullptr);
    if (!speakers.empty()) attributed_to = an_.entities[speakers[0]].id;
  }
  uint32_t at = an_.tokens[trigger].start;
  if (attributed_to.empty()) {
    for (const Attribution& a : an_.attributions) {
      if (a.sentence == s && a.claim_start <= at && at < a.claim_end &&
          !a.source.empty()) {
        attributed_to = a.source;
        reported = true;
      }
    }
  }
  if (attributed_to.empty()) {
    for (const Quote& q : an_.quotes) {
      if (q.start <= at && at < q.end && !q.speaker.empty()) {
        attributed_to = q.speaker;
        reported = true;
      }
    }
  }
  if (reported && modality == "asserted") modality = "reported";

  const CameoCode* row = nullptr;
  if (auto it = tables_.codes.find(code); it != tables_.codes.end()) {
    row = &it->second;
  }
  if (!row) {
    Trace("    dropped: code " + code + " is not in cameo_codes.tsv");
    return;
  }

  // Evidence: the trigger, every argument it was coded from and the word
  // that made it an intent, threat or refusal.
  const Sentence& sent = an_.sentences[s];
  uint32_t start = an_.tokens[trigger].start, end = an_.tokens[trigger].end;
  std::vector<int> cover = args.evidence_tokens;
  if (mod.frame >= 0) cover.push_back(mod.frame);
  for (int t : cover) {
    uint32_t ts = an_.tokens[t].start, te = an_.tokens[t].end;
    if (entity_at_[t] >= 0) {
      ts = std::min(ts, mention_start_[t]);
      te = std::max(te, mention_end_[t]);
    }
    if (ts < sent.start || te > sent.end) continue;
    start = std::min(start, ts);
    end = std::max(end, te);
  }

  std::string date = SentenceDate(an_.dates, s, doc_.date);
  bool recorded = false;
  for (auto [a, b] : pairs) {
    const Entity& src = an_.entities[a];
    const Entity& tgt = an_.entities[b];
    if (a == b) continue;  // "defended his decision": no interaction.
    // "speaking to AFP" is an interview, not a consultation: an outlet is
    // never a party to statements and consultations.
    if (RootOf(code) <= 4 && (src.role == "MED" || tgt.role == "MED")) {
      Trace("    skipped " + code_[a] + " -> " + code_[b] +
            ": a news outlet is not a party to talks or statements");
      continue;
    }
    std::string pair_code = code;
    // Politicians "attacking" each other do so in words.
    int root = RootOf(pair_code);
    if (root >= 18 && src.type == "PERSON" && tgt.type == "PERSON" &&
        src.role != "MIL" && src.role != "REB") {
      pair_code = "111";
    }
    const CameoCode* r = row;
    if (pair_code != code) r = &tables_.codes.at(pair_code);
    std::string key = std::to_string(s) + "|" + src.id + "|" + tgt.id + "|" +
                      pair_code + "|" + modality + "|" +
                      (mod.negated ? "n" : "");
    if (!seen_.insert(key).second) continue;
    Event ev;
    ev.sentence = s;
    ev.source = src.id;
    ev.target = tgt.id;
    ev.source_code = code_[a];
    ev.target_code = code_[b];
    ev.code = pair_code;
    ev.root = pair_code.substr(0, 2);
    ev.quad_class = r->quad_class;
    ev.goldstein = r->goldstein;
    ev.date = date;
    ev.modality = modality;
    ev.negated = mod.negated;
    ev.attributed_to = attributed_to;
    if (args.instrument >= 0) ev.instrument = an_.entities[args.instrument].id;
    if (args.place >= 0) {
      ev.place = an_.entities[entity_at_[args.place]].id;
      ev.place_text = doc_.text.substr(
          mention_start_[args.place],
          mention_end_[args.place] - mention_start_[args.place]);
    }
    ev.evidence.start = start;
    ev.evidence.end = end;
    ev.evidence.text = doc_.text.substr(start, end - start);
    Trace("    event " + code_[a] + " -> " + code_[b] + " " + ev.code + " " +
          ev.modality + (ev.negated ? " negated" : "") +
          (attributed_to.empty() ? "" : " attributed_to " + attributed_to) +
          " \"" + ev.evidence.text + "\"");
    events_.push_back(std::move(ev));
    if (!recorded && modality != "intended") {
      coded_.push_back({a, RootOf(pair_code), s, trigger});
      recorded = true;
    }
  }
}

// For `explain`: a verb outside the lexicon whose subject and object are
// both coded actors is probably an event the lexicon lacks.
void DocumentCoder::NearMiss(int v) {
  std::vector<int> sources, targets;
  ActorsOf(Subject(v), &sources, nullptr);
  if (sources.empty()) return;
  for (int c : children_[v]) {
    std::string_view rel = Base(Deprel(c));
    if (rel == "obj" || rel == "obl" || rel == "iobj") {
      ActorsOf(c, &targets, nullptr);
    }
  }
  if (targets.empty()) return;
  Trace("  near miss: '" + form_[v] + "' (verb " + lemma_[v] + ") has actors " +
        EntityLabel(sources[0]) + " and " + EntityLabel(targets[0]) +
        " but no pattern in cameo_lexicon.tsv");
}

void DocumentCoder::CodeSentence(uint32_t s) {
  const Sentence& sent = an_.sentences[s];
  sports_sentence_ = false;
  for (uint32_t t = sent.first_token; t < sent.end_token; ++t) {
    if (SportsWords().count(lemma_[t])) sports_sentence_ = true;
  }
  consumed_.clear();
  // Verbs first, so that their object nouns are consumed before the nominal
  // patterns run ("launched an attack on" is one event, not two).
  for (int pass = 0; pass < 2; ++pass) {
    for (uint32_t ut = sent.first_token; ut < sent.end_token; ++ut) {
      int t = static_cast<int>(ut);
      const std::string& upos = syn_[t].upos;
      if (pass == 0 && upos == "VERB") {
        int object = -1;
        const Pattern* p = MatchVerb(t, &object);
        if (!p) {
          if (trace_) NearMiss(t);
          continue;
        }
        if (object >= 0) consumed_.insert(object);
        Arguments args;
        args.evidence_tokens.push_back(t);
        if (object >= 0) args.evidence_tokens.push_back(object);
        int subject = Subject(t);
        if (subject < 0) {
          if (int g = GroupAbove(t); g >= 0) subject = groups_[g].last;
        }
        bool own_subject = subject >= 0 && Head(subject) == t;
        if (Passive(t)) {
          // "Iran was attacked by Israel": the agent acts on the subject.
          // "The attack was launched by Iran": the subject is the event.
          if (subject != object) {
            ActorsOf(subject, &args.targets,
                     own_subject ? &args.evidence_tokens : nullptr);
          }
          for (int c : children_[t]) {
            if (Deprel(c) == "obl:agent" ||
                (Base(Deprel(c)) == "obl" && CaseOf(c) == "by")) {
              ActorsOf(c, &args.sources, &args.evidence_tokens);
            }
          }
          if (args.sources.empty()) {
            // "was killed in a US airstrike": the actor behind the means.
            static const std::unordered_set<std::string_view> kMeans = {
                "operation", "strike", "airstrike", "attack",   "raid",
                "bombing",   "drone",  "missile",   "shelling", "offensive"};
            for (int c : children_[t]) {
              if (Base(Deprel(c)) == "obl" && kMeans.count(lemma_[c])) {
                ActorsOf(c, &args.sources, &args.evidence_tokens);
              }
            }
          }
          if (args.targets.empty()) TargetsBySlot(*p, t, object, &args);
          if (p->experiencer && args.sources.empty()) {
            // "Russia was disappointed with Iran's decision".
            for (int c : children_[t]) {
              std::string prep = CaseOf(c);
              if (Base(Deprel(c)) == "obl" &&
                  (prep == "with" || prep == "at" || prep == "over" ||
                   prep == "about")) {
                ActorsOf(c, &args.sources, &args.evidence_tokens);
              }
            }
          }
        } else {
          ActorsOf(subject, &args.sources,
                   own_subject ? &args.evidence_tokens : nullptr);
          TargetsBySlot(*p, t, object, &args);
        }
        args.instrument = InstrumentOf(t);
        if (args.instrument >= 0) {
          for (int c : children_[t]) {
            for (int k : Conjuncts(c)) {
              if (entity_at_[k] == args.instrument) {
                args.evidence_tokens.push_back(k);
              }
            }
          }
        }
        if (p->experiencer) std::swap(args.sources, args.targets);
        // A weapon supplied makes aid military aid.
        Pattern coded = *p;
        if (args.instrument >= 0 && RootOf(coded.code) == 7 &&
            coded.code != "075") {
          coded.code = "072";
        }
        args.place = PlaceOf(t);
        if (args.place < 0 && object >= 0) args.place = PlaceOf(object);
        if (MaterialConflict(coded.code)) TargetByPlace(&args);
        if (args.sources.empty()) {
          Trace("  ('" + form_[t] + "': subject " +
                (subject >= 0 ? "'" + form_[subject] + "' names no coded actor"
                              : "not found") +
                ")");
        }
        Emit(s, t, coded, args, ModalityOf(t));
      } else if (pass == 1 && (upos == "NOUN" || upos == "PROPN")) {
        if (consumed_.count(t)) continue;
        const Pattern* p = MatchNoun(t);
        if (!p) continue;
        Arguments args;
        args.evidence_tokens.push_back(t);
        for (int c : children_[t]) {
          const std::string& rel = Deprel(c);
          if (Contains(p->extra, lemma_[c]) || Contains(p->extra, form_[c])) {
            continue;
          }
          if (rel == "nmod:poss" || rel == "amod" || Base(rel) == "compound" ||
              (Base(rel) == "nmod" && CaseOf(c) == "by")) {
            ActorsOf(c, &args.sources, &args.evidence_tokens);
          }
        }
        // "rocket attacks carried out by militias", "a bombing claimed by
        // the Taliban": the agent of a participle on the event noun.
        if (args.sources.empty()) {
          for (int c : children_[t]) {
            if (Base(Deprel(c)) != "acl" || syn_[c].xpos != "VBN") continue;
            for (int k : children_[c]) {
              if (Deprel(k) == "obl:agent" ||
                  (Base(Deprel(k)) == "obl" && CaseOf(k) == "by")) {
                ActorsOf(k, &args.sources, &args.evidence_tokens);
              }
            }
          }
        }
        for (const std::string& slot : p->target) {
          for (int c : children_[t]) {
            if (Base(Deprel(c)) == "nmod" && Deprel(c) != "nmod:poss" &&
                CaseOf(c) == slot) {
              ActorsOf(c, &args.targets, &args.evidence_tokens);
            }
          }
          if (!args.targets.empty()) break;
        }
        // "launched an attack on": the light verb's subject is the source.
        int governor = -1;
        int h = Head(t);
        if (h >= 0 && Deprel(t) == "obj" && LightVerbs().count(lemma_[h])) {
          governor = h;
          if (args.sources.empty())
            ActorsOf(Subject(h), &args.sources, nullptr);
          if (args.targets.empty()) {
            for (const std::string& slot : p->target) {
              for (int c : children_[h]) {
                if (Base(Deprel(c)) == "obl" && CaseOf(c) == slot) {
                  ActorsOf(c, &args.targets, &args.evidence_tokens);
                }
              }
              if (!args.targets.empty()) break;
            }
          }
        }
        args.place = PlaceOf(t);
        if (args.place < 0 && governor >= 0) args.place = PlaceOf(governor);
        if (MaterialConflict(p->code)) TargetByPlace(&args);
        Modality mod;
        if (governor >= 0) {
          mod = ModalityOf(governor);
        } else if (h >= 0) {
          // The clause the noun phrase sits in decides ("could lead to war").
          mod = ModalityOf(h);
          mod.intent = false;  // "will praise their support": the support is
                               // not intended.
        }
        for (int c : children_[t]) {
          if (Deprel(c) == "det" && lemma_[c] == "no") mod.negated = true;
        }
        Emit(s, t, *p, args, mod);
      }
    }
  }
}

std::vector<Event> DocumentCoder::Run() {
  if (syn_.size() != an_.tokens.size()) {
    Trace("no syntax for this document's tokens: no events");
    return {};
  }
  Prepare();
  for (uint32_t s = 0; s < an_.sentences.size(); ++s) {
    const Sentence& sent = an_.sentences[s];
    if (sent.end_token > an_.tokens.size()) continue;
    CodeSentence(s);
  }
  for (size_t i = 0; i < events_.size(); ++i) {
    events_[i].id = "V" + std::to_string(i + 1);
  }
  return std::move(events_);
}

}  // namespace

EventCoder::EventCoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventCoder::~EventCoder() = default;

std::string EventCoder::DefaultDataDir() {
  if (const char* env = std::getenv("ENTENTE_DATA"); env && *env) return env;
  return std::string(ENTENTE_SOURCE_DIR) + "/data";
}

StatusOr<std::unique_ptr<const EventCoder>> EventCoder::Create() {
  return Create(EventCoderOptions());
}

StatusOr<std::unique_ptr<const EventCoder>> EventCoder::Create(
    const EventCoderOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::string dir =
      options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  ENTENTE_RETURN_IF_ERROR(events::LoadTables(dir, &impl->tables));
  return std::unique_ptr<const EventCoder>(new EventCoder(std::move(impl)));
}

const CameoCode* EventCoder::Lookup(std::string_view code) const {
  auto it = impl_->tables.codes.find(std::string(code));
  return it == impl_->tables.codes.end() ? nullptr : &it->second;
}

std::vector<Event> EventCoder::Code(const Document& document,
                                    const Analysis& analysis,
                                    const std::vector<TokenSyntax>& syntax,
                                    std::string* trace) const {
  DocumentCoder coder(impl_->tables, impl_->options, document, analysis, syntax,
                      trace);
  return coder.Run();
}

}  // namespace entente
