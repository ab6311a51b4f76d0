// Quotations, speakers and reported claims, by hand-written rules over a
// light word scan of the text (no std::regex; one pass per document).
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entente/attribution.h"

namespace entente {
namespace {

enum class Kind : uint8_t { kWord, kPunct, kQuote };
enum class Mark : uint8_t { kNone, kStraight, kOpen, kClose };

struct Word {
  uint32_t start = 0;
  uint32_t end = 0;
  Kind kind = Kind::kPunct;
  Mark mark = Mark::kNone;
  bool capital = false;         // Starts with an upper-case ASCII letter.
  bool newline_before = false;  // A line break separates it from the previous.
  std::string lower;
};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// Length of the UTF-8 sequence starting at text[i] if it is one of the
// punctuation characters we treat specially, else 0.
size_t SpecialLength(std::string_view text, size_t i, Mark* mark,
                     bool* is_punct) {
  *mark = Mark::kNone;
  *is_punct = false;
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      static_cast<unsigned char>(text[i + 1]) == 0x80) {
    const unsigned char c = static_cast<unsigned char>(text[i + 2]);
    if (c == 0x9C) *mark = Mark::kOpen;   // “
    if (c == 0x9D) *mark = Mark::kClose;  // ”
    // ‘ ’ – — … are punctuation too; ’ inside a word is an apostrophe and
    // handled by the caller.
    if (c == 0x9C || c == 0x9D || c == 0x98 || c == 0x99 || c == 0x93 ||
        c == 0x94 || c == 0xA6) {
      *is_punct = true;
      return 3;
    }
  }
  return 0;
}

// Words (letters, digits and non-ASCII letters, with inner hyphens,
// apostrophes and periods: "President-elect", "O'Neill", "U.S."), quote
// marks and other punctuation.
std::vector<Word> Lex(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 5);
  size_t i = 0;
  bool newline = false;
  const size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (c == '\n') newline = true;
      ++i;
      continue;
    }
    Word w;
    w.start = static_cast<uint32_t>(i);
    w.newline_before = newline;
    newline = false;
    Mark mark;
    bool special_punct;
    size_t special = SpecialLength(text, i, &mark, &special_punct);
    if (c == '"') {
      w.kind = Kind::kQuote;
      w.mark = Mark::kStraight;
      w.lower = "\"";
      ++i;
    } else if (special > 0) {
      w.kind = mark == Mark::kNone ? Kind::kPunct : Kind::kQuote;
      w.mark = mark;
      w.lower.assign(text.substr(i, special));
      i += special;
    } else if (IsAlnum(c)) {
      w.kind = Kind::kWord;
      w.capital = c >= 'A' && c <= 'Z';
      while (i < n) {
        if (IsAlnum(text[i])) {
          Mark m2;
          bool p2;
          if (SpecialLength(text, i, &m2, &p2) > 0) {
            // ’ between letters is an apostrophe ("Russia’s").
            if (text.substr(i, 3) == "\xE2\x80\x99" && i + 3 < n &&
                IsAlnum(text[i + 3]) &&
                SpecialLength(text, i + 3, &m2, &p2) == 0) {
              w.lower += '\'';
              i += 3;
              continue;
            }
            break;
          }
          w.lower.push_back(Lower(text[i++]));
        } else if ((text[i] == '-' || text[i] == '\'' || text[i] == '.') &&
                   i + 1 < n && IsAlnum(text[i + 1]) &&
                   static_cast<unsigned char>(text[i + 1]) < 0x80) {
          w.lower.push_back(text[i++]);
        } else {
          break;
        }
      }
    } else {
      w.kind = Kind::kPunct;
      w.lower.assign(1, c);
      ++i;
    }
    w.end = static_cast<uint32_t>(i);
    words.push_back(std::move(w));
  }
  return words;
}

bool In(std::string_view s, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (s == x) return true;
  }
  return false;
}

// Reporting verbs. The cue written in the output is the verb as in the text.
bool IsCueVerb(std::string_view w) {
  return In(w, {"said",       "says",       "say",           "told",
                "tells",      "wrote",      "writes",        "added",
                "adds",       "noted",      "notes",         "stated",
                "states",     "described",  "describes",     "explained",
                "argued",     "claimed",    "claims",        "insisted",
                "warned",     "announced",  "declared",      "asked",
                "replied",    "continued",  "stressed",      "emphasized",
                "emphasised", "indicated",  "suggested",     "commented",
                "remarked",   "reported",   "reports",       "tweeted",
                "posted",     "concluded",  "acknowledged",  "admitted",
                "confirmed",  "denied",     "urged",         "recalled",
                "predicted",  "promised",   "vowed",         "pledged",
                "called",     "labeled",    "labelled",      "dubbed",
                "termed",     "branded",    "responded",     "answered",
                "observed",   "maintained", "asserted",      "alleged",
                "blamed",     "accused",    "mentioned",     "revealed",
                "saying",     "telling",    "writing",       "adding",
                "noting",     "stating",    "calling",       "describing",
                "claiming",   "warning",    "arguing",       "insisting",
                "declaring",  "urging",     "characterized", "characterised",
                "cited"});
}

// Participles that open a clause belonging to the sentence's subject
// ("…, calling it “…”").
bool IsParticipleCue(std::string_view w) {
  return In(w, {"saying", "writing", "telling", "adding", "noting", "stating",
                "calling", "describing", "claiming", "warning", "arguing",
                "insisting", "declaring", "urging"});
}

// Verbs whose object, not subject, is the quoted phrase in the passive:
// "labeled the “axis of evil” by X".
bool IsNamingVerb(std::string_view w) {
  return In(w, {"labeled", "labelled", "dubbed", "called", "described",
                "termed", "branded"});
}

bool IsPronoun(std::string_view w) {
  return In(w, {"he", "she", "it", "they", "we", "i", "you"});
}

// Words that may stand between a subject and its cue ("he also said").
bool IsAdverb(std::string_view w) {
  return In(
      w, {"also",  "later", "then",     "previously", "further",    "recently",
          "once",  "had",   "has",      "have",       "reportedly", "earlier",
          "again", "first", "publicly", "repeatedly", "would",      "will",
          "has",   "had",   "did"});
}

