// Event stage: CAMEO event coding over the dependency tree.
//
// For every sentence, the coder finds event triggers from the team's lexicon
// (data/cameo_lexicon.tsv: verbs, verb + object-noun patterns such as "sign
// agreement", and nominal heads such as "battle against"), takes the source
// and target actors from the trigger's arguments (subject, object, oblique
// and prepositional arguments; passives; coordinated actors, one event per
// actor; subjects inherited by participial, relative and controlled clauses)
// and maps them to entities through their mentions. Modality comes from the
// governing words (data/cameo_modality.tsv): "will sign" is an intent (03x),
// "threatened to strike" a threat (13x), "refused to meet" a rejection
// (12x); what is demanded or only possible is not coded; negated events are
// flagged and, by default, left out. Reported content ("X said that ...",
// "according to X", inside X's quotation) keeps its code with modality
// "reported" and attributed_to X. A first-person pronoun inside a quotation
// stands for the quotation's speaker. The event's place is the GPE or LOC of
// an "in/at/inside/into X" phrase of the trigger; material conflict (roots
// 15, 18-20) with no target named, done in another state's territory, acts on
// that state.
//
// Precision first: an event is emitted only when both its source and its
// target resolve to entities with a CAMEO actor code, and they differ. A
// person the entities stage left uncoded takes the code of the state or
// body its title names at any of its mentions ("Iranian general X" codes a
// later "X"; Event::source_code then holds that code); "the embassy" stands
// for the coded body of that head word named last before it, and an
// unresolved "its"/"their" for the nearest state or body before it in the
// sentence, and the subject "it" of a clause a state or body reports for
// that state or body. "X and his A and B counterparts" is one group of
// actors; a later subject "they" or "the ministers" (within two sentences)
// and a lede's "an assembly of ministers" (named within the next three)
// stand for it. A definite "the operation"/"the attack" or "the
// call"/"the request" stands for the source of the latest conflict or
// appeal event before it; judging an agreement judges its parties; what an
// adopted resolution calls for is the body's demand (100, "demanded").
//
// Usage:
//   auto coder = entente::EventCoder::Create();
//   if (!coder.ok()) ... coder.status() ...
//   analysis.events = (*coder)->Code(document, analysis, syntax);
#ifndef ENTENTE_EVENTS_H_
#define ENTENTE_EVENTS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"
#include "entente/syntax.h"

namespace entente {

struct EventCoderOptions {
  // Directory holding cameo_codes.tsv, cameo_lexicon.tsv and
  // cameo_modality.tsv. Empty: EventCoder::DefaultDataDir().
  std::string data_dir;
  // Also return negated events ("did not attack"), with negated = true. Off
  // by default: references do not count them (CODING-EVENTS.md).
  bool keep_negated = false;
};

// One row of the pinned CAMEO code table (data/cameo_codes.tsv).
struct CameoCode {
  std::string code;  // "051"; leading zeros matter.
  std::string description;
  double goldstein = 0;  // -10 (conflict) … +10 (cooperation).
  // GDELT's convention: 1 verbal cooperation (roots 01–05), 2 material
  // cooperation (06–09), 3 verbal conflict (10–14), 4 material conflict
  // (15–20).
  int quad_class = 0;
};

// The coder's tables. Immutable after Create(); every method is const and
// thread-safe, so one coder serves every worker thread.
class EventCoder {
 public:
  // Create(EventCoderOptions()).
  static StatusOr<std::unique_ptr<const EventCoder>> Create();

  // Loads the three tables from the data directory. NotFound if a file is
  // missing; InvalidArgument naming the file and line if a row is malformed
  // or the lexicon uses a code that is not in the code table.
  static StatusOr<std::unique_ptr<const EventCoder>> Create(
      const EventCoderOptions& options);

  // $ENTENTE_DATA when set and non-empty, else the source tree's data/.
  static std::string DefaultDataDir();

  ~EventCoder();
  EventCoder(const EventCoder&) = delete;
  EventCoder& operator=(const EventCoder&) = delete;

  // The table row for a CAMEO code ("051", "1384"), or nullptr when the code
  // is unknown. The pointer lives as long as the coder.
  const CameoCode* Lookup(std::string_view code) const;

  // Codes the events of one document. `analysis` must hold the document's
  // tokens, sentences, entities (with codes), dates, quotes and
  // attributions; `syntax` is SyntaxModel::Analyze's output for the same
  // tokens (one TokenSyntax per token, heads as document token indices).
  // Returns events with ids "V1".. in text order; nothing is an error (a
  // size mismatch between `syntax` and the tokens yields no events).
  // When `trace` is not null, appends one line per trigger considered
  // (matched pattern, actors found or missing, modality, why dropped): what
  // `entente explain` prints.
  std::vector<Event> Code(const Document& document, const Analysis& analysis,
                          const std::vector<TokenSyntax>& syntax,
                          std::string* trace = nullptr) const;

 private:
  struct Impl;
  explicit EventCoder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente

#endif  // ENTENTE_EVENTS_H_
