#include "entente/pipeline.h"

#include <string>
#include <utility>

#include "entente/attribution.h"
#include "entente/entities.h"
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

class PipelineImpl final : public Pipeline {
 public:
  explicit PipelineImpl(std::unique_ptr<const EntityRecognizer> entities)
      : entities_(std::move(entities)) {}

  Analysis Analyze(const Document& document) const override {
    Analysis analysis;
    std::string_view text = document.text;
    analysis.warnings = Utf8Warnings(text);
    analysis.tokens = Tokenize(text);
    analysis.sentences = SplitSentences(text, analysis.tokens);
    if (entities_) {
      analysis.entities =
          entities_->Recognize(text, analysis.tokens, analysis.sentences);
    }
    analysis.dates =
        FindDates(text, analysis.tokens, analysis.sentences, document.date);
    analysis.quotes = FindQuotes(text, analysis.tokens, analysis.sentences,
                                 analysis.entities);
    analysis.attributions = FindAttributions(
        text, analysis.tokens, analysis.sentences, analysis.entities);
    return analysis;
  }

 private:
  std::unique_ptr<const EntityRecognizer> entities_;
};

}  // namespace

StatusOr<std::unique_ptr<const Pipeline>> Pipeline::Create(
    const PipelineOptions& options) {
  std::unique_ptr<const EntityRecognizer> entities;
  if (options.entities) {
    auto recognizer = EntityRecognizer::Create();
    if (!recognizer.ok()) return recognizer.status();
    entities = std::move(recognizer).value();
  }
  return std::unique_ptr<const Pipeline>(
      std::make_unique<PipelineImpl>(std::move(entities)));
}

}  // namespace entente