// Title words before a name: "President", "Defense Secretary". The name is
// what follows the last of them.
bool IsTitleWord(std::string_view w) {
  return In(w, {"president",    "president-elect",
                "vice",         "prime",
                "minister",     "secretary",
                "ambassador",   "general",
                "gen.",         "lt.",
                "col.",         "colonel",
                "major",        "captain",
                "admiral",      "commander",
                "mr.",          "mrs.",
                "ms.",          "dr.",
                "mr",           "mrs",
                "ms",           "dr",
                "sen.",         "senator",
                "rep.",         "representative",
                "governor",     "gov.",
                "mayor",        "chancellor",
                "king",         "queen",
                "prince",       "princess",
                "pope",         "sheikh",
                "spokesman",    "spokeswoman",
                "spokesperson", "chairman",
                "chairwoman",   "chair",
                "director",     "chief",
                "judge",        "justice",
                "foreign",      "defense",
                "defence",      "interior",
                "finance",      "deputy",
                "former",       "state",
                "speaker",      "leader",
                "supreme",      "ayatollah",
                "emperor",      "professor",
                "prof.",        "lord",
                "sir",          "dame",
                "saint",        "st.",
                "premier",      "envoy",
                "official",     "expert",
                "analyst",      "executive",
                "ceo",          "head",
                "deceased",     "late",
                "new",          "acting",
                "national",     "security",
                "adviser",      "advisor",
                "affairs",      "fellow",
                "research",     "the"});
}

// Words marking an organization rather than a person in a name.
bool IsOrgWord(std::string_view w) {
  return In(
      w,
      {"ministry",  "agency",      "council",    "times",        "news",
       "party",     "government",  "committee",  "organization", "organisation",
       "union",     "court",       "army",       "forces",       "university",
       "institute", "department",  "office",     "inc",          "corp",
       "company",   "group",       "press",      "post",         "journal",
       "tass",      "reuters",     "kcna",       "xinhua",       "bbc",
       "cnn",       "association", "police",     "commission",   "parliament",
       "congress",  "senate",      "house",      "bank",         "fund",
       "network",   "service",     "guardian",   "telegraph",    "herald",
       "tribune",   "daily",       "novosti",    "ria",          "kremlin",
       "pentagon",  "white",       "command",    "navy",         "bureau",
       "center",    "centre",      "foundation", "board",        "authority"});
}

bool IsConnector(std::string_view w) {
  return In(w,
            {"of", "to", "for", "de", "al", "bin", "van", "von", "la", "and"});
}

struct Span {
  size_t first = 0;  // Word range [first, last).
  size_t last = 0;
  bool empty() const { return first >= last; }
};

struct Speaker {
  Span span;
  std::string name;
  bool pronoun = false;
  std::string pronoun_word;
};

class Analyzer {
 public:
  Analyzer(std::string_view text, const std::vector<Sentence>& sentences,
           const std::vector<Entity>& entities)
      : text_(text), entities_(entities), words_(Lex(text)) {
    BuildMentionIndex();
    BuildSentences(sentences);
    BuildPersons();
    BuildSurnameIndex();
    BuildSubjects();
    for (const Span& s : subject_person_) {
      if (!s.empty()) persons_.push_back(s);
    }
    std::sort(persons_.begin(), persons_.end(),
              [](const Span& a, const Span& b) { return a.first < b.first; });
  }

  std::vector<Quote> Quotes();
  std::vector<Attribution> Attributions();

 private:
  // --- text access ---------------------------------------------------------
  bool Is(size_t i, std::string_view lower) const {
    return i < words_.size() && words_[i].lower == lower;
  }
  bool IsWord(size_t i) const {
    return i < words_.size() && words_[i].kind == Kind::kWord;
  }
  bool IsCap(size_t i) const { return IsWord(i) && words_[i].capital; }
  std::string SpanText(Span s) const {
    if (s.empty()) return "";
    return std::string(text_.substr(
        words_[s.first].start, words_[s.last - 1].end - words_[s.first].start));
  }

  // Per word, the sentence it belongs to; sentences map to word ranges.
  void BuildSentences(const std::vector<Sentence>& sentences) {
    sentence_of_.assign(words_.size(), 0);
    if (sentences.empty()) {
      // One sentence per paragraph (line).
      uint32_t s = 0;
      for (size_t i = 0; i < words_.size(); ++i) {
        if (i > 0 && words_[i].newline_before) ++s;
        sentence_of_[i] = s;
      }
    } else {
      size_t s = 0;
      for (size_t i = 0; i < words_.size(); ++i) {
        while (s + 1 < sentences.size() &&
               words_[i].start >= sentences[s + 1].start) {
          ++s;
        }
        sentence_of_[i] = static_cast<uint32_t>(s);
      }
    }
    const uint32_t count = words_.empty() ? 0 : sentence_of_.back() + 1;
    sentence_first_.assign(count + 1, words_.size());
    for (size_t i = words_.size(); i-- > 0;) {
      sentence_first_[sentence_of_[i]] = i;
    }
    // Sentences without words keep the next one's start.
    for (size_t s = count; s-- > 0;) {
      if (sentence_first_[s] > sentence_first_[s + 1]) {
        sentence_first_[s] = sentence_first_[s + 1];
      }
    }
  }
  size_t SentenceStart(size_t i) const {
    return sentence_first_[sentence_of_[i]];
  }
  size_t SentenceEnd(size_t i) const {
    return sentence_first_[sentence_of_[i] + 1];
  }

