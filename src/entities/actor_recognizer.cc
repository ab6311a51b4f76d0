// The full entity recognizer: the gazetteer pass (countries, capitals,
// subdivisions, outlets by shape), the team lexicons (organizations, outlets
// by name, weapons, metonyms), weapon designators ("Su-35", "S-400"), and the
// statistical NER model for people, organizations and other places; then
// actor coding from titles and context, and coreference within the document.
//
// Precedence when candidates overlap: lexicon > gazetteer > NER. An NER
// organization that contains a place ("Russian Foreign Ministry") keeps its
// span and takes the place's country (a place inside the name, not leading
// it, stays a mention too: the two mentions then nest); an NER person that
// starts with a place
// ("Russian Vladimir Putin") is cut after it.
//
// Coreference rules (deliberately simple, and documented here because the
// event coder relies on them):
// - A person mention joins the most recent person entity whose name has the
//   same last word and contains all of the mention's words ("Pezeshkian",
//   "Masoud Pezeshkian"), or whose words the mention contains (a fuller form
//   later in the text renames the entity).
// - he/she/him/his/her/himself/herself join the most recent person mentioned
//   before them within the current and previous two sentences.
// - An ALL-CAPS organization mention joins the organization whose initials
//   it spells ("SCO" <-> "Shanghai Cooperation Organization"), either order.
// - A one-word body name ("Parliament", "House") joins the coded
//   organization whose name it heads ("Parliament of Iraq", "United States
//   House of Representatives"); "the parliament" does so within two
//   sentences. "the embassy", "the Senate" refer only to a body of that
//   name, never to another body of the same role.
// - Collective nouns ("protesters", "the police", "the government" that
//   refers back to nothing) are coded from their context and group by code
//   (CodeCollectives; record C of data/actor_roles.tsv).
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "entente/entities.h"
#include "entente/text.h"
#include "entities/actor_dictionary.h"
#include "entities/country_recognizer.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/ner_model.h"
#include "entities/place_matcher.h"
#include "entities/roster.h"

namespace entente {
namespace {

// kCollective: a domestic group or body named by a common noun
// ("protesters", "the police"), coded from its context (CodeCollectives).
enum class Source : uint8_t { kLexicon, kPlace, kNer, kPronoun, kCollective };

// What an anaphor (a pronoun or definite description) can refer to.
enum class Anaphor : uint8_t {
  kNone,
  kPerson,    // he, she, his, her…
  kSingular,  // it, its, itself: an organization or state.
  kPlural,    // they, their, them: an organization or a people.
  kCountry,   // "the country", "the nation": a state.
  kBody,      // "the ministry", "the group": an organization.
  kTitled,    // "the Russian leader", "the newly elected president".
};

// One mention before grouping.
struct Candidate {
  size_t first = 0, end = 0;     // Tokens [first, end).
  uint32_t start = 0, stop = 0;  // Bytes.
  uint32_t sentence = 0;
  Source source = Source::kPlace;
  std::string type;  // PERSON, ORG, GPE, LOC, WEAPON.
  std::string name;
  std::string code, country, role;
  std::string key;  // Grouping key for non-person mentions.
  bool keep = true;
  bool dictionary = false;  // Coded from an actor dictionary (--actors).
  // Coded from the default roster of officials: this person.
  const RosterPerson* roster = nullptr;
  // For Source::kPronoun: what it can refer to; for descriptions the
  // country and role they name ("the Iranian president": IRN, GOV) and
  // the body's head word ("ministry").
  Anaphor anaphor = Anaphor::kNone;
  std::string head;
  // The code a collective noun gets from its context ("SRBCOP" for "the
  // police" in an article set in Serbia): the code of a kCollective
  // candidate, and the fallback of a description ("the government") or a
  // one-word name ("Parliament") that refers back to no named body.
  std::string collective;
};

// The coded candidates of one sentence by their end token (a document token
// index in [first, end]). Sized to the sentence: one slot per document token
// for every sentence made long documents quadratic.
class CodedAtEnd {
 public:
  CodedAtEnd(size_t first, size_t end)
      : first_(first), slots_(end - first + 1, nullptr) {}
  const Candidate*& operator[](size_t k) { return slots_[k - first_]; }
  const Candidate* operator[](size_t k) const { return slots_[k - first_]; }
  void Clear() { std::fill(slots_.begin(), slots_.end(), nullptr); }

 private:
  size_t first_;
  std::vector<const Candidate*> slots_;
};

bool IsWordToken(const PlaceMatcher& m, size_t i) {
  return i < m.tokens().size() && m.tokens()[i].kind == TokenKind::kWord &&
         !m.Word(i).empty();
}

std::string Lower(std::string_view w) { return AsciiLower(w); }

// The length of an Arabic article or kinship particle joined by a hyphen to
// a capitalized name ("al-Assad", "el-Sisi", "bin-Laden"), or 0.
size_t ParticleLength(std::string_view w) {
  for (std::string_view p : {"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-",
                             "az-", "an-", "bin-", "ibn-", "abu-"}) {
    if (w.size() > p.size() && w.starts_with(p) &&
        IsCapitalizedWord(w.substr(p.size()))) {
      return p.size();
    }
  }
  return 0;
}

// A capitalized word, or a name with a lower-case Arabic particle: both
// can be part of a proper name.
bool IsNameCapitalized(std::string_view w) {
  return IsCapitalizedWord(w) || ParticleLength(w) > 0;
}

Anaphor PronounKind(std::string_view lower) {
  if (lower == "he" || lower == "she" || lower == "him" || lower == "his" ||
      lower == "her" || lower == "himself" || lower == "herself") {
    return Anaphor::kPerson;
  }
  if (lower == "it" || lower == "its" || lower == "itself") {
    return Anaphor::kSingular;
  }
  if (lower == "they" || lower == "their" || lower == "themselves") {
    return Anaphor::kPlural;
  }
  return Anaphor::kNone;
}

// True for an "it" that refers to nothing: "it is raining", "it is said
// that", "it seems", "it is important to", "it takes time". Any "it" before
// a form of "be" or a raising verb counts: organizations and states are
// rarely the subject of a copula in news ("it is a member of NATO" is lost),
// while pleonastic uses are common.
bool PleonasticIt(const PlaceMatcher& m, size_t i, size_t end) {
  size_t k = i + 1;
  while (k < end) {
    const std::string w = Lower(m.Word(k));
    if (w == "also" || w == "still" || w == "now" || w == "not" ||
        w == "would" || w == "will" || w == "could" || w == "may" ||
        w == "might" || w == "has" || w == "had" || w == "have" ||
        w == "been" || w == "be" || w == "should" || w == "must" ||
        w == "n't") {
      if (w == "been" || w == "be") return true;
      ++k;
      continue;
    }
    static const char* const kVerbs[] = {
        "is",      "was",      "'s",      "âs",  "seems",   "seemed",
        "appears", "appeared", "remains", "remained", "happens", "happened",
        "takes",   "took",     "rains",   "rained",   "snows",   "snowed",
        "became",  "becomes",  "looks",   "looked",   "matters", "mattered",
        "means",   "meant",    "costs",   "cost",     "follows", "followed"};
    for (const char* v : kVerbs) {
      if (w == v) return true;
    }
    return false;
  }
  return false;
}

// True when "it" at token i stands where a subject does: first in its
// sentence or clause, or after a reporting verb ("said it would").
bool SubjectPosition(const PlaceMatcher& m, size_t first, size_t i) {
  if (i == first) return true;
  const std::string prev = Lower(m.Word(i - 1));
  static const char* const kBefore[] = {
      ",",       ";",     ":",         "and",    "but",         "that",
      "because", "as",    "when",      "while",  "after",       "before",
      "since",   "if",    "although",  "though", "so",          "said",
      "says",    "added", "announced", "stated", "warned",      "claimed",
      "where",   "until", "unless",    "\"",     "\xE2\x80\x9C"};
  for (const char* b : kBefore) {
    if (prev == b) return true;
  }
  return false;
}

// True for a word that can follow a subject noun phrase: a verb or an
// auxiliary ("said", "has", "visits"), or "who", "and".
bool VerbLike(std::string_view word) {
  const std::string w = Lower(word);
  static const char* const kWords[] = {
      "will",  "would", "has",  "had",  "have",  "was",  "is",    "who",
      "and",   "also",  "told", "can",  "could", "may",  "met",   "to",
      "later", "then",  "did",  "does", "said",  "says", "spoke", "flew"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return w.size() > 3 && (w.ends_with("ed") || w.ends_with("s"));
}

// Head nouns of definite descriptions of organizations ("the ministry"),
// with the role an antecedent must have ("" for any organization).
bool BodyHead(std::string_view lower, std::string* role) {
  static const std::pair<const char*, const char*> kHeads[] = {
      {"ministry", "GOV"},   {"government", "GOV"}, {"agency", "GOV"},
      {"department", "GOV"}, {"army", "MIL"},       {"military", "MIL"},
      {"police", "COP"},     {"court", "JUD"},      {"company", "BUS"},
      {"firm", "BUS"},       {"party", "PTY"},      {"group", ""},
      {"organization", ""},  {"organisation", ""},  {"alliance", ""},
      {"bloc", ""},          {"militia", ""},       {"movement", ""},
      {"newspaper", "MED"},  {"agency's", "GOV"},   {"broadcaster", "MED"},
      {"embassy", "GOV"},    {"cabinet", "GOV"},    {"parliament", "LEG"},
      {"senate", "LEG"},     {"congress", "LEG"},   {"legislature", "LEG"}};
  for (const auto& [head, r] : kHeads) {
    if (lower == head) {
      *role = r;
      return true;
    }
  }
  return false;
}

// Bodies a state has one of, or one per host country: a description of one
// refers to a body of that name, not to any body of its role.
bool UniqueBodyHead(std::string_view lower) {
  return lower == "embassy" || lower == "parliament" || lower == "senate" ||
         lower == "congress" || lower == "legislature";
}

bool IsModifier(std::string_view lower) {
  return lower == "former" || lower == "then" || lower == "acting" ||
         lower == "incoming" || lower == "outgoing" || lower == "late" ||
         lower == "current" || lower == "newly" || lower == "elected" ||
         lower == "new" || lower == "top" || lower == "senior" ||
         lower == "deputy" || lower == "ex" || lower == "interim";
}

// True if two surnames differ in one vowel only, as transliterations do
// ("Sarea" and "Saree", "Nasrallah" and "Nasrullah"); short names are
// left alone ("Lee", "Li").
bool VowelVariant(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.size() < 5 || a == b) return false;
  auto vowel = [](char c) {
    return std::string_view("aeiouAEIOU").find(c) != std::string_view::npos;
  };
  int differences = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (i == 0 || !vowel(a[i]) || !vowel(b[i])) return false;
    ++differences;
  }
  return differences == 1;
}

// The words of a name, without possessive markers.
std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  size_t p = 0;
  while (p < name.size()) {
    size_t q = name.find(' ', p);
    if (q == std::string_view::npos) q = name.size();
    if (q > p) {
      // "al-Assad" is "Assad" when names are compared.
      std::string_view w = name.substr(p, q - p);
      words.emplace_back(w.substr(ParticleLength(w)));
    }
    p = q + 1;
  }
  return words;
}

// "SCO" for "Shanghai Cooperation Organization": initials of the
// capitalized words.
std::string Initials(std::string_view name) {
  std::string out;
  for (const std::string& w : NameWords(name)) {
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') out.push_back(w[0]);
  }
  return out;
}

// CAMEO codes of actors that belong to no state.
bool IsNonStateCode(std::string_view code) {
  for (std::string_view prefix : {"IGO", "NGO", "NGM", "MNC", "IMG", "UIS"}) {
    if (code.starts_with(prefix)) return true;
  }
  return false;
}

