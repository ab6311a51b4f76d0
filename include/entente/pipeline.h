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

// Time spent in each pipeline stage, summed over the Analyze calls that were
// handed this object: for benchmarks (bench/pipeline_bench). Wall time and
// the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), in seconds; on a
// machine shared with other jobs the CPU time is the one to trust. Not
// thread-safe: give each thread its own and add them up with Add().
struct StageTimes {
  enum Stage {
    kText,         // UTF-8 check, Tokenize, SplitSentences.
    kSyntax,       // Tagging, lemmas, parsing.
    kEntities,     // Actors with CAMEO codes, coreference.
    kTime,         // Date expressions.
    kAttribution,  // Quotations and attributions.
    kEvents,       // CAMEO event coding.
    kStageCount
  };
  static const char* Name(Stage stage);

  double wall[kStageCount] = {};
  double cpu[kStageCount] = {};

  void Add(const StageTimes& other) {
    for (int i = 0; i < kStageCount; ++i) {
      wall[i] += other.wall[i];
      cpu[i] += other.cpu[i];
    }
  }
};

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
    return Run(document, nullptr, nullptr);
  }

  // Analyze(), also appending to `event_trace` (when not null) one line per
  // event trigger the coder considered: what `entente explain` prints.
  Analysis AnalyzeWithTrace(const Document& document,
                            std::string* event_trace) const {
    return Run(document, event_trace, nullptr);
  }

  // Analyze(), also adding each stage's wall and CPU time to `times` (when
  // not null). Without it no clock is read, so Analyze() pays nothing.
  Analysis AnalyzeTimed(const Document& document, StageTimes* times) const {
    return Run(document, nullptr, times);
  }

  // The event coder (for its CAMEO code table), or nullptr when events are
  // off. Lives as long as the pipeline.
  virtual const EventCoder* event_coder() const = 0;

 private:
  // Every stage over `document`; `event_trace` and `times` may be null.
  virtual Analysis Run(const Document& document, std::string* event_trace,
                       StageTimes* times) const = 0;
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