  // --- entities --------------------------------------------------------------
  // The entity with a mention overlapping [start, end), preferring the one
  // that covers most of it.
  // The entity whose mention overlaps [start, end) most (the first in
  // entity and mention order on a tie), or nullptr. Mentions are indexed by
  // start, so a lookup costs the mentions near the span, not all of them:
  // a long document has tens of thousands and asks for every name.
  const Entity* EntityAt(uint32_t start, uint32_t end) const {
    const Entity* best = nullptr;
    uint32_t best_overlap = 0;
    size_t best_order = SIZE_MAX;
    const uint32_t from =
        start > longest_mention_ ? start - longest_mention_ : 0;
    auto it = std::lower_bound(
        mentions_.begin(), mentions_.end(), from,
        [](const IndexedMention& m, uint32_t v) { return m.start < v; });
    for (; it != mentions_.end() && it->start < end; ++it) {
      const uint32_t lo = std::max(start, it->start);
      const uint32_t hi = std::min(end, it->end);
      if (hi <= lo) continue;
      if (hi - lo > best_overlap ||
          (hi - lo == best_overlap && it->order < best_order)) {
        best = it->entity;
        best_overlap = hi - lo;
        best_order = it->order;
      }
    }
    return best;
  }
  void BuildMentionIndex() {
    size_t order = 0;
    for (const Entity& e : entities_) {
      for (const Mention& m : e.mentions) {
        mentions_.push_back({m.start, m.end, order++, &e});
        if (m.end > m.start) {
          longest_mention_ = std::max(longest_mention_, m.end - m.start);
        }
      }
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const IndexedMention& a, const IndexedMention& b) {
                return a.start < b.start;
              });
  }
  bool IsPlaceEntity(size_t i) const {
    const Entity* e = EntityAt(words_[i].start, words_[i].end);
    return e && (e->type == "GPE" || e->type == "LOC");
  }

  // --- noun phrases ----------------------------------------------------------
  // A run of capitalized words (with inner connectors "of", "to"…) at i.
  Span CapRunAt(size_t i) const {
    if (!IsCap(i) || IsPronounWord(i)) return {i, i};
    size_t j = i + 1;
    while (j < words_.size() && sentence_of_[j] == sentence_of_[i]) {
      if (IsCap(j)) {
        ++j;
      } else if (Is(j, ".") && words_[j - 1].lower.size() == 1 &&
                 IsCap(j + 1)) {
        ++j;  // An initial: "John G. Roberts".
      } else if (IsWord(j) && IsConnector(words_[j].lower) && IsCap(j + 1)) {
        j += 2;
      } else {
        break;
      }
    }
    return {i, j};
  }
  bool IsPronounWord(size_t i) const {
    return IsWord(i) && IsPronoun(words_[i].lower);
  }

  // The person or organization name inside a capitalized run: the words
  // after the last title word, connector or place ("Iranian President-elect
  // Masoud Pezeshkian" → "Masoud Pezeshkian", "Russian Ambassador to Iran
  // Alexei Dedov" → "Alexei Dedov"). An organization name is kept whole.
  Span NameInRun(Span run) const {
    if (run.empty()) return run;
    // "Tehran Times", "the Foreign Ministry": an organization ends in an
    // organization word and is kept whole.
    if (IsOrgWord(words_[run.last - 1].lower)) return StripLeadingThe(run);
    size_t first = run.first;
    bool after_connector = false;
    for (size_t k = run.first; k + 1 < run.last; ++k) {
      const std::string& w = words_[k].lower;
      const bool connector = k > run.first && IsConnector(w);
      if (connector) after_connector = true;
      if (connector && k + 3 <= run.last - 1) {
        // "Ambassador to Iran Alexei Dedov": the title's object goes too.
        first = k + 2;
        ++k;
      } else if (IsTitleWord(w) || connector || IsPlaceEntity(k) ||
                 IsNationality(w)) {
        first = k + 1;
      }
    }
    // "Director of National Intelligence John Ratcliffe": what follows a
    // title's complement is the name; keep its last two words.
    if (after_connector && run.last - first > 2) first = run.last - 2;
    return {first, run.last};
  }
  Span StripLeadingThe(Span s) const {
    if (!s.empty() && Is(s.first, "the") && s.last - s.first > 1) ++s.first;
    return s;
  }
  static bool IsNationality(const std::string& w) {
    // "Iranian", "Russian", "Chinese", "Israeli", "British": a demonym
    // before a title is not part of the name.
    auto ends = [&](std::string_view suffix) {
      return w.size() > suffix.size() + 2 &&
             w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("ian") || ends("ese") || ends("ish") || ends("eli") ||
           ends("ani") || ends("can");
  }

  // The subject of a cue at `cue`, read backwards: "he", "KCNA", "the
  // ministry", "Russian Ambassador to Iran Alexei Dedov".
  std::optional<Speaker> SubjectBefore(size_t cue) const {
    if (cue == 0) return std::nullopt;
    size_t k = cue;
    // Skip adverbs and auxiliaries ("he also said", "has said").
    while (k > 0 && IsWord(k - 1) && !words_[k - 1].capital &&
           IsAdverb(words_[k - 1].lower) &&
           sentence_of_[k - 1] == sentence_of_[cue]) {
      --k;
    }
    if (k == 0 || sentence_of_[k - 1] != sentence_of_[cue]) {
      return std::nullopt;
    }
    const size_t end = k;
    size_t i = k - 1;
    // "Sophie Obadia, another lawyer for the victim, told": the subject is
    // before the appositive.
    if (Is(i, ",")) {
      for (size_t c = i; c-- > 0 && c + 10 > i;) {
        if (sentence_of_[c] != sentence_of_[cue]) break;
        if (Is(c, ",")) return SubjectBefore(c);
      }
      return std::nullopt;
    }
    if (IsWord(i) && IsPronoun(words_[i].lower)) {
      Speaker s;
      s.span = {i, i + 1};
      s.pronoun = true;
      s.pronoun_word = words_[i].lower;
      return s;
    }
    if (IsCap(i)) {
      // Walk back over the capitalized run (with connectors).
      size_t first = i;
      while (first > 0 && sentence_of_[first - 1] == sentence_of_[cue]) {
        if (IsCap(first - 1)) {
          --first;
        } else if (first >= 2 && IsWord(first - 1) &&
                   IsConnector(words_[first - 1].lower) && IsCap(first - 2)) {
          first -= 2;
        } else {
          break;
        }
      }
      Span name = PersonBeforeOf(NameInRun({first, end}));
      if (name.empty()) return std::nullopt;
      Speaker s;
      s.span = name;
      s.name = SpanText(name);
      return s;
    }
    // "…, officials said": a bare plural noun right after a comma.
    if (IsWord(i) && i > 0 && Is(i - 1, ",") && words_[i].lower.size() > 3 &&
        words_[i].lower.back() == 's') {
      Speaker sp;
      sp.span = {i, end};
      sp.name = SpanText(sp.span);
      return sp;
    }
    // "the ministry said", "a spokesman said": a short common-noun phrase
    // after a determiner.
    for (size_t back = 1; back <= 4 && back <= i; ++back) {
      const size_t d = i - back;
      if (sentence_of_[d] != sentence_of_[cue] || !IsWord(d)) break;
      if (In(words_[d].lower, {"the", "a", "an"})) {
        Span s{d, end};
        Speaker sp;
        sp.span = s;
        sp.name = SpanText(s);
        return sp;
      }
    }
    return std::nullopt;
  }

  // The subject after a cue ("said KCNA", "said the ministry", "by defense
  // expert Mykhailo Samus").
  std::optional<Speaker> SubjectAfter(size_t i) const {
    if (i >= words_.size()) return std::nullopt;
    if (IsPronounWord(i)) {
      Speaker s;
      s.span = {i, i + 1};
      s.pronoun = true;
      s.pronoun_word = words_[i].lower;
      return s;
    }
    size_t k = i;
    // Lower-case modifiers before a name: "defense expert Mykhailo Samus",
    // "the spokesman".
    size_t skipped = 0;
    while (IsWord(k) && !words_[k].capital && skipped < 4 &&
           sentence_of_[k] == sentence_of_[i] && !IsCueVerb(words_[k].lower)) {
      ++k;
      ++skipped;
      if (IsCap(k)) break;
    }
    if (IsCap(k)) {
      Span name = NameInRun(CapRunAt(k));
      if (name.empty()) return std::nullopt;
      // "said President Hassan Rouhani of Iran": the run ends in the place.
      if (IsPlaceEntity(name.first) && name.first >= 2 &&
          Is(name.first - 1, "of")) {
        name = PersonBeforeOf(name);
      }
      // "said UCL astronomer Angelos Tsiaras": the run is the person's
      // employer; the person follows a lower-case role noun.
      name = PersonAfterRole(name);
      Speaker s;
      s.span = name;
      s.name = SpanText(name);
      return s;
    }
    if (In(words_[i].lower, {"the", "a", "an"}) && k > i + 1) {
      Span s{i, k};
      Speaker sp;
      sp.span = s;
      sp.name = SpanText(s);
      return sp;
    }
    return std::nullopt;
  }

  // --- persons for pronouns
  // ---------------------------------------------------
  bool LooksLikePerson(Span name) const {
    if (name.empty() || name.last - name.first > 4) return false;
    // A possessive ("Ukraine’s battle") is not the subject itself.
    const std::string& tail = words_[name.last - 1].lower;
    if (tail.size() > 2 && tail.compare(tail.size() - 2, 2, "'s") == 0) {
      return false;
    }
    for (size_t k = name.first; k < name.last; ++k) {
      if (IsOrgWord(words_[k].lower)) return false;
      if (!words_[k].capital && !IsConnector(words_[k].lower)) return false;
    }
    const Entity* e =
        EntityAt(words_[name.first].start, words_[name.last - 1].end);
    if (e && e->type != "PERSON") return false;
    // Sentence-initial function words are capitalized too.
    if (In(words_[name.first].lower,
           {"january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday"})) {
      return false;
    }
    if (In(words_[name.first].lower,
           {"the",   "this",  "that", "these", "those", "in",     "on",
            "at",    "but",   "and",  "as",    "after", "before", "when",
            "while", "a",     "an",   "there", "here",  "his",    "her",
            "its",   "their", "our",  "my"})) {
      return false;
    }
    return true;
  }

  // For every sentence, the person that is its subject (the capitalized
  // run that opens it, after an introductory phrase ending in a comma), if
  // any. Pronoun subjects keep the previous person, which is what makes
  // "He stated …" chains work.
  void BuildSubjects() {
    const size_t count =
        sentence_first_.empty() ? 0 : sentence_first_.size() - 1;
    subject_person_.assign(count, Span{0, 0});
    for (size_t s = 0; s < count; ++s) {
      size_t i = sentence_first_[s];
      const size_t end = sentence_first_[s + 1];
      // Skip an opening phrase up to its comma ("On Tuesday, X said").
      for (size_t k = i; k < end && k < i + 8; ++k) {
        if (Is(k, ",")) {
          if (!IsCap(i) || In(words_[i].lower, {"on", "in", "at", "after",
                                                "before", "during", "last"})) {
            i = k + 1;
          }
          break;
        }
      }
      while (i < end && words_[i].kind == Kind::kQuote) ++i;
      if (i >= end || !IsCap(i)) continue;
      Span run = CapRunAt(i);
      // The verb after the subject must be lower case ("Dedov noted").
      if (run.last >= end || !IsWord(run.last) || words_[run.last].capital) {
        continue;
      }
      Span name = NameInRun(run);
      if (LooksLikePerson(name) &&
          (name.last - name.first > 1 || IsKnownSurname(name.first))) {
        subject_person_[s] = name;
      }
    }
  }

  // A one-word sentence subject is a person only if the word is the last
  // word of a longer person name in the text ("Pezeshkian" after "Masoud
  // Pezeshkian") or capitalized inside a sentence too: "Lawmakers" opening a
  // sentence is not a name.
  bool IsKnownSurname(size_t i) const {
    const std::string& w = words_[i].lower;
    if (person_surnames_.count(w)) return true;
    auto it = capitalized_inside_.find(w);
    const int elsewhere = (it == capitalized_inside_.end() ? 0 : it->second) -
                          (IsCapitalizedInside(i) ? 1 : 0);
    return elsewhere > 0;
  }
  bool IsCapitalizedInside(size_t k) const {
    return k > 0 && words_[k].capital && IsWord(k - 1) &&
           sentence_of_[k - 1] == sentence_of_[k];
  }
  // What IsKnownSurname looks up, computed once: asking the whole text
  // for every sentence is quadratic on long documents.
  void BuildSurnameIndex() {
    for (const Span& p : persons_) {
      if (p.last - p.first >= 2)
        person_surnames_.insert(words_[p.last - 1].lower);
    }
    for (size_t k = 1; k < words_.size(); ++k) {
      if (IsCapitalizedInside(k)) ++capitalized_inside_[words_[k].lower];
    }
  }

  // Expands a surname to the full name given earlier ("Pezeshkian" →
  // "Masoud Pezeshkian"), searching person names seen before word `before`.
  std::string FullName(Span name, size_t before) const {
    std::string text = SpanText(name);
    if (name.last - name.first != 1) return text;
    const std::string& surname = words_[name.first].lower;
    std::string best = text;
    for (const Span& s : persons_) {
      if (s.first >= before || s.last - s.first < 2) continue;
      if (words_[s.last - 1].lower == surname) best = SpanText(s);
    }
    return best;
  }

  // The most recent person before word `i`: a sentence subject, or a person
  // who spoke in an earlier quote. Returns an empty span when none.
  Span PersonBefore(size_t i) const {
    Span best{0, 0};
    const uint32_t s_here = sentence_of_[i];
    for (uint32_t s = 0; s <= s_here && s < subject_person_.size(); ++s) {
      const Span& p = subject_person_[s];
      if (!p.empty() && p.first < i) best = p;
    }
    for (const Span& p : speaker_persons_) {
      if (p.first < i && p.first >= best.first) best = p;
    }
    return best;
  }

  // True when the cue at c ends a reporting clause rather than opening a
  // new statement: "… Macron told the world on Thursday." but not "Marcus
  // said questions remain …". After the cue comes the sentence's end, a
  // time or place phrase, or (for "told") the addressee.
  bool EndsReportingClause(size_t c) const {
    if (c + 1 >= words_.size() || sentence_of_[c + 1] != sentence_of_[c]) {
      return true;
    }
    const std::string& next = words_[c + 1].lower;
    if (In(next,
           {".", ",", ";", "on", "in", "at", "via", "during", "after", "before",
            "from", "with", "yesterday", "today", "later", "earlier"})) {
      return true;
    }
    return In(words_[c].lower, {"told", "tells"}) && next != "that";
  }

  // The entity the entity stage resolved the pronoun at word i to, if it
  // agrees (he/she/him/her: a person; it/they: an organization or state).
  const Entity* CorefEntity(size_t i) const {
    for (const Entity& e : entities_) {
      for (const Mention& m : e.mentions) {
        if (m.start != words_[i].start || m.end != words_[i].end) continue;
        const bool person = In(words_[i].lower, {"he", "she", "him", "her"});
        if (person == (e.type == "PERSON")) return &e;
      }
    }
    return nullptr;
  }

  // "him"/"her"/"them" at i as a pronoun speaker ("according to him").
  std::optional<Speaker> ObjectPronounAt(size_t i) const {
    if (!IsWord(i) || !In(words_[i].lower, {"him", "her", "them"})) {
      return std::nullopt;
    }
    Speaker s;
    s.span = {i, i + 1};
    s.pronoun = true;
    s.pronoun_word = words_[i].lower == "them"  ? "they"
                     : words_[i].lower == "him" ? "he"
                                                : "she";
    return s;
  }

  // The words a mention covers, or an empty span.
  Span WordsOf(const Mention& m) const {
    Span s{0, 0};
    for (size_t k = 0; k < words_.size() && words_[k].start < m.end; ++k) {
      if (words_[k].start >= m.start && words_[k].end <= m.end) {
        if (s.empty()) s.first = k;
        s.last = k + 1;
      }
    }
    return s;
  }

  // The person named right after `name` and one or two lower-case role
  // words ("UCL astronomer Angelos Tsiaras"), or `name` itself.
  Span PersonAfterRole(Span name) const {
    size_t k = name.last;
    for (int roles = 0;
         roles < 2 && IsWord(k) && !words_[k].capital &&
         !IsCueVerb(words_[k].lower) && !IsConnector(words_[k].lower) &&
         !In(words_[k].lower, {"the", "a", "an", "that"});
         ++roles) {
      ++k;
    }
    if (k == name.last || !IsCap(k)) return name;
    const Entity* e = EntityAt(words_[k].start, words_[k].end);
    if (e == nullptr || e->type != "PERSON") return name;
    for (const Mention& m : e->mentions) {
      if (m.start == words_[k].start) {
        const Span person = WordsOf(m);
        if (!person.empty()) return person;
      }
    }
    return name;
  }

  // "President Hassan Rouhani of Iran said": a subject read as the place
  // after "of" is the person named before it.
  Span PersonBeforeOf(Span name) const {
    if (name.empty() || name.first < 2 || !Is(name.first - 1, "of") ||
        !IsPlaceEntity(name.first)) {
      return name;
    }
    const uint32_t end = words_[name.first - 2].end;
    for (const Entity& e : entities_) {
      if (e.type != "PERSON") continue;
      for (const Mention& m : e.mentions) {
        if (m.end == end && m.end - m.start > 3) {
          const Span person = WordsOf(m);
          if (!person.empty()) return person;
        }
      }
    }
    return name;
  }

  // The subject of the sentence holding word i: the person that opens it,
  // else the first actor entity mentioned before any verb-like lower-case
  // word, or a pronoun opening it. Used for participle clauses and quotes
  // introduced by a colon.
  std::optional<Speaker> SentenceSubject(size_t i) const {
    const Span& person = subject_person_[sentence_of_[i]];
    if (!person.empty()) {
      Speaker sp;
      sp.span = person;
      sp.name = SpanText(person);
      return sp;
    }
    size_t k = SentenceStart(i);
    // An opening phrase up to its comma ("In his message, he …").
    for (size_t c = k; c < i && c < k + 12; ++c) {
      if (Is(c, ",")) {
        if (In(words_[k].lower,
               {"on", "in", "at", "after", "before", "during", "last",
                "speaking", "yesterday", "according"})) {
          k = c + 1;
        }
        break;
      }
    }
    if (Is(k, "the") || Is(k, "a")) ++k;
    if (k >= i) return std::nullopt;
    if (IsPronounWord(k)) {
      Speaker sp;
      sp.span = {k, k + 1};
      sp.pronoun = true;
      sp.pronoun_word = words_[k].lower;
      return sp;
    }
    // The opening noun phrase: capitalized words and title words ("Greek
    // prime minister Kyriakos Mitsotakis", "Turkish Ministry of Foreign
    // Affairs"). A person or organization in it is the subject, before a
    // state named as its adjective.
    const Mention* best = nullptr;
    int best_rank = 0;
    for (size_t w = k; w < i && w < k + 10; ++w) {
      if (!IsCap(w) && !(IsWord(w) && (IsTitleWord(words_[w].lower) ||
                                       IsConnector(words_[w].lower)))) {
        break;
      }
      for (const Entity& e : entities_) {
        const int rank = e.type == "PERSON"                   ? 3
                         : e.type == "ORG"                    ? 2
                         : e.type == "GPE" && !e.code.empty() ? 1
                                                              : 0;
        if (rank <= best_rank) continue;
        for (const Mention& m : e.mentions) {
          if (m.start == words_[w].start) {
            best = &m;
            best_rank = rank;
          }
        }
      }
    }
    if (best == nullptr) return std::nullopt;
    Speaker sp;
    sp.span = WordsOf(*best);
    if (sp.span.empty()) return std::nullopt;
    sp.name = SpanText(sp.span);
    return sp;
  }

  // Fills speaker fields of `q` from `sp` (resolving pronouns).
  void SetSpeaker(const Speaker& sp, size_t at, Quote* q) {
    Span name = sp.span;
    if (sp.pronoun) {
      // The entity stage's coreference first; its own rules otherwise.
      if (const Entity* e = CorefEntity(sp.span.first)) {
        q->speaker = e->id;
        q->speaker_name = e->name;
        return;
      }
      if (sp.pronoun_word == "he" || sp.pronoun_word == "she") {
        name = PersonBefore(at);
      } else if (sp.pronoun_word == "it" && !last_org_speaker_.empty() &&
                 last_org_speaker_.first < at) {
        name = last_org_speaker_;
      } else {
        name = Span{0, 0};
      }
      if (name.empty()) return;  // Never guessed.
    }
    q->speaker_name = FullName(name, at);
    const Entity* e =
        EntityAt(words_[name.first].start, words_[name.last - 1].end);
    if (e != nullptr && e->type != "PERSON" && words_[name.last - 1].capital) {
      // "Ambassador to the United Nations Nikki Haley": a body that does not
      // reach the last word of a name is in the title; the speaker is
      // whoever that word names (maybe nobody the entities stage found).
      // "A Hampshire Police spokesman" speaks for the body.
      const Entity* head =
          EntityAt(words_[name.last - 1].start, words_[name.last - 1].end);
      if (head != e) e = head;
    }
    if (e != nullptr) {
      q->speaker = e->id;
      if (!sp.pronoun && e->type != "PERSON") last_org_speaker_ = name;
    } else if (!sp.pronoun) {
      if (LooksLikePerson(name)) {
        speaker_persons_.push_back(name);
      } else {
        last_org_speaker_ = name;
      }
    }
  }

  void SetAddressee(Span s, Quote* q) const {
    if (s.empty()) return;
    q->addressee_name = SpanText(s);
    if (const Entity* e =
            EntityAt(words_[s.first].start, words_[s.last - 1].end)) {
      q->addressee = e->id;
    }
  }
  void SetMedium(Span s, Quote* q) const {
    if (s.empty()) return;
    q->medium_name = SpanText(s);
    if (const Entity* e =
            EntityAt(words_[s.first].start, words_[s.last - 1].end)) {
      q->medium = e->id;
    }
  }

  // After "told" at `cue`: the addressee ("told RIA Novosti", "told a state
  // news agency, RIA Novosti,"), the name when there is one.
  Span AddresseeAfter(size_t cue) const {
    size_t k = cue + 1;
    const size_t end = SentenceEnd(cue);
    for (size_t steps = 0; k < end && steps < 7; ++k, ++steps) {
      if (words_[k].kind == Kind::kQuote) break;
      if (IsCap(k)) return NameInRun(CapRunAt(k));
      if (Is(k, "that") || Is(k, ":")) break;
    }
    return {0, 0};
  }

  // The medium named in the sentence of word i: "in Tehran Times", "in an
  // interview with X", "on X", "published in X", "according to X" when
  // `according` (the speaker is named otherwise).
  Span MediumIn(size_t from, size_t to, bool according) const {
    for (size_t k = from; k < to; ++k) {
      if (words_[k].kind == Kind::kQuote) continue;
      if (Is(k, "interview") && Is(k + 1, "with") && IsCap(k + 2)) {
        return NameInRun(CapRunAt(k + 2));
      }
      if ((Is(k, "in") || Is(k, "on")) && IsCap(k + 1) &&
          !IsPlaceEntity(k + 1)) {
        Span run = CapRunAt(k + 1);
        bool org = false;
        for (size_t j = run.first; j < run.last; ++j) {
          org = org || IsOrgWord(words_[j].lower);
        }
        const Entity* e =
            EntityAt(words_[run.first].start, words_[run.last - 1].end);
        if (org || (e && e->role == "MED")) return run;
      }
      if (according && Is(k, "according") && Is(k + 1, "to") && IsCap(k + 2)) {
        return NameInRun(CapRunAt(k + 2));
      }
    }
    return {0, 0};
  }

  struct RawQuote {
    size_t open = 0;   // Word index of the opening mark.
    size_t close = 0;  // Word index of the closing mark, or of the first
                       // word after the quote when unclosed.
    bool closed = false;
    uint32_t start = 0;
    uint32_t end = 0;
  };
  std::vector<RawQuote> PairQuotes() const;

  // A quote that opens its sentence without a cue, in the paragraph of the
  // sentence before it: the speaker of a quote ending that sentence
  // ("“…,” said Ana Ruiz. “It is the best candidate.”"), else that
  // sentence's person subject ("Ana Ruiz criticized the plan. “It
  // fails.”"), as news writing continues a speaker's words.
  void QuoteOpeningASentence(const RawQuote& rq, const std::vector<Quote>& done,
                             Quote* q) {
    const size_t first = rq.open + 1 < words_.size() ? rq.open + 1 : rq.open;
    const uint32_t s = sentence_of_[first];
    if (s == 0 || rq.open == 0 || SentenceStart(first) != rq.open ||
        words_[rq.open].newline_before) {
      return;
    }
    if (!done.empty() && !done.back().speaker_name.empty() &&
        done.back().sentence + 1 >= s) {
      const Quote& p = done.back();
      // Nothing but the rest of the previous sentence between them.
      if (p.end <= words_[rq.open].start) {
        bool paragraph = false;
        for (size_t k = rq.open; k-- > 0 && words_[k].end > p.end;) {
          paragraph = paragraph || words_[k + 1].newline_before;
        }
        if (!paragraph && sentence_of_[rq.open - 1] + 1 >= s) {
          q->speaker = p.speaker;
          q->speaker_name = p.speaker_name;
          q->cue = p.cue;
          return;
        }
      }
    }
    // The previous sentence, in the same paragraph, without quotes.
    const size_t prev_start = sentence_first_[s - 1];
    for (size_t k = prev_start; k < rq.open; ++k) {
      if (words_[k].kind == Kind::kQuote) return;
      if (k > prev_start && words_[k].newline_before) return;
    }
    const std::optional<Speaker> sp = SentenceSubject(rq.open - 1);
    if (!sp || sp->pronoun) return;
    const Entity* e =
        EntityAt(words_[sp->span.first].start, words_[sp->span.last - 1].end);
    if (e != nullptr ? e->type != "PERSON" : !LooksLikePerson(sp->span)) {
      return;
    }
    SetSpeaker(*sp, rq.open, q);
  }

  // "“We stand ready” tweeted Johnson “to provide …”": the second part of
  // a quotation split by its reporting clause has the first part's speaker.
  void ContinueSplitQuote(const RawQuote& rq, const std::vector<Quote>& done,
                          Quote* q) {
    const size_t prev = prev_close_;
    prev_close_ = rq.closed ? rq.close : kNoWord;
    if (!q->speaker_name.empty() || done.empty() || prev == kNoWord ||
        done.back().speaker_name.empty() || rq.open <= prev ||
        rq.open - prev > 6) {
      return;
    }
    bool cue = false;
    for (size_t k = prev + 1; k < rq.open; ++k) {
      if (Is(k, ".") || Is(k, "?") || Is(k, "!") || words_[k].newline_before) {
        return;
      }
      cue = cue || (IsWord(k) && IsCueVerb(words_[k].lower));
    }
    if (!cue) return;
    const Quote& p = done.back();
    q->speaker = p.speaker;
    q->speaker_name = p.speaker_name;
    q->cue = p.cue;
  }
  void BuildPersons();
  void FindSpeaker(const RawQuote& rq, Quote* q);

  struct IndexedMention {
    uint32_t start, end;
    size_t order;  // Entity by entity, mention by mention.
    const Entity* entity;
  };

  std::string_view text_;
  const std::vector<Entity>& entities_;
  std::vector<IndexedMention> mentions_;  // By start.
  uint32_t longest_mention_ = 0;
  std::unordered_set<std::string> person_surnames_;
  std::unordered_map<std::string, int> capitalized_inside_;
  std::vector<Word> words_;
  std::vector<uint32_t> sentence_of_;
  std::vector<size_t> sentence_first_;  // Per sentence, plus one past.
  std::vector<Span> subject_person_;
  std::vector<Span> speaker_persons_;
  std::vector<Span> persons_;
  Span last_org_speaker_{0, 0};
  static constexpr size_t kNoWord = static_cast<size_t>(-1);
  size_t prev_close_ = kNoWord;  // Closing mark of the previous quote.
};

