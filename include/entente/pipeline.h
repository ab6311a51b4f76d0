// The extraction pipeline: one Document in, one Analysis out.
//
// A Pipeline holds the immutable shared resources (gazetteers, models) and is
// created once; Analyze() is const and thread-safe, so one Pipeline serves
// every worker thread.
#ifndef ENTENTE_PIPELINE_H_
#define ENTENTE_PIPELINE_H_

#include <memory>
#include <string>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

struct PipelineOptions {
  // Run the entity stage (countries, capitals, outlets).
  bool entities = true;
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
  virtual Analysis Analyze(const Document& document) const = 0;
};

// Renders one document's analysis as the JSON object of the output contract
// (DESIGN.md): id, date, title, sentences, entities, events, quotes, dates,
// and warnings. `pretty` indents it; otherwise it is one line without a
// trailing newline. Strings are valid UTF-8 whatever the input.
std::string AnalysisToJson(const Document& document, const Analysis& analysis,
                           bool pretty);

}  // namespace entente

#endif  // ENTENTE_PIPELINE_H_
