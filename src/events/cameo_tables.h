// The event coder's team-written tables (data/cameo_codes.tsv,
// data/cameo_lexicon.tsv, data/cameo_modality.tsv; formats in their
// headers). Parsed once into hash maps; immutable afterwards, so safe to read
// from any number of threads.
#ifndef ENTENTE_EVENTS_CAMEO_TABLES_H_
#define ENTENTE_EVENTS_CAMEO_TABLES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/events.h"
#include "entente/status.h"

namespace entente::events {

// One lexicon row.
struct Pattern {
  std::string code;   // CAMEO event code.
  bool noun = false;  // A nominal head, else a verb.
  std::string lemma;  // Verb or head-noun lemma, lower case.
  // Verb particle ("down" in "crack down"), or for nouns the modifiers that
  // must be attached to the head ("telephone" in "telephone conversation").
  std::vector<std::string> extra;
  std::vector<std::string> objects;  // Object-noun lemmas; empty for none.
  std::vector<std::string> target;   // "obj", "iobj" or a preposition.
  bool symmetric = false;
  int line = 0;  // Line in the lexicon file, for `explain`.
};

// How a governing word changes the events below it.
enum class ModalClass {
  kNone,
  kIntent,
  kThreat,
  kRefuse,
  kDemand,
  kHypothetical,
  kNegate,
  kSpeech,
};

struct Tables {
  std::unordered_map<std::string, CameoCode> codes;
  // Patterns by lemma, verbs and nouns apart, in file order.
  std::unordered_map<std::string, std::vector<Pattern>> verbs;
  std::unordered_map<std::string, std::vector<Pattern>> nouns;
  std::unordered_map<std::string, ModalClass> modality;
};

// Parsers over file contents; `name` is used in error messages
// ("cameo_lexicon.tsv:12: ..."). InvalidArgument on a malformed row; the
// lexicon is checked against `tables->codes`, so parse the codes first.
Status ParseCodes(std::string_view content, std::string_view name,
                  Tables* tables);
Status ParseLexicon(std::string_view content, std::string_view name,
                    Tables* tables);
Status ParseModality(std::string_view content, std::string_view name,
                     Tables* tables);

// Reads the three files from `dir`.
Status LoadTables(const std::string& dir, Tables* tables);

}  // namespace entente::events

#endif  // ENTENTE_EVENTS_CAMEO_TABLES_H_