// Pairs quotation marks. A straight mark opens when it follows a space,
// a line start or an opening bracket, and closes otherwise. A quote still
// open at the end of a paragraph continues when the next paragraph opens
// with a quotation mark (the convention for quotations over several
// paragraphs), and ends with its paragraph otherwise.
std::vector<Analyzer::RawQuote> Analyzer::PairQuotes() const {
  std::vector<RawQuote> out;
  std::optional<size_t> open;
  auto opens = [&](size_t i) {
    const Word& w = words_[i];
    if (w.mark == Mark::kOpen) return true;
    if (w.mark == Mark::kClose) return false;
    if (i == 0 || w.newline_before) return true;
    const Word& p = words_[i - 1];
    if (p.end < w.start) return true;  // Space before.
    return p.kind == Kind::kPunct &&
           In(p.lower, {"(", "[", "-", "\xE2\x80\x94", "\xE2\x80\x93"});
  };
  auto finish = [&](size_t close, bool closed) {
    RawQuote q;
    q.open = *open;
    q.close = close;
    q.closed = closed;
    q.start = words_[*open].end;
    q.end = closed ? words_[close].start : words_[close - 1].end;
    if (close > *open + 1) out.push_back(q);
    open.reset();
  };
  for (size_t i = 0; i < words_.size(); ++i) {
    const Word& w = words_[i];
    if (open && w.newline_before) {
      // Paragraph boundary inside a quote.
      if (w.kind == Kind::kQuote && opens(i)) continue;  // Continuation.
      finish(i, false);
    }
    if (w.kind != Kind::kQuote) continue;
    if (!open) {
      if (opens(i)) open = i;
      continue;
    }
    if (!opens(i) || w.mark == Mark::kStraight) {
      finish(i, true);
    } else {
      // A second opening mark: the first was never closed.
      finish(i, false);
      open = i;
    }
  }
  if (open) finish(words_.size(), false);
  return out;
}

