// The extraction pipeline: one Document in, one Analysis out.
//
// A Pipeline holds the immutable shared resources (gazetteers, models) and is
// created once; Analyze() is const and thread-safe, so one Pipeline serves
// every worker thread.
#ifndef ENTENTE_PIPELINE_H_
#define ENTENTE_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

class EventCoder;

struct PipelineOptions {
  // Run the entity stage (actors with CAMEO codes).
  bool entities = true;
  // Run the tagger, lemmatizer and parser (Analysis::syntax). The event
  // coder needs it, so `events` implies it.
  bool syntax = true;
  // Code CAMEO events (Analysis::events).
  bool events = true;
  // Keep negated events ("did not attack") in the output, flagged.
  bool keep_negated = false;
  // Where the models and data tables are; empty means the defaults
  // (SyntaxModel::DefaultModelsDir(), EventCoder::DefaultDataDir()).
  std::string models_dir;
  std::string data_dir;
  // TABARI/PETRARCH actor dictionaries (EntityOptions::actor_files).
  std::vector<std::string> actor_files;
};

class Pipeline {
 public:
  // Loads every resource the options ask for. Fails (DataLoss, NotFound) when
  // a resource is missing or corrupt; the message names it.
  static StatusOr<std::unique_ptr<const Pipeline>> Create(
      const PipelineOptions& options);

  virtual ~Pipeline() = default;

  // Runs every stage over `document`. Never fails: problems in the text
  // (invalid UTF-8) become Analysis::warnings. Thread-safe.
  Analysis Analyze(const Document& document) const {
    return AnalyzeWithTrace(document, nullptr);
  }

  // Analyze(), also appending to `event_trace` (when not null) one line per
  // event trigger the coder considered: what `entente explain` prints.
  virtual Analysis AnalyzeWithTrace(const Document& document,
                                    std::string* event_trace) const = 0;

  // The event coder (for its CAMEO code table), or nullptr when events are
  // off. Lives as long as the pipeline.
  virtual const EventCoder* event_coder() const = 0;
};

struct JsonOptions {
  // Indent for people: one field and one array element per line.
  bool pretty = false;
  // Add a "tokens" array: span, text, lemma, tags, head and relation.
  bool tokens = false;
};
// Renders one document's analysis as the JSON object of the output contract
// (DESIGN.md): id, date, title, sentences, entities, events, quotes, dates,
// attributions and warnings, on one line without a trailing newline unless
// pretty. Strings are valid UTF-8 whatever the input.
std::string AnalysisToJson(const Document& document, const Analysis& analysis,
                           const JsonOptions& options);

}  // namespace entente

#endif  // ENTENTE_PIPELINE_H_