bool IsAcronym(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;
  for (char c : s) {
    if (!(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

// Nouns that a collective noun before them modifies ("police station",
// "government measures"): the phrase is then not the group itself.
bool ModifiedNoun(std::string_view lower) {
  static const char* const kWords[] = {
      "station",   "stations", "headquarters",  "building",  "buildings",
      "complex",   "car",      "cars",          "vehicle",   "vehicles",
      "van",       "vans",     "measures",      "measure",   "policy",
      "policies",  "source",   "sources",       "crackdown", "violence",
      "brutality", "camp",     "camps",         "leaders",   "member",
      "director",  "chief",    "head",          "leader",    "unit",
      "members",   "bill",     "website",       "statement", "statements",
      "officials", "figures",  "supporters",    "candidate", "candidates",
      "lines",     "line",     "barricades",    "cordon",    "raid",
      "raids",     "custody",  "presence",      "control",   "troops",
      "soldiers",  "debt",     "bonds",         "data",      "report",
      "reports",   "decision", "decisions",     "plan",      "plans",
      "spending",  "funding",  "ministers",     "minister",  "job",
      "jobs",      "bloc",     "parties",       "activists", "groups",
      "reform",    "reforms",  "investigation", "shooting",  "shootings",
      "killing",   "killings", "press",         "officer",   "chase"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

class ActorRecognizer final : public EntityRecognizer {
 public:
  ActorRecognizer(Gazetteer gazetteer, ActorLexicon lexicon, NerModel ner,
                  ActorDictionary dictionary, Roster roster)
      : gazetteer_(std::move(gazetteer)),
        lexicon_(std::move(lexicon)),
        ner_(std::move(ner)),
        dictionary_(std::move(dictionary)),
        roster_(std::move(roster)),
        places_(NewCountryRecognizer(gazetteer_)) {}

  using EntityRecognizer::Recognize;
  std::vector<Entity> Recognize(std::string_view text,
                                const std::vector<Token>& tokens,
                                const std::vector<Sentence>& sentences,
                                std::string_view date) const override;

 private:
  // The longest lexicon surface at token i (before `end`): tokens matched
  // and the entry, or {0, nullptr}.
  std::pair<size_t, const LexiconEntry*> LexiconMatch(const PlaceMatcher& m,
                                                      size_t i,
                                                      size_t end) const;
  // Number of tokens of a weapon head phrase starting at i ("fighter jets").
  size_t WeaponHead(const PlaceMatcher& m, size_t i, size_t end) const;
  // Number of tokens of a title phrase ending just before token `j`
  // (searching back to `first`); its role in *role.
  size_t TitleBefore(const PlaceMatcher& m, size_t first, size_t j,
                     std::string* role) const;
  // Number of tokens of a title phrase starting at token i.
  size_t TitleAt(const PlaceMatcher& m, size_t i, size_t end,
                 std::string* role) const;

  // A capitalized word that can be part of a name.
  static bool NameWord(const PlaceMatcher& m, size_t i) {
    return IsWordToken(m, i) && IsNameCapitalized(m.Word(i)) &&
           !IsCapitalizedFunctionWord(m.Word(i)) && !IsCalendarWord(m.Word(i));
  }

  // True if a word in tokens [first, end) is an organization head word.
  bool HasOrgWord(const PlaceMatcher& m, size_t first, size_t end) const {
    for (size_t k = first; k < end; ++k) {
      if (!lexicon_.OrgHeadRole(Lower(m.Word(k))).empty()) return true;
    }
    return false;
  }

  // The role the head of an organization's name in tokens [first, end)
  // gives: its last one or two words ("Foreign Ministry", "Armed Forces"),
  // else, for a name with "of" or "in", the words before it or the whole
  // phrase from the head ("Parliament of Iraq", "Foreign Ministry of Iraq",
  // "Department of Transportation", "House of Representatives", "US
  // Embassy in Baghdad"). "" if none.
  std::string OrgRole(const PlaceMatcher& m, size_t first, size_t end) const {
    auto role_of = [&](size_t from, size_t to) {
      std::string key;
      for (size_t k = from; k < to; ++k) {
        if (k > from) key.push_back(' ');
        key += Lower(m.Word(k));
      }
      return std::string(lexicon_.OrgHeadRole(key));
    };
    std::string r = role_of(end - 1, end);
    if (end - first >= 2) {
      if (std::string r2 = role_of(end - 2, end); !r2.empty()) r = r2;
    }
    if (!r.empty()) return r;
    for (size_t k = first + 1; k + 1 < end; ++k) {
      if (m.Word(k) != "of" && m.Word(k) != "in") continue;
      for (size_t from = first; from < k; ++from) {
        if (std::string whole = role_of(from, end); !whole.empty()) {
          return whole;
        }
      }
      if (std::string head = role_of(k - 1, k); !head.empty()) return head;
      if (k - first >= 2) return role_of(k - 2, k);
      return "";
    }
    return "";
  }

  // True if tokens [from, end) from some word on are a listed
  // multi-word body name ("House of Representatives").
  bool WholeNameRole(const PlaceMatcher& m, size_t from, size_t end) const {
    for (size_t f = from; f + 1 < end; ++f) {
      std::string key;
      for (size_t k = f; k < end; ++k) {
        if (k > f) key.push_back(' ');
        key += Lower(m.Word(k));
      }
      if (!lexicon_.OrgHeadRole(key).empty()) return true;
    }
    return false;
  }

  // True if a collective noun ending before token `stop` is part of a
  // longer name or modifies the noun after it: "Police Scotland",
  // "opposition protesters", "police station", "government forces",
  // "opposition leader".
  bool ModifiesNext(const PlaceMatcher& m, size_t stop, size_t end) const {
    if (stop >= end || !IsWordToken(m, stop) || !m.Joined(stop)) return false;
    const std::string next = Lower(m.Word(stop));
    std::string r;
    // "a police state"; but "the government state that" is a verb.
    if (next == "state" && Lower(m.Word(stop - 1)) == "police") return true;
    return IsNameCapitalized(m.Word(stop)) ||
           !lexicon_.CollectiveRole(next).empty() ||
           !lexicon_.OrgHeadRole(next).empty() ||
           TitleAt(m, stop, end, &r) > 0 || ModifiedNoun(next);
  }

  void FindLexicon(const PlaceMatcher& m, size_t first, size_t end,
                   uint32_t sentence, std::vector<Candidate>* out) const;
  // True if a capitalized word that no mention covers stands in tokens
  // [first, i): not a function word, "I" or a title.
  bool UnknownNameBefore(const PlaceMatcher& m, size_t first, size_t i,
                         const std::vector<int>& owner) const {
    for (size_t k = first; k < i; ++k) {
      if (owner[k - first] >= 0 || !NameWord(m, k) || m.Word(k) == "I") {
        continue;
      }
      std::string role;
      if (TitleAt(m, k, i, &role) > 0) continue;
      return true;
    }
    return false;
  }
  // A definite description at token i ("the"): "the country", "the
  // ministry", "the [newly elected] [Iranian] president". Fills *c (span,
  // anaphor, country, role, head) and returns true if there is one.
  // `all[all_begin..]` are this sentence's mentions.
  bool Description(const PlaceMatcher& m, size_t i, size_t end,
                   const std::vector<Candidate>& all, size_t all_begin,
                   Candidate* c) const;
  // "the Ukrainian government", "Iran's foreign ministry", "Russian
  // forces": a state's adjective or possessive before a lower-case body
  // noun of the state (government, ministry, parliament, army, police,
  // court, media…) is that body, an ORG coded country + role; the
  // adjective is its country, not a mention of its own. Not after "a/an"
  // ("an Iranian court" is no particular one).
  void StateBodies(const PlaceMatcher& m, size_t first, size_t end,
                   std::vector<Candidate>* cands,
                   std::vector<int>* owner) const {
    const size_t count = cands->size();
    for (size_t idx = 0; idx < count; ++idx) {
      const Candidate p = (*cands)[idx];
      if (p.source != Source::kPlace || p.type != "GPE" || p.code.size() != 3 ||
          !p.keep) {
        continue;
      }
      if (p.first > first) {
        const std::string before = Lower(m.Word(p.first - 1));
        if (before == "a" || before == "an") continue;
      }
      size_t k = p.end;
      if (k < end && (m.Word(k) == "'s" || m.Word(k) == "\xE2\x80\x99s")) ++k;
      std::string role;
      size_t stop = 0;
      for (size_t n = 1; n <= 2 && k + n <= end; ++n) {
        const size_t last = k + n - 1;
        if (!IsWordToken(m, last) || IsNameCapitalized(m.Word(last)) ||
            (*owner)[last - first] >= 0) {
          break;
        }
        const std::string word = Lower(m.Word(last));
        const std::string r(lexicon_.OrgHeadRole(word));
        if (r == "GOV" || r == "LEG" || r == "MIL" || r == "COP" ||
            r == "JUD" || r == "MED") {
          role = r;
          stop = last + 1;
        } else if (std::string_view cr = lexicon_.CollectiveRole(word);
                   !cr.empty()) {
          // "Hong Kong protesters", "Iraq's lawmakers".
          role = std::string(cr);
          stop = last + 1;
        }
      }
      if (stop == 0) continue;
      // A following "of"-phrase or name makes it part of something else
      // ("the Russian government of Boris Yeltsin" is still the body; a
      // capitalized word after is a name: "Iranian army General X").
      if (stop < end && IsWordToken(m, stop) &&
          IsNameCapitalized(m.Word(stop)) && m.Joined(stop)) {
        continue;
      }
      const std::string noun = Lower(m.Word(stop - 1));
      const bool collective = !lexicon_.CollectiveRole(noun).empty();
      if (collective && ModifiesNext(m, stop, end)) continue;
      Candidate c;
      c.first = p.first;
      c.end = stop;
      c.sentence = p.sentence;
      c.source = Source::kNer;
      c.type = "ORG";
      c.country = p.country;
      c.role = role;
      c.code = p.country + role;
      c.key = "B:" + c.code + ":" + noun;
      if (collective) {
        // One entity with the same noun coded from context later.
        c.collective = c.code;
        c.head = noun;
      }
      (*cands)[idx].keep = false;
      for (size_t t = c.first; t < c.end; ++t) {
        (*owner)[t - first] = static_cast<int>(cands->size());
      }
      cands->push_back(std::move(c));
    }
  }

  // The longest actor-dictionary phrase starting at token i (before
  // `end`): tokens matched and the entry, or {0, nullptr}.
  std::pair<size_t, const ActorDictionaryEntry*> DictionaryMatch(
      const PlaceMatcher& m, size_t i, size_t end) const;
  // Codes the candidates a dictionary phrase covers with the code valid on
  // `day` (YYYYMMDD, 0 if unknown), or adds the phrase as a new actor.
  void ApplyDictionary(const PlaceMatcher& m, size_t first, size_t end,
                       uint32_t sentence, int32_t day,
                       std::vector<Candidate>* cands) const;
  // The longest roster name or short form starting at token i (before
  // `end`): tokens matched and the person, or {0, nullptr}.
  std::pair<size_t, const RosterPerson*> RosterMatch(const PlaceMatcher& m,
                                                     size_t i,
                                                     size_t end) const;
  // Codes people of the default roster with the role they held on `day`
  // (YYYYMMDD, 0 if unknown): full names and short forms wherever they
  // stand, a surname after a title of the same role ("President Xi").
  // Only people the text gives no country and no dictionary coded; names
  // nobody found become new PERSON candidates.
  void ApplyRoster(const PlaceMatcher& m, size_t first, size_t end,
                   uint32_t sentence, int32_t day,
                   std::vector<Candidate>* cands) const;
  void CodePerson(const PlaceMatcher& m, size_t first, size_t end,
                  const CodedAtEnd& coded_at_end, Candidate* c,
                  size_t title_first) const;
  // Domestic collectives: adds a kCollective candidate for each collective
  // noun no mention covers ("protesters", "the police"), and sets the
  // fallback code of descriptions and one-word names of such bodies ("the
  // government", "Parliament"), from their context (CollectiveCountry).
  // `all` holds every mention of the document, in sentence order.
  void CodeCollectives(const PlaceMatcher& m,
                       const std::vector<Sentence>& spans,
                       std::vector<Candidate>* all) const;

  Gazetteer gazetteer_;
  ActorLexicon lexicon_;
  NerModel ner_;
  ActorDictionary dictionary_;
  Roster roster_;
  std::unique_ptr<const EntityRecognizer> places_;
};

bool ActorRecognizer::Description(const PlaceMatcher& m, size_t i, size_t end,
                                  const std::vector<Candidate>& all,
                                  size_t all_begin, Candidate* c) const {
  size_t k = i + 1;
  std::string country;
  for (int steps = 0; k < end && steps < 4; ++steps) {
    const std::string w = Lower(m.Word(k));
    if (IsModifier(w) || w == "newly" || w == "elected" || w == "recently") {
      ++k;
      continue;
    }
    // A demonym ("Iranian"): a state mention of this sentence at k.
    const Candidate* place = nullptr;
    for (size_t a = all_begin; a < all.size(); ++a) {
      if (all[a].first == k && all[a].type == "GPE" &&
          all[a].code.size() == 3) {
        place = &all[a];
      }
    }
    if (place == nullptr || !country.empty()) break;
    country = place->country;
    k = place->end;
  }
  if (k >= end || !IsWordToken(m, k)) return false;
  const std::string head = Lower(m.Word(k));
  std::string role;
  size_t n = 0;
  if (country.empty() && (head == "country" || head == "nation")) {
    c->anaphor = Anaphor::kCountry;
    n = 1;
  } else if (country.empty() && BodyHead(head, &role)) {
    c->anaphor = Anaphor::kBody;
    c->head = head;
    n = 1;
  } else if ((n = TitleAt(m, k, end, &role)) > 0 &&
             (!country.empty() || !IsNameCapitalized(m.Word(k)))) {
    // "the Queen", "the General": styles and names more than
    // descriptions, unless a country is named.
    c->anaphor = Anaphor::kTitled;
    // "the general manager": the title word modifies another noun.
    if (k + n < end && IsWordToken(m, k + n) &&
        !IsNameCapitalized(m.Word(k + n)) && !VerbLike(m.Word(k + n))) {
      return false;
    }
  } else {
    return false;
  }
  const size_t after = k + n;
  // "the ministry of defence", "the president of Iran", "the country's
  // president" or a name after the title: not a description of its own.
  // A body's possessive still is one ("the parliament's decision").
  if (after < end) {
    const std::string next = Lower(m.Word(after));
    const bool possessive = next == "'s" || next == "\xE2\x80\x99s";
    if (next == "of" || (possessive && c->anaphor != Anaphor::kBody) ||
        (IsWordToken(m, after) && IsNameCapitalized(m.Word(after)) &&
         m.Joined(after))) {
      return false;
    }
  }
  c->end = after;
  c->country = country;
  c->role = role;
  return true;
}

std::pair<size_t, const ActorDictionaryEntry*> ActorRecognizer::DictionaryMatch(
    const PlaceMatcher& m, size_t i, size_t end) const {
  if (!IsWordToken(m, i)) return {0, nullptr};
  std::string key = ActorDictionary::NormalizeKey(m.Word(i));
  if (!dictionary_.StartsPhrase(key.substr(0, key.find(' ')))) {
    return {0, nullptr};
  }
  std::pair<size_t, const ActorDictionaryEntry*> best{0, nullptr};
  for (size_t j = i; j < end; ++j) {
    if (j > i) {
      if (!IsWordToken(m, j) || !m.Joined(j)) break;
      key.push_back(' ');
      key += ActorDictionary::NormalizeKey(m.Word(j));
      if (std::count(key.begin(), key.end(), ' ') >= dictionary_.max_words()) {
        break;
      }
    }
    if (const ActorDictionaryEntry* e = dictionary_.Find(key)) {
      best = {j - i + 1, e};
    }
  }
  return best;
}

void ActorRecognizer::ApplyDictionary(const PlaceMatcher& m, size_t first,
                                      size_t end, uint32_t sentence,
                                      int32_t day,
                                      std::vector<Candidate>* cands) const {
  for (size_t i = first; i < end; ++i) {
    // Dictionaries are upper case; only names (capitalized) can match.
    if (!IsWordToken(m, i) || !IsNameCapitalized(m.Word(i)) ||
        IsCapitalizedFunctionWord(m.Word(i)) || IsCalendarWord(m.Word(i))) {
      continue;
    }
    const auto [n, entry] = DictionaryMatch(m, i, end);
    if (n == 0) continue;
    std::string code(entry->CodeOn(day));
    std::string country, role;
    SplitActorCode(code, &country, &role);
    const bool codeless = code.empty() || code == "---";
    const bool state = !gazetteer_.CountryName(country).empty();
    // A role without a state ("BBC [MED]"): the recognized actor's country
    // supplies it (GBR + MED).
    const bool role_only = !state && code.size() == 3 && !IsNonStateCode(code);
    std::string type = "PERSON";
    if (state && code.size() == 3) {
      // A phrase holding the state's name names the state ("Islamic
      // Republic of Afghanistan"); other phrases coded with a bare country
      // code are places in it ("California" in the USA record), which
      // never act.
      type = "GPE";
      std::string phrase;
      for (size_t k = i; k < i + n; ++k) {
        if (k > i) phrase.push_back(' ');
        phrase += ActorDictionary::NormalizeKey(m.Word(k));
      }
      const std::string state_name =
          ActorDictionary::NormalizeKey(gazetteer_.CountryName(country));
      if (phrase.find(state_name) == std::string::npos) code.clear();
    } else if (!state || HasOrgWord(m, i, i + n)) {
      type = "ORG";  // IGOs, NGOs, companies, named bodies.
    }
    if (!state) {
      country.clear();
      role.clear();
    }
    bool overlapped = false;
    for (Candidate& c : *cands) {
      if (!c.keep || c.end <= i || c.first >= i + n) continue;
      overlapped = true;
      // Gazetteer places keep their reading (a city coded as its state in
      // the dictionary is still only a location), and a phrase inside a
      // longer name does not code it ("Paris" in "Paris Climate Accord").
      if (codeless || c.source == Source::kPlace || c.type == "GPE" ||
          c.type == "WEAPON" || c.first < i || c.end > i + n) {
        continue;
      }
      if (role_only) {
        if (!c.country.empty()) {
          c.code = c.country + code;
          c.role = code;
          c.dictionary = true;
        }
        continue;
      }
      if (c.type == "LOC" || (c.type == "PERSON" && type == "GPE")) {
        c.type = type;  // The model's guess.
      }
      c.code = code;
      c.country = country;
      c.role = role;
      c.dictionary = true;
    }
    if (role_only) overlapped = true;  // Nothing to code it with.
    if (!overlapped && !codeless) {
      Candidate c;
      c.first = i;
      c.end = i + n;
      c.sentence = sentence;
      c.source = Source::kNer;
      c.type = type;
      c.code = code;
      c.country = country;
      c.role = role;
      c.dictionary = true;
      if (c.type != "PERSON") c.key = "D:" + entry->name;
      cands->push_back(std::move(c));
    }
    i += n - 1;
  }
}

std::pair<size_t, const RosterPerson*> ActorRecognizer::RosterMatch(
    const PlaceMatcher& m, size_t i, size_t end) const {
  if (!IsWordToken(m, i)) return {0, nullptr};
  std::string key = Roster::Key(m.Word(i));
  if (!roster_.StartsName(key.substr(0, key.find(' ')))) return {0, nullptr};
  std::pair<size_t, const RosterPerson*> best{0, nullptr};
  for (size_t j = i; j < end; ++j) {
    if (j > i) {
      if (!IsWordToken(m, j) || !m.Joined(j)) break;
      key.push_back(' ');
      key += Roster::Key(m.Word(j));
      if (std::count(key.begin(), key.end(), ' ') >= roster_.max_words()) {
        break;
      }
    }
    if (const RosterPerson* p = roster_.FindName(key)) best = {j - i + 1, p};
  }
  return best;
}

void ActorRecognizer::ApplyRoster(const PlaceMatcher& m, size_t first,
                                  size_t end, uint32_t sentence, int32_t day,
                                  std::vector<Candidate>* cands) const {
  // Whether the text or a dictionary already coded the person: then the
  // roster stays silent ("Turkish President X" names X's country).
  auto open = [](const Candidate& c) {
    return c.keep && c.type == "PERSON" && !c.dictionary && c.code.empty() &&
           c.country.empty();
  };
  auto code = [](const RosterPerson& p, int32_t date, Candidate* c) {
    const std::string code(p.CodeOn(date));
    if (code.empty()) return;
    c->code = code;
    SplitActorCode(code, &c->country, &c->role);
    c->roster = &p;
  };
  // A surname after a title: the one person with that surname who held a
  // role of the title's kind on the day.
  for (Candidate& c : *cands) {
    if (!open(c) || c.role.empty() || c.end != c.first + 1) continue;
    const RosterPerson* only = nullptr;
    int matches = 0;
    for (const RosterPerson* p :
         roster_.FindSurname(Roster::Key(m.Word(c.first)))) {
      std::string country, role;
      SplitActorCode(p->CodeOn(day), &country, &role);
      if (!country.empty() && role == c.role) {
        only = p;
        ++matches;
      }
    }
    if (matches == 1) code(*only, day, &c);
  }
  // Full names and short forms; a name may start lower case ("von der
  // Leyen") if it has several words.
  for (size_t i = first; i < end; ++i) {
    if (!IsWordToken(m, i) || IsCapitalizedFunctionWord(m.Word(i)) ||
        IsCalendarWord(m.Word(i))) {
      continue;
    }
    const auto [n, person] = RosterMatch(m, i, end);
    if (n == 0 || (n == 1 && !IsNameCapitalized(m.Word(i)))) continue;
    bool overlapped = false;
    for (Candidate& c : *cands) {
      if (!c.keep || c.end <= i || c.first >= i + n) continue;
      overlapped = true;
      // Part of a longer name ("Ivanka Trump", "Trump Tower") or a
      // place, organization or weapon someone else found.
      if (c.first < i || c.end > i + n) continue;
      if (c.source == Source::kNer && c.type == "LOC" && c.code.empty()) {
        c.type = "PERSON";  // The model's guess.
      }
      if (open(c)) code(*person, day, &c);
    }
    // A name nobody found, unless it is part of a longer capitalized name.
    const bool name_before = i > first && NameWord(m, i - 1) && m.Joined(i);
    const bool name_after =
        i + n < end && NameWord(m, i + n) && m.Joined(i + n);
    // A title before the name, also in the plural ("Presidents X and Y").
    std::string title_role;
    const bool titled =
        name_before &&
        (TitleBefore(m, first, i, &title_role) > 0 ||
         (Lower(m.Word(i - 1)).ends_with('s') &&
          !lexicon_
               .TitleRole(
                   Lower(m.Word(i - 1)).substr(0, m.Word(i - 1).size() - 1))
               .empty()));
    if (!overlapped && !name_after && (!name_before || titled)) {
      Candidate c;
      c.first = i;
      c.end = i + n;
      c.sentence = sentence;
      c.source = Source::kNer;
      c.type = "PERSON";
      code(*person, day, &c);
      cands->push_back(std::move(c));
    }
    i += n - 1;
  }
}

std::pair<size_t, const LexiconEntry*> ActorRecognizer::LexiconMatch(
    const PlaceMatcher& m, size_t i, size_t end) const {
  if (!IsWordToken(m, i)) return {0, nullptr};
  std::string key;
  AppendNormalizedWord(m.Word(i), &key);
  if (!lexicon_.StartsSurface(key)) return {0, nullptr};
  std::pair<size_t, const LexiconEntry*> best{0, nullptr};
  int words = 1;
  for (size_t j = i; j < end; ++j) {
    if (j > i) {
      if (!m.Joined(j)) break;
      const Token& t = m.tokens()[j];
      if (t.kind == TokenKind::kUrl || t.kind == TokenKind::kQuote) break;
      if (t.start > m.tokens()[j - 1].end) {
        key.push_back(' ');
        if (++words > lexicon_.max_words()) break;
      }
      const std::string_view w = m.Word(j);
      if (w.empty()) break;
      AppendNormalizedWord(w, &key);
    }
    if (const LexiconEntry* e = lexicon_.Find(key)) best = {j - i + 1, e};
  }
  return best;
}

size_t ActorRecognizer::WeaponHead(const PlaceMatcher& m, size_t i,
                                   size_t end) const {
  size_t best = 0;
  std::string key;
  for (size_t j = i;
       j < end && j - i < static_cast<size_t>(lexicon_.max_weapon_head_words());
       ++j) {
    if (!IsWordToken(m, j) || !m.Joined(j)) break;
    if (j > i) key.push_back(' ');
    key += Lower(m.Word(j));
    if (lexicon_.IsWeaponHead(key)) best = j - i + 1;
  }
  return best;
}

size_t ActorRecognizer::TitleBefore(const PlaceMatcher& m, size_t first,
                                    size_t j, std::string* role) const {
  size_t best = 0;
  const size_t max = static_cast<size_t>(lexicon_.max_title_words());
  for (size_t n = 1; n <= max && n <= j - first; ++n) {
    std::string key;
    bool ok = true;
    for (size_t k = j - n; k < j; ++k) {
      if (!IsWordToken(m, k)) {
        ok = false;
        break;
      }
      if (k > j - n) key.push_back(' ');
      key += Lower(m.Word(k));
    }
    if (!ok) break;
    const std::string_view r = lexicon_.TitleRole(key);
    if (!r.empty()) {
      best = n;
      *role = std::string(r);
    }
  }
  return best;
}

size_t ActorRecognizer::TitleAt(const PlaceMatcher& m, size_t i, size_t end,
                                std::string* role) const {
  size_t best = 0;
  std::string key;
  for (size_t j = i;
       j < end && j - i < static_cast<size_t>(lexicon_.max_title_words());
       ++j) {
    if (!IsWordToken(m, j)) break;
    if (j > i) key.push_back(' ');
    key += Lower(m.Word(j));
    const std::string_view r = lexicon_.TitleRole(key);
    if (!r.empty()) {
      best = j - i + 1;
      *role = std::string(r);
    }
  }
  return best;
}

// True for a one-letter-prefix designator's digits rule and the shape
// PREFIX-<digit>...: "Su-35", "S-400", "Shahed-136", "F-16", "Tu-22M3".
bool IsDesignator(const ActorLexicon& lex, std::string_view w) {
  const size_t dash = w.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= w.size()) {
    return false;
  }
  const std::string_view prefix = w.substr(0, dash);
  if (!lex.IsWeaponPrefix(prefix)) return false;
  size_t digits = 0;
  for (size_t k = dash + 1; k < w.size() && w[k] >= '0' && w[k] <= '9'; ++k) {
    ++digits;
  }
  if (digits == 0) return false;
  return prefix.size() > 1 || digits >= 2;
}

void ActorRecognizer::FindLexicon(const PlaceMatcher& m, size_t first,
                                  size_t end, uint32_t sentence,
                                  std::vector<Candidate>* out) const {
  const auto& tokens = m.tokens();
  for (size_t i = first; i < end;) {
    auto [n, e] = LexiconMatch(m, i, end);
    const bool designator =
        n == 0 && IsWordToken(m, i) && IsDesignator(lexicon_, m.Word(i));
    if (n == 0 && !designator) {
      ++i;
      continue;
    }
    if (designator) n = 1;
    Candidate c;
    c.first = i;
    c.end = i + n;
    c.sentence = sentence;
    c.source = Source::kLexicon;
    if (designator || e->kind == LexiconKind::kWeapon ||
        e->kind == LexiconKind::kAmbiguousWeapon) {
      // "Sukhoi Su-35": a maker's name before a designator joins it.
      size_t stop = i + n;
      if (!designator && stop < end && IsWordToken(m, stop) && m.Joined(stop) &&
          IsDesignator(lexicon_, m.Word(stop))) {
        ++stop;
      }
      const size_t head = WeaponHead(m, stop, end);
      if (!designator && e->kind == LexiconKind::kAmbiguousWeapon &&
          head == 0 && stop == i + n) {
        i += n;
        continue;
      }
      c.type = "WEAPON";
      const size_t name_end = stop;
      const size_t name_first = stop > i + n ? i + n : i;
      c.name = std::string(
          m.text().substr(tokens[name_first].start,
                          tokens[name_end - 1].end - tokens[name_first].start));
      c.end = stop + head;
      c.key = "W:" + c.name;
    } else {
      c.type = "ORG";
      c.name = e->name;
      c.code = e->code;
      c.country = e->country;
      c.role = e->role;
      c.key = "L:" + e->name;
    }
    out->push_back(std::move(c));
    i = out->back().end;
  }
}

// Codes a person from the words around its mention: a title before it
// ("Russian Ambassador to Iran Alexei Dedov": the country before the title,
// not the destination after "to"), or an apposition after it ("Lavrov,
// Russia's foreign minister"). `coded_at_end[k]` is the coded candidate
// (place or organization) whose last token is k-1, or null.
void ActorRecognizer::CodePerson(const PlaceMatcher& m, size_t first,
                                 size_t end, const CodedAtEnd& coded_at_end,
                                 Candidate* c, size_t title_first) const {
  std::string role = c->role, country, code_org;
  auto coded_ending_at = [&](size_t j) -> const Candidate* {
    // A candidate ending just before token j, also through a possessive.
    if (j <= first) return nullptr;
    if (coded_at_end[j] != nullptr) return coded_at_end[j];
    if (m.Word(j - 1) == "'s" || m.Word(j - 1) == "\xE2\x80\x99s") {
      return coded_at_end[j - 1];
    }
    return nullptr;
  };
  auto take = [&](const Candidate* p) {
    if (!country.empty() || !code_org.empty()) return;
    if (p->type == "ORG" && p->country.empty()) {
      code_org = p->code;  // "UN Secretary-General": IGOUNO.
    } else {
      country = p->country;
    }
  };
  // Left context.
  size_t j = title_first;
  bool titled = !role.empty();
  int portfolio = 0;
  for (int steps = 0; steps < 8 && j > first; ++steps) {
    std::string r;
    const Candidate* p = coded_ending_at(j);
    if (p != nullptr && p->first > first) {
      const std::string before = Lower(m.Word(p->first - 1));
      if (before == "to" || before == "in" || before == "at") {
        j = p->first - 1;  // A destination: "Ambassador to Iran".
        continue;
      }
      if (before == "of") {
        take(p);
        j = p->first - 1;
        continue;
      }
    }
    if (size_t n = TitleBefore(m, first, j, &r); n > 0) {
      // A coded name ending inside the title keeps its words: "Russian
      // military | spokesman", not "Russian | military spokesman".
      for (size_t q = j - n + 1; q < j; ++q) {
        const Candidate* inner = coded_at_end[q];
        std::string rest;
        if (inner != nullptr && inner->first < j - n &&
            TitleBefore(m, q, j, &rest) == j - q) {
          n = j - q;
          r = rest;
          break;
        }
      }
      if (role.empty()) role = r;
      titled = true;
      j -= n;
      continue;
    }
    if (IsModifier(Lower(m.Word(j - 1))) || m.Word(j - 1) == "-") {
      --j;
      continue;
    }
    // A portfolio before a title ("German Development Minister"): up to
    // two capitalized words, if a coded place or body precedes them.
    if (titled && p == nullptr && portfolio < 2 && IsWordToken(m, j - 1) &&
        IsNameCapitalized(m.Word(j - 1)) &&
        !IsCapitalizedFunctionWord(m.Word(j - 1))) {
      size_t q = j - 1;
      if (q > first && coded_ending_at(q) == nullptr && portfolio == 0 &&
          IsWordToken(m, q - 1) && IsNameCapitalized(m.Word(q - 1))) {
        --q;
      }
      if (coded_ending_at(q) != nullptr) {
        portfolio = 2;
        j = q;
        continue;
      }
    }
    if (p != nullptr && (titled || p->type == "GPE")) take(p);
    break;
  }
  // Apposition: NAME, [the] [PLACE('s)] [modifiers] TITLE [of PLACE].
  if (role.empty() && c->end + 1 < end && m.Word(c->end) == ",") {
    size_t k = c->end + 1;
    const std::string art = Lower(m.Word(k));
    if (art == "the" || art == "a" || art == "an") ++k;
    const Candidate* owner = nullptr;
    for (size_t q = k + 1; q <= std::min(end, k + 6); ++q) {
      if (coded_at_end[q] != nullptr && coded_at_end[q]->first == k) {
        owner = coded_at_end[q];
        k = q;
        if (k < end && (m.Word(k) == "'s" || m.Word(k) == "\xE2\x80\x99s")) {
          ++k;
        }
        break;
      }
    }
    while (k < end && IsModifier(Lower(m.Word(k)))) ++k;
    std::string r;
    if (size_t n = TitleAt(m, k, end, &r); n > 0) {
      role = r;
      k += n;
      // "… of PLACE", and "… for [the] BODY": someone speaking for a body
      // ("a spokesman for the Chilean army") takes its whole code.
      const std::string link = k + 1 < end ? Lower(m.Word(k)) : "";
      if (owner == nullptr && (link == "of" || link == "for")) {
        size_t from = k + 1;
        if (link == "for" && from < end && Lower(m.Word(from)) == "the") {
          ++from;
        }
        for (size_t q = from + 1; q <= std::min(end, from + 5); ++q) {
          if (coded_at_end[q] != nullptr && coded_at_end[q]->first == from) {
            owner = coded_at_end[q];
            break;
          }
        }
        if (owner != nullptr && link == "for" && !owner->code.empty()) {
          code_org = owner->code;
          owner = nullptr;
        }
      }
      if (owner != nullptr) take(owner);
    }
  }
  // "President Patrice Talon of Benin", "King Abdullah of Jordan": a titled
  // name followed by "of" and a state.
  if (titled && country.empty() && code_org.empty() && c->end + 1 < end &&
      Lower(m.Word(c->end)) == "of") {
    for (size_t q = c->end + 2; q <= std::min(end, c->end + 5); ++q) {
      const Candidate* p = coded_at_end[q];
      if (p != nullptr && p->first == c->end + 1 && p->type == "GPE") {
        take(p);
        break;
      }
    }
  }
  c->role = role;
  if (!code_org.empty()) {
    c->code = code_org;
    std::string org_country, org_role;
    SplitActorCode(code_org, &org_country, &org_role);
    if (!org_country.empty()) {
      c->country = org_country;
      if (!org_role.empty()) c->role = org_role;
    }
  } else if (!country.empty()) {
    c->country = country;
    c->code = country + role;
  }
}

// The document's focus country: the state its places and demonyms name
// most, if it is named at least three times and at least twice as often
// as any other state; "" otherwise (no guess when two states share it).
std::string FocusCountry(const std::vector<Candidate>& all) {
  std::unordered_map<std::string, int> count;
  for (const Candidate& c : all) {
    const bool place =
        c.source == Source::kPlace && c.type == "GPE" && c.code.size() == 3;
    // "Serbian police", "United States House of Representatives": state
    // bodies named with their state count; media and firms do not.
    const bool state_body =
        c.type == "ORG" && c.source != Source::kCollective &&
        (c.role == "GOV" || c.role == "LEG" || c.role == "MIL" ||
         c.role == "COP" || c.role == "JUD");
    if ((place || state_body) && !c.country.empty()) ++count[c.country];
  }
  std::string best;
  int top = 0, second = 0;
  for (const auto& [country, n] : count) {
    if (n > top) {
      second = top;
      top = n;
      best = country;
    } else if (n > second) {
      second = n;
    }
  }
  return top >= 3 && top >= 2 * second ? best : "";
}

bool IsLocative(std::string_view lower) {
  for (std::string_view p :
       {"in", "across", "throughout", "outside", "near", "around", "inside"}) {
    if (lower == p) return true;
  }
  return false;
}

// Words before a collective noun that make it someone else's or nobody's
// in particular ("foreign security forces", "their government").
bool ForeignOrOwnedBefore(std::string_view lower) {
  static const char* const kWords[] = {
      "foreign", "international", "western",     "coalition", "allied", "other",
      "rival",   "neighbouring",  "neighboring", "overseas",  "exiled", "his",
      "her",     "their",         "its",         "our",       "my",     "your",
      "'s",      "âs",       "whose",       "every",     "any",    "no"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

void ActorRecognizer::CodeCollectives(const PlaceMatcher& m,
                                      const std::vector<Sentence>& spans,
                                      std::vector<Candidate>* all) const {
  const std::string focus = FocusCountry(*all);
  const auto& tokens = m.tokens();
  // The mention covering each token (the outermost one), or -1.
  std::vector<int> at(tokens.size(), -1);
  for (size_t a = 0; a < all->size(); ++a) {
    const Candidate& c = (*all)[a];
    for (size_t k = c.first; k < c.end && k < tokens.size(); ++k) {
      if (at[k] < 0) at[k] = static_cast<int>(a);
    }
  }
  auto state_at = [&](size_t k) -> const Candidate* {
    if (k >= tokens.size() || at[k] < 0) return nullptr;
    const Candidate& c = (*all)[at[k]];
    if (c.first != k || c.type != "GPE" || c.code.size() != 3) return nullptr;
    return &c;
  };
  std::vector<Candidate> added;
  std::unordered_set<std::string> named_by_other;  // See country_of.
  for (size_t s = 0; s < spans.size(); ++s) {
    const size_t first = spans[s].first_token;
    const size_t end = std::min<size_t>(spans[s].end_token, tokens.size());
    if (first >= end) continue;
    // The states this sentence is set in: "in Minsk", "across northern
    // Iraq", "in the Serbian capital".
    std::vector<std::string> located;
    for (size_t k = first; k < end; ++k) {
      const Candidate* p = state_at(k);
      if (p == nullptr) continue;
      size_t q = k;
      if (q > first && Lower(m.Word(q - 1)) == "the") --q;
      if (q > first + 1 && IsWordToken(m, q - 1) &&
          !IsNameCapitalized(m.Word(q - 1)) &&
          !IsLocative(Lower(m.Word(q - 1)))) {
        --q;  // "in northern Iraq".
      }
      if (q > first && IsLocative(Lower(m.Word(q - 1))) &&
          std::find(located.begin(), located.end(), p->country) ==
              located.end()) {
        located.push_back(p->country);
      }
    }
    // The country of the collective noun in tokens [i, stop) with `role`,
    // or "" (see actor_roles.tsv, record C).
    auto country_of = [&](size_t i, size_t stop, std::string_view noun,
                          std::string_view role, int self) -> std::string {
      // Named by a place or body of no known state: that one's, and so
      // are its later bare mentions ("Northamptonshire police ... police
      // revealed"), which the focus state would misplace.
      auto owned = [&]() {
        named_by_other.insert(std::string(noun));
        return std::string();
      };
      const bool body = role == "GOV" || role == "LEG" || noun == "opposition";
      // Without "the" these two are mostly generic: "limited government",
      // "in government", "opposition to the plan".
      if ((noun == "government" || noun == "opposition") &&
          (i == first || !IsNameCapitalized(m.Word(i)))) {
        size_t q = i;
        for (int n = 0;
             n < 2 && q > first + 1 && IsWordToken(m, q - 1) &&
             !IsNameCapitalized(m.Word(q - 1)) && Lower(m.Word(q - 1)) != "the";
             ++n) {
          --q;  // "the current federal government".
        }
        if (q == first || Lower(m.Word(q - 1)) != "the") return "";
      }
      if (i > first && (self < 0 || at[i - 1] != self)) {
        const std::string prev = Lower(m.Word(i - 1));
        if (ForeignOrOwnedBefore(prev)) return "";
        if (body && (prev == "a" || prev == "an")) return "";
        if (at[i - 1] >= 0) {
          const Candidate& p = (*all)[at[i - 1]];
          if (p.end != i) return "";
          // A state before it is its country; any other name before it
          // makes it that one's ("Hamas militants").
          if (p.type == "GPE" && p.code.size() == 3) return p.country;
          if (p.source != Source::kPronoun) return owned();
        } else if (i - 1 > first && IsWordToken(m, i - 1) &&
                   IsNameCapitalized(m.Word(i - 1)) &&
                   !IsCapitalizedFunctionWord(m.Word(i - 1))) {
          return owned();  // "Kurdish militants", "Democratic lawmakers".
        }
      }
      if (stop < end && IsWordToken(m, stop) && m.Joined(stop)) {
        const std::string next = Lower(m.Word(stop));
        if (next == "of" || next == "in" || next == "from") {
          size_t q = stop + 1;
          if (q < end && Lower(m.Word(q)) == "the") ++q;
          if (const Candidate* p = state_at(q)) return p->country;
          // "the government of Abdrabbuh Mansur Hadi": someone's.
          if (next == "of") return "";
        }
      }
      if (!body) {
        if (located.size() == 1) return located[0];
        if (located.size() > 1) return "";
      } else if (!located.empty() &&
                 (located.size() > 1 || located[0] != focus)) {
        return "";  // A body of the focus state abroad is unclear.
      }
      if (named_by_other.count(std::string(noun))) return "";
      return focus;
    };
    for (size_t i = first; i < end; ++i) {
      if (!IsWordToken(m, i) || IsAllCapsWord(m.Word(i))) continue;
      // Part of a hyphenated word: "pro-government", "anti-police".
      if (i > first && tokens[i - 1].end == tokens[i].start &&
          m.Word(i - 1) == "-") {
        continue;
      }
      if (at[i] >= 0) {
        // "the government" that refers back to no body, "Parliament":
        // a fallback code for grouping.
        Candidate& c = (*all)[at[i]];
        const bool description =
            c.source == Source::kPronoun && c.anaphor == Anaphor::kBody;
        const bool one_word = c.source == Source::kNer && c.type == "ORG" &&
                              c.code.empty() && c.end == c.first + 1;
        const std::string noun = description ? c.head : Lower(m.Word(i));
        if ((description || one_word) && i + 1 == c.end &&
            !ModifiesNext(m, c.end, end)) {
          const std::string_view role = lexicon_.CollectiveRole(noun);
          if (!role.empty()) {
            const std::string country = country_of(i, c.end, noun, role, at[i]);
            if (!country.empty()) c.collective = country + std::string(role);
            // "the 43rd Canadian Parliament": named with its state.
            if (one_word && !country.empty() && i > first && at[i - 1] >= 0 &&
                (*all)[at[i - 1]].end == i && (*all)[at[i - 1]].type == "GPE") {
              const Candidate& p = (*all)[at[i - 1]];
              c.name = std::string(
                  m.text().substr(p.start, tokens[c.end - 1].end - p.start));
            }
          }
        }
        continue;
      }
      // The longest collective phrase at i ("riot police").
      std::string key, role, noun;
      size_t n = 0;
      for (size_t j = i;
           j < end &&
           j - i < static_cast<size_t>(lexicon_.max_collective_words());
           ++j) {
        if (!IsWordToken(m, j) || at[j] >= 0 || (j > i && !m.Joined(j))) break;
        if (j > i) key.push_back(' ');
        key += Lower(m.Word(j));
        if (std::string_view r = lexicon_.CollectiveRole(key); !r.empty()) {
          n = j - i + 1;
          role = std::string(r);
          noun = key;
        }
      }
      if (n == 0) continue;
      const size_t stop = i + n;
      if (ModifiesNext(m, stop, end)) {
        i = stop - 1;
        continue;
      }
      const std::string country = country_of(i, stop, noun, role, -1);
      // "the parliament" and "Parliament" may also name a body named
      // before ("the Parliament of Iraq"): grouping decides.
      const bool definite =
          (i > first && Lower(m.Word(i - 1)) == "the" && at[i - 1] < 0) ||
          IsNameCapitalized(m.Word(i));
      if (!country.empty() || definite) {
        Candidate c;
        c.first = i;
        c.end = stop;
        c.start = tokens[i].start;
        c.stop = tokens[stop - 1].end;
        c.sentence = static_cast<uint32_t>(s);
        c.source = Source::kCollective;
        c.type = "ORG";
        c.country = country;
        c.role = role;
        if (!country.empty()) {
          c.code = country + role;
          c.collective = c.code;
        }
        c.head = noun;
        c.anaphor = definite ? Anaphor::kBody : Anaphor::kNone;
        // "the 43rd Canadian Parliament": named with its state.
        if (i > first && at[i - 1] >= 0 && (*all)[at[i - 1]].end == i &&
            (*all)[at[i - 1]].type == "GPE") {
          const uint32_t from = (*all)[at[i - 1]].start;
          c.name = std::string(m.text().substr(from, c.stop - from));
        }
        added.push_back(std::move(c));
      }
      i = stop - 1;
    }
  }
  for (Candidate& c : added) all->push_back(std::move(c));
}

std::vector<Entity> ActorRecognizer::Recognize(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<Sentence>& sentences, std::string_view date) const {
  const PlaceMatcher m(gazetteer_, text, tokens);
  const int32_t day = IsoDateToInt(date);
  std::vector<Sentence> whole;
  const std::vector<Sentence>* spans =
      &SentencesOrWhole(tokens, sentences, &whole);

  // 1. The gazetteer pass, mapped back to tokens.
  std::vector<Candidate> places;
  {
    const std::vector<Entity> found = places_->Recognize(text, tokens, *spans);
    for (size_t e = 0; e < found.size(); ++e) {
      for (const Mention& mention : found[e].mentions) {
        Candidate c;
        auto it = std::lower_bound(
            tokens.begin(), tokens.end(), mention.start,
            [](const Token& t, uint32_t s) { return t.end <= s; });
        if (it == tokens.end()) continue;
        c.first = static_cast<size_t>(it - tokens.begin());
        c.end = c.first;
        while (c.end < tokens.size() && tokens[c.end].start < mention.end) {
          ++c.end;
        }
        if (c.end == c.first) continue;
        c.start = mention.start;
        c.stop = mention.end;
        c.sentence = mention.sentence;
        c.source = Source::kPlace;
        c.type = found[e].type;
        c.name = found[e].name;
        c.code = found[e].code;
        c.country = found[e].country;
        c.role = found[e].role;
        c.key = "P:" + std::to_string(e);
        places.push_back(std::move(c));
      }
    }
    // The pass groups mentions by entity; the sentence loop wants text order.
    std::stable_sort(places.begin(), places.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return a.start < b.start;
                     });
  }

  std::vector<Candidate> all;
  const NerResources resources{&gazetteer_, &lexicon_};
  size_t place_index = 0;
  for (size_t s = 0; s < spans->size(); ++s) {
    const size_t first = (*spans)[s].first_token;
    const size_t end = std::min<size_t>((*spans)[s].end_token, tokens.size());
    if (first >= end) continue;
    const uint32_t sentence = static_cast<uint32_t>(s);
    std::vector<Candidate> cands;
    const size_t all_begin = all.size();
    FindLexicon(m, first, end, sentence, &cands);
    // owner[k]: index in `cands` of the candidate covering token k.
    std::vector<int> owner(end - first, -1);
    auto mark = [&](size_t idx) {
      for (size_t k = cands[idx].first; k < cands[idx].end; ++k) {
        owner[k - first] = static_cast<int>(idx);
      }
    };
    for (size_t idx = 0; idx < cands.size(); ++idx) mark(idx);
    // Places of this sentence (the gazetteer pass emits them in order).
    while (place_index < places.size() && places[place_index].first < end) {
      Candidate& p = places[place_index++];
      if (p.first < first) continue;
      bool free = true;
      for (size_t k = p.first; k < p.end && k < end; ++k) {
        free = free && owner[k - first] < 0;
      }
      if (!free) continue;
      p.sentence = sentence;
      cands.push_back(p);
      mark(cands.size() - 1);
    }
    StateBodies(m, first, end, &cands, &owner);
    // Titled names: "Ambassador to Iran Alexei Dedov", "Foreign Minister
    // Sergei Lavrov". A title, an optional "to/of PLACE", then up to four
    // capitalized words that are nothing else. These win over the model,
    // which has seen few such news bylines.
    for (size_t i = first; i < end; ++i) {
      if (owner[i - first] >= 0) continue;
      std::string role;
      const size_t n = TitleAt(m, i, end, &role);
      if (n == 0) continue;
      size_t j = i + n;
      for (int hop = 0; hop < 2 && j + 1 < end; ++hop) {
        const std::string next = Lower(m.Word(j));
        if ((next != "to" && next != "of") || owner[j + 1 - first] < 0) break;
        j = cands[owner[j + 1 - first]].end;
      }
      size_t k = j;
      while (k < end && k - j < 4 && owner[k - first] < 0 &&
             IsWordToken(m, k) && m.Joined(k) && IsNameCapitalized(m.Word(k)) &&
             !IsCapitalizedFunctionWord(m.Word(k)) &&
             !IsCalendarWord(m.Word(k))) {
        std::string r;
        if (TitleAt(m, k, end, &r) > 0 ||
            !lexicon_.OrgHeadRole(Lower(m.Word(k))).empty() ||
            lexicon_.IsLocationHead(Lower(m.Word(k)))) {
          break;
        }
        ++k;
      }
      if (k == j) continue;
      Candidate c;
      c.first = j;
      c.end = k;
      c.sentence = sentence;
      c.source = Source::kNer;
      c.type = "PERSON";
      c.role = role;
      cands.push_back(std::move(c));
      mark(cands.size() - 1);
      i = k - 1;
    }
    // Apposed titles: "Sergei Lavrov, Russia's foreign minister," and
    // "Maria Lopez, the Mexican interior minister": two to four capitalized
    // words, a comma, then [the] [PLACE['s]] [modifiers] TITLE.
    for (size_t i = first; i < end; ++i) {
      if (owner[i - first] >= 0 || (i > first && owner[i - 1 - first] < 0 &&
                                    IsNameCapitalized(m.Word(i - 1)))) {
        continue;
      }
      size_t k = i;
      while (k < end && k - i < 4 && owner[k - first] < 0 &&
             IsWordToken(m, k) && IsNameCapitalized(m.Word(k)) &&
             !IsCapitalizedFunctionWord(m.Word(k)) &&
             !IsCalendarWord(m.Word(k)) && (k == i || m.Joined(k))) {
        ++k;
      }
      if (k - i < 2 || k + 2 >= end || m.Word(k) != ",") continue;
      if (HasOrgWord(m, i, k)) continue;
      size_t q = k + 1;
      const std::string art = Lower(m.Word(q));
      if (art == "the" || art == "a" || art == "an") ++q;
      // "X, Russia's foreign minister", "X, a UN rapporteur".
      if (q < end && owner[q - first] >= 0 &&
          (cands[owner[q - first]].type == "GPE" ||
           (cands[owner[q - first]].type == "ORG" &&
            !cands[owner[q - first]].code.empty()))) {
        q = cands[owner[q - first]].end;
        if (q < end && (m.Word(q) == "'s" || m.Word(q) == "\xE2\x80\x99s")) {
          ++q;
        }
      }
      while (q < end && IsModifier(Lower(m.Word(q)))) ++q;
      std::string role;
      if (q >= end || TitleAt(m, q, end, &role) == 0) continue;
      Candidate c;
      c.first = i;
      c.end = k;
      c.sentence = sentence;
      c.source = Source::kNer;
      c.type = "PERSON";
      cands.push_back(std::move(c));
      mark(cands.size() - 1);
      i = k;
    }
    // Names by their head word: "Collins College", "Transbay Tube", "Bay
    // of Bengal", "University of Tehran".
    for (size_t i = first; i < end; ++i) {
      if (owner[i - first] >= 0 || !NameWord(m, i) ||
          (i > first && NameWord(m, i - 1) && m.Joined(i) &&
           owner[i - 1 - first] < 0)) {
        continue;
      }
      size_t k = i;
      while (k < end && k - i < 5 && owner[k - first] < 0 && NameWord(m, k) &&
             (k == i || m.Joined(k))) {
        ++k;
      }
      std::string head = Lower(m.Word(k - 1));
      auto kind = [&](const std::string& w) -> char {
        if (lexicon_.IsLocationHead(w)) return 'L';
        if (lexicon_.IsGenericOrgHead(w) || !lexicon_.OrgHeadRole(w).empty()) {
          return 'O';
        }
        return 0;
      };
      char type = kind(head);
      size_t stop = k;
      bool body_name = false;
      // "... of NAME": the head ends the first part ("Bay of Bengal"); a
      // body named by a phrase with "of" ("House of Representatives")
      // ends after it.
      if (k + 1 < end && m.Word(k) == "of" && m.Joined(k + 1)) {
        size_t q = k + 1;
        if (owner[q - first] >= 0 && cands[owner[q - first]].type == "GPE") {
          q = cands[owner[q - first]].end;
        } else {
          while (q < end && q - (k + 1) < 3 && owner[q - first] < 0 &&
                 NameWord(m, q) && m.Joined(q)) {
            ++q;
          }
        }
        if (q > k + 1) stop = q;
        if (type == 0 && stop > k && WholeNameRole(m, i, stop)) {
          type = 'O';
          body_name = true;
        }
        if (type == 0) stop = k;
      }
      if (type == 0 || (stop == k && k - i < 2)) continue;
      // A leading title or a demonym are not part of such names.
      std::string r;
      if (TitleAt(m, i, k, &r) > 0) continue;
      Candidate c;
      c.first = i;
      c.end = stop;
      c.sentence = sentence;
      c.source = Source::kNer;
      c.type = type == 'L' ? "LOC" : "ORG";
      if (c.type == "ORG") {
        for (size_t q = k; q < stop; ++q) {
          if (owner[q - first] >= 0 &&
              !cands[owner[q - first]].country.empty()) {
            c.country = cands[owner[q - first]].country;
          }
        }
      }
      // A state body's proper name takes the state leading it as its
      // country, as the model's organizations do ("Libyan House of
      // Representatives", "United States House of Representatives").
      if (body_name && i > first && owner[i - 1 - first] >= 0) {
        Candidate& p = cands[owner[i - 1 - first]];
        if (p.source == Source::kPlace && p.type == "GPE" &&
            p.code.size() == 3 && p.end == i) {
          c.first = p.first;
          c.country = p.country;
          p.keep = false;
        }
      }
      cands.push_back(std::move(c));
      mark(cands.size() - 1);
      i = stop - 1;
    }
    // NER spans.
    for (NerSpan span : ner_.Tag(text, tokens, first, end, resources)) {
      // Trim function words and possessives at the edges.
      while (span.first < span.end &&
             (!IsWordToken(m, span.first) ||
              IsCapitalizedFunctionWord(m.Word(span.first)) ||
              Lower(m.Word(span.first)) == "the")) {
        ++span.first;
      }
      while (span.end > span.first &&
             (!IsWordToken(m, span.end - 1) || m.Word(span.end - 1) == "'s" ||
              (!IsNameCapitalized(m.Word(span.end - 1)) &&
               !IsAllCapsWord(m.Word(span.end - 1))) ||
              m.Word(span.end - 1) == "\xE2\x80\x99s")) {
        --span.end;
      }
      if (span.first >= span.end) continue;
      if (span.type == NerType::kPerson &&
          HasOrgWord(m, span.first, span.end)) {
        continue;  // "District Hospital", "Foreign Ministry": not people.
      }
      if (!IsNameCapitalized(m.Word(span.first)) &&
          !IsAllCapsWord(m.Word(span.first))) {
        continue;
      }
      if (span.end - span.first == 1 && IsCalendarWord(m.Word(span.first))) {
        continue;
      }
      // Overlaps.
      std::vector<int> inside;
      bool clash = false;
      for (size_t k = span.first; k < span.end; ++k) {
        const int o = owner[k - first];
        if (o < 0) continue;
        if (inside.empty() || inside.back() != o) inside.push_back(o);
      }
      Candidate c;
      c.first = span.first;
      c.end = span.end;
      c.sentence = sentence;
      c.source = Source::kNer;
      const std::string place_country = [&]() -> std::string {
        for (int o : inside) {
          if (!cands[o].country.empty()) return cands[o].country;
        }
        return "";
      }();
      for (int o : inside) {
        const Candidate& p = cands[o];
        const bool contained = p.first >= span.first && p.end <= span.end;
        if (p.source == Source::kLexicon || p.type == "ORG" || !contained) {
          clash = true;
        }
      }
      bool place_with_of = false;  // "Bay of Bengal", "University of X".
      for (size_t k = span.first; k < span.end; ++k) {
        const std::string_view w = m.Word(k);
        place_with_of = place_with_of || w == "of" || w == "for";
      }
      if (span.type == NerType::kPlace && !inside.empty() &&
          !(place_with_of && !clash)) {
        clash = true;
      }
      for (int o : inside) {
        if (cands[o].source == Source::kNer) clash = true;  // Titled names.
      }
      if (span.type == NerType::kPerson && !inside.empty() && !clash) {
        // Keep the part after the last place at the start, before any
        // later place: "Russian Vladimir Putin", "Abdullah of Jordan".
        const Candidate& p0 = cands[inside.front()];
        if (p0.first == span.first) {
          c.first = p0.end;
          if (inside.size() > 1) c.end = cands[inside[1]].first;
        } else {
          c.end = p0.first;
        }
        while (c.end > c.first && !IsNameCapitalized(m.Word(c.end - 1))) {
          --c.end;
        }
        if (c.first >= c.end || !IsNameCapitalized(m.Word(c.first))) continue;
      } else if (span.type == NerType::kOrganization && !inside.empty() &&
                 !clash) {
        const Candidate& p0 = cands[inside.front()];
        if (inside.size() == 1 && p0.first == span.first &&
            p0.end == span.end) {
          clash = true;  // Exactly a place: the gazetteer wins.
        }
      }
      if (clash) continue;
      if (span.type == NerType::kOrganization ||
          (span.type == NerType::kPlace && !inside.empty())) {
        // The inner places are part of the name ("Medical Journal of
        // Australia"); the organization takes their country.
        // A place leading the name is the organization's country, not a
        // mention of its own ("Russian Foreign Ministry"); one inside it
        // is still a mention of the place ("Food Standards Australia New
        // Zealand" names both countries).
        for (int o : inside) {
          if (cands[o].first == span.first) cands[o].keep = false;
        }
      }
      c.type = span.type == NerType::kPerson         ? "PERSON"
               : span.type == NerType::kOrganization ? "ORG"
                                                     : "LOC";
      // A "place" whose head is an organization word ("University of New
      // South Wales") is an organization.
      // So is one whose name ends like a state body's ("United States
      // House of Representatives").
      if (c.type == "LOC" &&
          (!lexicon_.OrgHeadRole(Lower(m.Word(c.first))).empty() ||
           !OrgRole(m, c.first, c.end).empty())) {
        c.type = "ORG";
      }
      if (c.type == "ORG") c.country = place_country;
      cands.push_back(std::move(c));
    }
    // Drop places swallowed by organizations, then index coded candidates
    // by their end for the context rules.
    cands.erase(std::remove_if(cands.begin(), cands.end(),
                               [](const Candidate& c) { return !c.keep; }),
                cands.end());
    CodedAtEnd coded_at_end(first, end);
    auto index_coded = [&]() {
      coded_at_end.Clear();
      for (const Candidate& c : cands) {
        if (c.type != "PERSON" && c.type != "WEAPON" && c.type != "LOC" &&
            (!c.country.empty() || !c.code.empty())) {
          coded_at_end[c.end] = &c;
        }
      }
    };
    // Organizations first: a person's title may lean on one ("Chinese
    // Foreign Ministry spokeswoman Hua Chunying").
    index_coded();
    for (Candidate& c : cands) {
      if (c.source != Source::kNer || c.type != "ORG") continue;
      if (c.key.starts_with("B:")) continue;  // Coded by StateBodies.
      // Role from the head word(s): "Foreign Ministry", "Armed Forces",
      // "Parliament of Iraq", "House of Representatives".
      c.role = OrgRole(m, c.first, c.end);
      if (c.country.empty() && !c.role.empty() && c.first > first) {
        const Candidate* p = coded_at_end[c.first];
        if (p == nullptr && c.first > first + 1 &&
            (m.Word(c.first - 1) == "'s" ||
             m.Word(c.first - 1) == "\xE2\x80\x99s")) {
          p = coded_at_end[c.first - 1];
        }
        if (p != nullptr && p->type == "GPE") c.country = p->country;
      }
      if (!c.country.empty()) c.code = c.country + c.role;
    }
    index_coded();
    for (Candidate& c : cands) {
      if (c.source != Source::kNer || c.type != "PERSON") continue;
      if (c.first >= c.end) continue;
      // Titles inside the span ("President Vladimir Putin") are context.
      size_t title_first = c.first;
      while (c.first < c.end) {
        std::string r;
        const size_t n = TitleAt(m, c.first, c.end, &r);
        if (n == 0) break;
        if (n >= c.end - c.first) {
          c.keep = false;  // Only a title ("President"): no name.
          break;
        }
        if (c.role.empty()) c.role = r;
        c.first += n;
      }
      // What remains must start like a name ("Attorney General of
      // Justice" leaves "of Justice").
      if (c.keep && !IsNameCapitalized(m.Word(c.first))) c.keep = false;
      // The nearest title wins over an outer one.
      std::string r;
      if (c.first > title_first && TitleBefore(m, title_first, c.first, &r)) {
        c.role = r;
      }
      if (c.keep) CodePerson(m, first, end, coded_at_end, &c, title_first);
    }
    if (!dictionary_.empty())
      ApplyDictionary(m, first, end, sentence, day, &cands);
    if (!roster_.people().empty()) {
      ApplyRoster(m, first, end, sentence, day, &cands);
    }
    for (Candidate& c : cands) {
      if (c.source != Source::kNer) continue;
      if (!c.keep) continue;
      c.name = std::string(
          text.substr(tokens[c.first].start,
                      tokens[c.end - 1].end - tokens[c.first].start));
    }
    for (Candidate& c : cands) {
      // Places keep the gazetteer's byte span (parts of hyphenated words:
      // "Iran-backed").
      if (c.source != Source::kPlace) {
        c.start = tokens[c.first].start;
        c.stop = tokens[c.end - 1].end;
      }
      if (!c.keep) continue;
      all.push_back(std::move(c));
    }
    // Pronouns and definite descriptions.
    for (size_t i = first; i < end; ++i) {
      if (owner[i - first] >= 0 || !IsWordToken(m, i)) continue;
      const std::string lower = Lower(m.Word(i));
      Candidate c;
      c.first = i;
      c.end = i + 1;
      c.anaphor = PronounKind(lower);
      if (c.anaphor == Anaphor::kSingular && lower == "it" &&
          (PleonasticIt(m, i, end) || !SubjectPosition(m, first, i))) {
        continue;
      }
      if (c.anaphor == Anaphor::kSingular || c.anaphor == Anaphor::kPlural) {
        // An unrecognized name before the pronoun may be its antecedent
        // ("Tesco stated its intention"): leave it unresolved.
        if (UnknownNameBefore(m, first, i, owner)) continue;
      }
      if (c.anaphor == Anaphor::kNone && lower == "the") {
        if (!Description(m, i, end, all, all_begin, &c)) continue;
        // "the country" and "the ministry" as subjects only: after a verb
        // or preposition they are mostly places or other bodies ("advised
        // citizens to leave the country").
        if ((c.anaphor == Anaphor::kCountry || c.anaphor == Anaphor::kBody) &&
            !SubjectPosition(m, first, i)) {
          continue;
        }
      }
      if (c.anaphor == Anaphor::kNone) continue;
      c.start = tokens[i].start;
      c.stop = tokens[c.end - 1].end;
      c.sentence = sentence;
      c.source = Source::kPronoun;
      all.push_back(std::move(c));
      i = all.back().end - 1;
    }
  }
  // Names learned from the text: a surname or full name of a person named
  // with at least two words elsewhere in the document is that person
  // wherever it stands capitalized and unclaimed ("Putin said", which the
  // model cannot tell from any sentence-initial word).
  {
    std::unordered_map<std::string, int> known;  // word sequence -> words
    for (const Candidate& c : all) {
      if (c.type != "PERSON") continue;
      const std::vector<std::string> words = NameWords(c.name);
      if (words.size() < 2) continue;
      known.emplace(c.name, static_cast<int>(words.size()));
      if (IsNameCapitalized(words.back())) known.emplace(words.back(), 1);
    }
    if (!known.empty()) {
      std::vector<char> covered(tokens.size(), 0);
      std::vector<uint32_t> sentence_of(tokens.size(), 0);
      for (size_t s = 0; s < spans->size(); ++s) {
        for (size_t k = (*spans)[s].first_token;
             k < (*spans)[s].end_token && k < tokens.size(); ++k) {
          sentence_of[k] = static_cast<uint32_t>(s);
        }
      }
      for (const Candidate& c : all) {
        for (size_t k = c.first; k < c.end && k < tokens.size(); ++k) {
          covered[k] = 1;
        }
      }
      const size_t before = all.size();
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (covered[i] || !IsWordToken(m, i) || !IsNameCapitalized(m.Word(i))) {
          continue;
        }
        // The longest known name starting here (at most four words).
        size_t best = 0;
        std::string key;
        for (size_t j = i; j < tokens.size() && j - i < 4 && !covered[j]; ++j) {
          if (j > i) {
            if (!m.Joined(j)) break;
            key.push_back(' ');
          }
          key += m.Word(j);
          if (known.count(key) > 0) best = j - i + 1;
        }
        if (best == 0) continue;
        // Not part of a longer capitalized name ("Putin Street").
        const size_t after = i + best;
        if (after < tokens.size() && m.Joined(after) &&
            IsNameCapitalized(m.Word(after)) &&
            !IsCapitalizedFunctionWord(m.Word(after))) {
          continue;
        }
        Candidate c;
        c.first = i;
        c.end = after;
        c.start = tokens[i].start;
        c.stop = tokens[after - 1].end;
        c.sentence = sentence_of[i];
        c.source = Source::kNer;
        c.type = "PERSON";
        c.name = std::string(text.substr(c.start, c.stop - c.start));
        all.push_back(std::move(c));
        i = after - 1;
      }
      // Pronouns inside new mentions cannot happen (they are capitalized
      // words), so only the order needs restoring below.
      (void)before;
    }
  }
  CodeCollectives(m, *spans, &all);
  std::stable_sort(
      all.begin(), all.end(),
      [](const Candidate& a, const Candidate& b) { return a.start < b.start; });

  // 2. Grouping and coreference.
  // Surnames of the people named in full anywhere in the text: a lone
  // surname that is one of them is no spelling variant of another.
  std::unordered_set<std::string> full_surnames;
  for (const Candidate& c : all) {
    if (c.type != "PERSON") continue;
    const std::vector<std::string> words = NameWords(c.name);
    if (words.size() >= 2) full_surnames.insert(words.back());
  }
  struct Group {
    Entity entity;
    std::vector<std::string> words;  // Persons: the fullest name's words.
    uint32_t last_sentence = 0;
    bool dictionary = false;  // Coded from an actor dictionary.
    // Coded from the roster of officials only: the person.
    const RosterPerson* roster = nullptr;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> by_key;
  int last_person = -1;
  auto add_mention = [&](size_t g, const Candidate& c) {
    Mention mention;
    mention.start = c.start;
    mention.end = c.stop;
    mention.sentence = c.sentence;
    mention.text = ReplaceInvalidUtf8(text.substr(c.start, c.stop - c.start));
    groups[g].entity.mentions.push_back(std::move(mention));
    groups[g].last_sentence = c.sentence;
    Entity& e = groups[g].entity;
    if (c.dictionary && !groups[g].dictionary) {
      // A dictionary code is dated and deliberate: it wins over codes
      // composed from titles.
      groups[g].dictionary = true;
      groups[g].roster = nullptr;
      e.code = c.code;
      e.country = c.country;
      e.role = c.role;
    } else if (!c.code.empty() &&
               (e.code.empty() ||
                (groups[g].roster != nullptr && c.roster == nullptr &&
                 !c.country.empty()))) {
      // The roster's code is the default: a country the text gives
      // ("Turkish President X") wins over it.
      groups[g].roster = c.roster;
      e.code = c.code;
      e.country = c.country;
      e.role = c.role;
    } else if (e.code.empty() && e.country.empty() && !c.country.empty()) {
      e.country = c.country;
    }
    if (e.role.empty() && !c.role.empty() && e.code.empty()) e.role = c.role;
  };
  auto new_group = [&](const Candidate& c) {
    Group g;
    g.entity.name = c.name;
    g.entity.type = c.type;
    groups.push_back(std::move(g));
    return groups.size() - 1;
  };
  // Named mentions in text order, for the anaphors.
  struct Seen {
    size_t group;
    uint32_t sentence;
    bool people;  // A plural demonym ("Russians"): a people, for "they".
    bool lead;    // Within the first words of its sentence: a subject.
  };
  std::vector<Seen> seen;
  // A mention that opens its sentence, before any verb: only names,
  // titles, modifiers, punctuation and "the/of/to" precede it ("On Monday,
  // Russian Ambassador to Iran Alexei Dedov told …"). Approximates the
  // subject.
  auto lead = [&](const Candidate& c) {
    const size_t begin = (*spans)[c.sentence].first_token;
    if (c.first > begin + 10) return false;
    for (size_t k = begin; k < c.first; ++k) {
      if (!IsWordToken(m, k)) continue;
      const std::string_view w = m.Word(k);
      const std::string lw = Lower(w);
      if (IsNameCapitalized(w) || IsModifier(lw) || lw == "the" || lw == "of" ||
          lw == "to" || lw == "a" || lw == "an" ||
          !lexicon_.TitleRole(lw).empty()) {
        continue;
      }
      return false;
    }
    return true;
  };
  auto eligible = [&](const Candidate& a, const Seen& s) {
    const Entity& e = groups[s.group].entity;
    switch (a.anaphor) {
      case Anaphor::kSingular:
        return e.type == "ORG" || (e.type == "GPE" && !e.code.empty());
      case Anaphor::kPlural:
        // Peoples and bodies with plural names ("Houthis", "Armed
        // Forces"); "they" after a singular name is mostly about people.
        return s.people ||
               (e.type == "ORG" && e.name.size() > 1 && e.name.back() == 's');
      case Anaphor::kCountry:
        return e.type == "GPE" && e.code.size() == 3;
      case Anaphor::kBody:
        // An embassy or a legislature is one by name: "the Senate" is not
        // the House named before it.
        return e.type == "ORG" &&
               (((a.role.empty() || e.role == a.role) &&
                 !UniqueBodyHead(a.head)) ||
                AsciiLower(e.name).find(a.head) != std::string::npos);
      case Anaphor::kTitled:
        return e.type == "PERSON" &&
               (a.country.empty() || e.country == a.country) &&
               (e.role == a.role || (e.role.empty() && !a.country.empty()));
      default:
        return false;
    }
  };
  // The antecedent of an anaphor other than he/she: within the current and
  // two previous sentences (a description naming a country and a title,
  // "the Iranian president", anywhere before). A possessive ("its",
  // "their") takes the nearest actor mentioned before it in its sentence,
  // if that one agrees ("Russia in its war", "China and Russia for their
  // support": none); other pronouns, and possessives with no actor before
  // them in the sentence, the first agreeing mention of the nearest
  // sentence that has one (subjects come first); a description the last.
  auto antecedent = [&](const Candidate& a, bool possessive) -> int {
    const bool specific = a.anaphor == Anaphor::kTitled && !a.country.empty();
    const bool pronoun =
        a.anaphor == Anaphor::kSingular || a.anaphor == Anaphor::kPlural;
    int best = -1;
    uint32_t best_sentence = 0;
    for (size_t k = seen.size(); k-- > 0;) {
      const Seen& s = seen[k];
      if (!specific && s.sentence + 2 < a.sentence) break;
      if (best >= 0 && s.sentence != best_sentence) break;
      if (possessive && s.sentence == a.sentence) {
        const Entity& e = groups[s.group].entity;
        const bool actor = e.type == "PERSON" || e.type == "ORG" ||
                           (e.type == "GPE" && !e.code.empty()) || s.people;
        if (!actor) continue;
        return eligible(a, s) ? static_cast<int>(s.group) : -1;
      }
      if (!eligible(a, s)) continue;
      if (pronoun && !s.lead) continue;
      if (best < 0 || pronoun) {
        best = static_cast<int>(s.group);
        best_sentence = s.sentence;
      }
    }
    return best;
  };
  // A collective noun coded from its context joins the entity of the same
  // code, as CAMEO counts actors ("protesters" and "demonstrators" in a
  // Serbian story: one entity SRBOPP, named "Serbia protesters" after the
  // first).
  auto add_collective = [&](const Candidate& c) {
    const std::string key = "C:" + c.collective;
    auto it = by_key.find(key);
    size_t g;
    if (it == by_key.end()) {
      std::string country, role;
      SplitActorCode(c.collective, &country, &role);
      Candidate named = c;
      named.type = "ORG";
      // Named in the text with its state ("Iraqi government", "Canadian
      // Parliament"), it is a name; otherwise a group coded from context.
      const bool unnamed = named.name.empty();
      if (unnamed) {
        named.name =
            std::string(gazetteer_.CountryName(country)) + " " + c.head;
      }
      g = new_group(named);
      Entity& e = groups[g].entity;
      e.collective = unnamed;
      e.code = c.collective;
      e.country = country;
      e.role = role;
      by_key.emplace(key, g);
    } else {
      g = it->second;
    }
    Candidate plain = c;  // The code is the group's.
    plain.code.clear();
    plain.country.clear();
    plain.role.clear();
    add_mention(g, plain);
    seen.push_back({g, c.sentence, false, lead(c)});
  };
  // The coded organization, mentioned most recently (and in sentence
  // `since` or later), whose name of two words or more is headed by
  // `lower` ("parliament" for "Parliament of Iraq", "house" for "United
  // States House of Representatives"), or -1.
  auto body_named = [&](const std::string& lower, uint32_t since) -> int {
    int best = -1;
    for (size_t g = 0; g < groups.size(); ++g) {
      const Entity& e = groups[g].entity;
      if (e.type != "ORG" || e.code.empty() ||
          groups[g].last_sentence < since) {
        continue;
      }
      std::string name = AsciiLower(e.name);
      if (name.find(' ') == std::string::npos) continue;
      if (size_t of = name.find(" of "); of != std::string::npos) {
        name.resize(of);
      }
      const size_t space = name.rfind(' ');
      const std::string head =
          space == std::string::npos ? name : name.substr(space + 1);
      if (head != lower) continue;
      if (best < 0 || groups[g].last_sentence >= groups[best].last_sentence) {
        best = static_cast<int>(g);
      }
    }
    return best;
  };
  for (const Candidate& c : all) {
    if (c.source == Source::kPronoun && c.anaphor == Anaphor::kPerson) {
      if (last_person >= 0 &&
          c.sentence <= groups[last_person].last_sentence + 2) {
        // With no person earlier in its own sentence, "he" is the subject
        // of the sentence that last named one, if a person opens it
        // ("Dedov told X about President Raisi. He indicated …": Dedov),
        // else the last person named there.
        int g = last_person;
        uint32_t named_in = 0;
        bool found = false;
        for (size_t k = seen.size(); k-- > 0;) {
          const Seen& s = seen[k];
          if (groups[s.group].entity.type != "PERSON") continue;
          if (!found) {
            found = true;
            named_in = s.sentence;
            if (named_in == c.sentence) break;
          }
          if (s.sentence != named_in) break;
          if (s.lead) g = static_cast<int>(s.group);
        }
        // Pronouns do not move the window: a chain of "he" stays anchored
        // to the last named mention's sentence.
        const uint32_t keep = groups[g].last_sentence;
        add_mention(static_cast<size_t>(g), c);
        groups[g].last_sentence = keep;
        last_person = g;
      }
      continue;
    }
    if (c.source == Source::kPronoun) {
      const std::string word =
          AsciiLower(text.substr(c.start, c.stop - c.start));
      const int g = antecedent(c, word == "its" || word == "their");
      if (g < 0 && !c.collective.empty()) {
        add_collective(c);  // "the government" of the focus state.
        continue;
      }
      if (g >= 0) {
        Candidate plain = c;    // The description's country and role are
        plain.country.clear();  // only for choosing the antecedent.
        plain.role.clear();
        // Only a description re-anchors the window, as a name does.
        const uint32_t keep = groups[g].last_sentence;
        add_mention(static_cast<size_t>(g), plain);
        if (c.anaphor == Anaphor::kTitled) {
          last_person = g;
          seen.push_back({static_cast<size_t>(g), c.sentence, false, lead(c)});
        } else {
          groups[g].last_sentence = keep;
        }
      }
      continue;
    }
    if (c.type == "PERSON") {
      const std::vector<std::string> words = NameWords(c.name);
      int match = -1;
      for (int g = static_cast<int>(groups.size()) - 1; g >= 0 && match < 0;
           --g) {
        if (groups[g].entity.type != "PERSON") continue;
        const auto& gw = groups[g].words;
        if (gw.empty() || words.empty() || gw.back() != words.back()) continue;
        auto contains = [](const std::vector<std::string>& big,
                           const std::vector<std::string>& small) {
          return std::all_of(
              small.begin(), small.end(), [&](const std::string& w) {
                return std::find(big.begin(), big.end(), w) != big.end();
              });
        };
        if (contains(gw, words) || contains(words, gw)) match = g;
      }
      // A lone surname spelled with another vowel is the same person, if
      // one person only has such a name ("Yahya Sarea ... Saree said").
      if (match < 0 && words.size() == 1 && !full_surnames.count(words[0])) {
        for (int g = 0; g < static_cast<int>(groups.size()); ++g) {
          const auto& gw = groups[g].words;
          if (groups[g].entity.type != "PERSON" || gw.size() < 2 ||
              !VowelVariant(gw.back(), words[0])) {
            continue;
          }
          if (match >= 0) {
            match = -1;
            break;
          }
          match = g;
        }
      }
      size_t g;
      if (match >= 0) {
        g = static_cast<size_t>(match);
        if (words.size() > groups[g].words.size()) {
          groups[g].words = words;
          groups[g].entity.name = c.name;
        }
      } else {
        g = new_group(c);
        groups[g].words = words;
      }
      add_mention(g, c);
      seen.push_back({g, c.sentence, false, lead(c)});
      last_person = static_cast<int>(g);
      continue;
    }
    if (c.source == Source::kCollective && c.anaphor == Anaphor::kBody) {
      // "the parliament": the body of that name mentioned in the last two
      // sentences ("Parliament of Iraq"), or anywhere before when
      // capitalized ("the Parliament"), else the collective.
      const bool named = IsNameCapitalized(m.Word(c.first)) &&
                         c.first > (*spans)[c.sentence].first_token;
      const int g =
          body_named(c.head, named || c.sentence < 2 ? 0 : c.sentence - 2);
      if (g >= 0) {
        add_mention(static_cast<size_t>(g), c);
        seen.push_back({static_cast<size_t>(g), c.sentence, false, lead(c)});
        continue;
      }
    }
    if (c.source == Source::kCollective ||
        (c.key.starts_with("B:") && !c.collective.empty())) {
      // Also "Hong Kong protesters" (StateBodies).
      if (!c.collective.empty()) add_collective(c);
      continue;
    }
    if (c.type == "ORG" && c.code.empty() && c.end == c.first + 1) {
      // "Parliament", "House": the named body whose name it heads, else
      // the focus state's.
      const int g = body_named(AsciiLower(c.name), 0);
      if (g >= 0) {
        add_mention(static_cast<size_t>(g), c);
        seen.push_back({static_cast<size_t>(g), c.sentence, false, lead(c)});
        continue;
      }
      if (!c.collective.empty()) {
        Candidate coded = c;
        coded.head = AsciiLower(c.name);
        // "Iraq parliament", not any "Parliament".
        if (coded.name.find(' ') == std::string::npos) coded.name.clear();
        add_collective(coded);
        continue;
      }
    }
    std::string key = c.key;
    if (key.empty()) key = "N:" + c.type + ":" + c.name;
    auto it = by_key.find(key);
    if (it == by_key.end() && c.type == "ORG" && c.source == Source::kNer) {
      // Acronyms and full names of the same organization.
      for (size_t g = 0; g < groups.size() && it == by_key.end(); ++g) {
        const Entity& e = groups[g].entity;
        if (e.type != "ORG") continue;
        const bool match = (IsAcronym(c.name) && Initials(e.name) == c.name) ||
                           (IsAcronym(e.name) && Initials(c.name) == e.name);
        if (match) {
          if (IsAcronym(e.name)) groups[g].entity.name = c.name;
          it = by_key.emplace(key, g).first;
        }
      }
    }
    size_t g;
    if (it == by_key.end()) {
      g = new_group(c);
      by_key.emplace(key, g);
    } else {
      g = it->second;
    }
    add_mention(g, c);
    const std::string_view surface = text.substr(c.start, c.stop - c.start);
    const bool people = c.type == "GPE" && surface != c.name &&
                        surface.size() > 1 && surface.back() == 's';
    seen.push_back({g, c.sentence, people, lead(c)});
  }

  std::vector<Entity> out;
  out.reserve(groups.size());
  for (Group& g : groups) {
    // A roster code reached through a short form or surname belongs to the
    // roster's person only: "Albanese" after "Francesca Albanese" is not
    // Anthony Albanese.
    if (g.roster != nullptr && !g.roster->Fits(g.entity.name)) {
      g.entity.code.clear();
      g.entity.country.clear();
      g.entity.role.clear();
    }
    g.entity.id = "E" + std::to_string(out.size() + 1);
    out.push_back(std::move(g.entity));
  }
  return out;
}

std::string DefaultModelsDir() {
  if (const char* env = std::getenv("ENTENTE_MODELS"); env && *env) {
    return env;
  }
  return std::string(ENTENTE_SOURCE_DIR) + "/models";
}

}  // namespace

StatusOr<std::unique_ptr<const EntityRecognizer>> EntityRecognizer::Create() {
  return Create(EntityOptions());
}

StatusOr<std::unique_ptr<const EntityRecognizer>> EntityRecognizer::Create(
    const EntityOptions& options) {
  StatusOr<Gazetteer> gazetteer = Gazetteer::BuiltIn();
  if (!gazetteer.ok()) return gazetteer.status();
  if (gazetteer->CountryName("USA").empty()) {
    return DataLossError("built-in gazetteer has no entry for USA");
  }
  if (options.gazetteer_only) {
    return NewCountryRecognizer(std::move(gazetteer).value());
  }
  StatusOr<ActorLexicon> lexicon = ActorLexicon::BuiltIn();
  if (!lexicon.ok()) return lexicon.status();
  const std::string dir =
      options.models_dir.empty() ? DefaultModelsDir() : options.models_dir;
  StatusOr<NerModel> ner = NerModel::Load(dir + "/ner.bin");
  if (!ner.ok()) return ner.status();
  ActorDictionary dictionary;
  for (const std::string& path : options.actor_files) {
    StatusOr<ActorDictionary> file = ActorDictionary::Load(path);
    if (!file.ok()) return file.status();
    dictionary.Merge(*file);
  }
  Roster roster;
  if (options.officials) {
    StatusOr<Roster> built_in = Roster::BuiltIn();
    if (!built_in.ok()) return built_in.status();
    roster = std::move(built_in).value();
  }
  return std::unique_ptr<const EntityRecognizer>(new ActorRecognizer(
      std::move(gazetteer).value(), std::move(lexicon).value(),
      std::move(ner).value(), std::move(dictionary), std::move(roster)));
}

}  // namespace entente