void Analyzer::FindSpeaker(const RawQuote& rq, Quote* q) {
  const size_t open = rq.open;
  const size_t after = rq.closed ? rq.close + 1 : rq.close;
  const size_t sent_end = SentenceEnd(std::min(rq.close, words_.size() - 1));
  // 1. A reporting clause right after the quote: ”, he wrote / ”, said KCNA.
  // The reporting clause may also open the next sentence when the quote
  // ends with its own full stop ("…!” Macron told the world), on the same
  // line.
  const bool next_sentence =
      rq.closed && after < words_.size() &&
      sentence_of_[after] == sentence_of_[rq.close] + 1 &&
      !words_[after].newline_before;
  if (rq.closed && after < words_.size() &&
      (sentence_of_[after] == sentence_of_[rq.close] || next_sentence)) {
    size_t k = after;
    if (Is(k, ",")) ++k;
    if (IsWord(k) && IsCueVerb(words_[k].lower) && !next_sentence) {
      if (auto sp = SubjectAfter(k + 1)) {
        q->cue = words_[k].lower;
        SetSpeaker(*sp, k, q);
        const size_t tail = sp->span.last;
        if (In(words_[k].lower, {"told", "tells"})) {
          SetAddressee(AddresseeAfter(tail - 1), q);
        }
        SetMedium(MediumIn(tail, SentenceEnd(k), true), q);
        return;
      }
    }
    // Subject then cue: ”, he wrote / ” KCNA said.
    if (auto sp = SubjectAfter(k)) {
      size_t c = sp->span.last;
      while (IsWord(c) && !words_[c].capital && IsAdverb(words_[c].lower)) ++c;
      if (IsWord(c) && IsCueVerb(words_[c].lower) &&
          (!next_sentence || EndsReportingClause(c))) {
        q->cue = words_[c].lower;
        SetSpeaker(*sp, c, q);
        if (In(words_[c].lower, {"told", "tells"})) {
          SetAddressee(AddresseeAfter(c), q);
        }
        SetMedium(MediumIn(c + 1, SentenceEnd(c), true), q);
        return;
      }
    }
    // Passive naming verb before, agent after: labeled the “axis of evil”
    // by defense expert Mykhailo Samus.
    if (Is(k, "by")) {
      for (size_t c = open; c-- > SentenceStart(open);) {
        if (IsWord(c) && IsNamingVerb(words_[c].lower)) {
          if (auto sp = SubjectAfter(k + 1)) {
            q->cue = words_[c].lower;
            SetSpeaker(*sp, k, q);
            return;
          }
          break;
        }
        if (words_[c].kind == Kind::kQuote) break;
      }
    }
  }
  // 2. A cue before the quote in its sentence: He said: “…”, X described
  // Russia as a “…”, X was quoted as saying “…”, He indicated that … “…”.
  const size_t s0 = SentenceStart(open);
  for (size_t c = open; c-- > s0;) {
    if (words_[c].kind == Kind::kQuote) break;
    if (!IsWord(c)) continue;
    const std::string& w = words_[c].lower;
    if (w == "according" && Is(c + 1, "to")) {
      if (auto sp = ObjectPronounAt(c + 2)) {  // "According to him, …"
        q->cue = "according to";
        SetSpeaker(*sp, c, q);
        return;
      }
      if (auto sp = SubjectAfter(c + 2)) {
        q->cue = "according to";
        SetSpeaker(*sp, c, q);
        return;
      }
    }
    if (!IsCueVerb(w)) continue;
    // "a pattern described by Marine Bulletin as “…”": the agent speaks.
    if (Is(c + 1, "by")) {
      if (auto sp = SubjectAfter(c + 2)) {
        q->cue = w;
        SetSpeaker(*sp, c, q);
        return;
      }
    }
    size_t subject_at = c;
    if (In(w,
           {"saying", "writing", "telling", "adding", "noting", "stating"}) &&
        c >= 2 && Is(c - 1, "as") && Is(c - 2, "quoted")) {
      subject_at = c - 2;
      if (Is(subject_at - 1, "was") || Is(subject_at - 1, "were")) {
        --subject_at;
      }
      q->cue = "quoted as " + w;
    } else if (IsParticipleCue(w)) {
      // A participle clause ("…, saying “…”") belongs to the sentence's
      // subject, not to the noun right before it.
      if (auto sp = SentenceSubject(c)) {
        q->cue = w;
        SetSpeaker(*sp, c, q);
        return;
      }
      continue;
    } else {
      q->cue = w;
    }
    // "Erdoğan cited Article 5 and said, “…”": a cue after "and" shares
    // the sentence's subject.
    size_t before = c;
    while (before > s0 && IsWord(before - 1) &&
           IsAdverb(words_[before - 1].lower)) {
      --before;
    }
    if (before > s0 && Is(before - 1, "and")) {
      if (auto sp = SentenceSubject(c)) {
        SetSpeaker(*sp, c, q);
        return;
      }
    }
    if (auto sp = SubjectBefore(subject_at)) {
      SetSpeaker(*sp, c, q);
      if (In(w, {"told", "tells"})) SetAddressee(AddresseeAfter(c), q);
      SetMedium(MediumIn(s0, std::max(sent_end, open), true), q);
      return;
    }
    q->cue.clear();
  }
  // A quote introduced by a colon after any verb ("X opposed the plan:
  // “…”", "In his message, he praised him: “…”") is the subject's.
  if (open > s0 && Is(open - 1, ":")) {
    if (auto sp = SentenceSubject(open - 1)) {
      q->cue = ":";
      SetSpeaker(*sp, open, q);
      return;
    }
  }
  // 3. "according to X" after the quote in the same sentence.
  if (after < words_.size()) {
    for (size_t k = after;
         k < words_.size() && sentence_of_[k] == sentence_of_[after]; ++k) {
      if (words_[k].kind == Kind::kQuote) break;
      if (Is(k, "according") && Is(k + 1, "to")) {
        if (auto sp = SubjectAfter(k + 2)) {
          q->cue = "according to";
          SetSpeaker(*sp, k, q);
        }
        return;
      }
    }
  }
}

