#include "entente/pipeline.h"

#include <string>
#include <utility>

#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/events.h"
#include "entente/syntax.h"
#include "entente/text.h"
#include "entente/time.h"

namespace entente {
namespace {

// Reports invalid UTF-8 as warnings, one per run of bad bytes, so that a
// binary-ish document does not produce thousands of lines.
std::vector<Warning> Utf8Warnings(std::string_view text) {
  std::vector<Warning> warnings;
  std::vector<size_t> bad = FindInvalidUtf8(text);
  for (size_t i = 0; i < bad.size();) {
    size_t j = i + 1;
    while (j < bad.size() && bad[j] == bad[j - 1] + 1) ++j;
    Warning w;
    w.offset = static_cast<uint32_t>(bad[i]);
    w.message = "invalid UTF-8: " + std::to_string(j - i) +
                " byte(s) replaced by U+FFFD at offset " +
                std::to_string(bad[i]);
    warnings.push_back(std::move(w));
    i = j;
  }
  return warnings;
}

// The resources every stage reads; immutable once loaded, so one instance
// serves all threads.
struct Resources {
  std::unique_ptr<const EntityRecognizer> entities;
  std::shared_ptr<const SyntaxModel> syntax;
  std::unique_ptr<const EventCoder> events;
};

class PipelineImpl final : public Pipeline {
 public:
  explicit PipelineImpl(Resources resources)
      : resources_(std::move(resources)) {}

  Analysis AnalyzeWithTrace(const Document& document,
                            std::string* event_trace) const override {
    Analysis analysis;
    std::string_view text = document.text;
    analysis.warnings = Utf8Warnings(text);
    analysis.tokens = Tokenize(text);
    analysis.sentences = SplitSentences(text, analysis.tokens);
    if (resources_.syntax) {
      resources_.syntax->Analyze(text, analysis.tokens, analysis.sentences,
                                 &analysis.syntax);
    }
    if (resources_.entities) {
      analysis.entities = resources_.entities->Recognize(
          text, analysis.tokens, analysis.sentences, document.date);
    }
    analysis.dates =
        FindDates(text, analysis.tokens, analysis.sentences, document.date);
    analysis.quotes = FindQuotes(text, analysis.tokens, analysis.sentences,
                                 analysis.entities);
    analysis.attributions = FindAttributions(
        text, analysis.tokens, analysis.sentences, analysis.entities);
    if (resources_.events) {
      analysis.events = resources_.events->Code(document, analysis,
                                                analysis.syntax, event_trace);
    }
    return analysis;
  }

  const EventCoder* event_coder() const override {
    return resources_.events.get();
  }

 private:
  Resources resources_;
};

}  // namespace

StatusOr<std::unique_ptr<const Pipeline>> Pipeline::Create(
    const PipelineOptions& options) {
  Resources resources;
  if (options.entities || options.events) {
    EntityOptions entity_options;
    entity_options.actor_files = options.actor_files;
    auto recognizer = EntityRecognizer::Create(entity_options);
    if (!recognizer.ok()) return recognizer.status();
    resources.entities = std::move(recognizer).value();
  }
  if (options.syntax || options.events) {
    auto syntax = SyntaxModel::Load(options.models_dir);
    if (!syntax.ok()) return syntax.status();
    resources.syntax = std::move(syntax).value();
  }
  if (options.events) {
    EventCoderOptions coder_options;
    coder_options.data_dir = options.data_dir;
    coder_options.keep_negated = options.keep_negated;
    auto coder = EventCoder::Create(coder_options);
    if (!coder.ok()) return coder.status();
    resources.events = std::move(coder).value();
  }
  return std::unique_ptr<const Pipeline>(
      std::make_unique<PipelineImpl>(std::move(resources)));
}

}  // namespace entente