void Analyzer::BuildPersons() {
  // Every multi-word person-like name, for surname expansion.
  for (size_t i = 0; i < words_.size(); ++i) {
    if (IsCap(i) && (i == 0 || !IsCap(i - 1))) {
      Span name = NameInRun(CapRunAt(i));
      if (name.last - name.first >= 2 && LooksLikePerson(name)) {
        persons_.push_back(name);
      }
    }
  }
  std::sort(persons_.begin(), persons_.end(),
            [](const Span& a, const Span& b) { return a.first < b.first; });
}

std::vector<Quote> Analyzer::Quotes() {
  std::vector<Quote> out;
  for (const RawQuote& rq : PairQuotes()) {
    if (rq.end <= rq.start) continue;
    Quote q;
    q.id = "Q" + std::to_string(out.size() + 1);
    q.start = rq.start;
    q.end = rq.end;
    q.sentence =
        sentence_of_[rq.open + 1 < words_.size() ? rq.open + 1 : rq.open];
    q.text.assign(text_.substr(q.start, q.end - q.start));
    FindSpeaker(rq, &q);
    ContinueSplitQuote(rq, out, &q);
    if (q.speaker_name.empty()) QuoteOpeningASentence(rq, out, &q);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<Attribution> Analyzer::Attributions() {
  std::vector<Attribution> out;
  const size_t count = sentence_first_.empty() ? 0 : sentence_first_.size() - 1;
  for (size_t s = 0; s < count; ++s) {
    const size_t first = sentence_first_[s];
    const size_t end = sentence_first_[s + 1];
    if (first >= end) continue;
    std::optional<Speaker> source;
    std::string cue;
    Span claim{0, 0};
    for (size_t k = first; k < end && !source; ++k) {
      if (words_[k].kind == Kind::kQuote) continue;
      // "according to X": the claim is the rest of the sentence.
      if (Is(k, "according") && Is(k + 1, "to")) {
        if (auto sp = SubjectAfter(k + 2)) {
          source = sp;
          cue = "according to";
          if (k == first) {
            size_t c = sp->span.last;
            while (c < end && !Is(c, ",")) ++c;
            claim = {c + 1, end};
          } else {
            size_t stop = k;
            if (stop > first && Is(stop - 1, ",")) --stop;
            claim = {first, stop};
          }
        }
        continue;
      }
      if (!IsWord(k) || !IsCueVerb(words_[k].lower)) continue;
      // "X said/reported (to Y) that CLAIM".
      size_t t = k + 1;
      while (t < end && t < k + 12 && !Is(t, "that") &&
             words_[t].kind != Kind::kQuote) {
        ++t;
      }
      if (Is(t, "that") && t + 1 < end) {
        if (auto sp = SubjectBefore(k)) {
          source = sp;
          cue = words_[k].lower;
          claim = {t + 1, end};
        }
        continue;
      }
      // "CLAIM, said X." / "CLAIM, X said." closing the sentence.
      if (k < first + 3) continue;
      if (Is(k - 1, ",")) {
        std::optional<Speaker> sp = SubjectAfter(k + 1);
        if (sp && sp->span.last + 1 >= end) {
          source = sp;
          cue = words_[k].lower;
          claim = {first, k - 1};
        }
      } else if (k + 2 >= end) {
        std::optional<Speaker> sp = SubjectBefore(k);
        if (sp && sp->span.first > first + 2 && Is(sp->span.first - 1, ",")) {
          source = sp;
          cue = words_[k].lower;
          claim = {first, sp->span.first - 1};
        }
      }
    }
    if (!source || claim.empty()) continue;
    // Trim quotation marks and punctuation from the claim's edges.
    while (!claim.empty() && words_[claim.first].kind != Kind::kWord) {
      ++claim.first;
    }
    while (!claim.empty() && words_[claim.last - 1].kind != Kind::kWord) {
      --claim.last;
    }
    if (claim.empty()) continue;
    Attribution a;
    a.id = "A" + std::to_string(out.size() + 1);
    a.sentence = static_cast<uint32_t>(s);
    a.cue = cue;
    Quote tmp;  // Reuses the speaker resolution of quotes.
    SetSpeaker(*source, source->span.first, &tmp);
    a.source = tmp.speaker;
    a.source_name = tmp.speaker_name;
    a.claim_start = words_[claim.first].start;
    a.claim_end = words_[claim.last - 1].end;
    a.claim.assign(text_.substr(a.claim_start, a.claim_end - a.claim_start));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::vector<Quote> FindQuotes(std::string_view text,
                              const std::vector<Token>& tokens,
                              const std::vector<Sentence>& sentences,
                              const std::vector<Entity>& entities) {
  (void)tokens;
  Analyzer analyzer(text, sentences, entities);
  return analyzer.Quotes();
}

std::vector<Attribution> FindAttributions(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<Sentence>& sentences,
    const std::vector<Entity>& entities) {
  (void)tokens;
  Analyzer analyzer(text, sentences, entities);
  return analyzer.Attributions();
}

}  // namespace entente
