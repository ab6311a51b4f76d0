// A statistical named-entity recognizer: a greedy left-to-right BIO tagger
// (averaged perceptron) over the text stage's tokens, with word, shape,
// affix, context and gazetteer/lexicon features. Trained on the entity
// annotations of the GUM corpus (`entente train ner`, models/README.md) and
// shipped as models/ner.bin.
//
// It finds PERSON, ORG and place spans; the recognizer (actor_recognizer.cc)
// lets gazetteer and lexicon matches win over it and codes what it finds.
#ifndef ENTENTE_ENTITIES_NER_MODEL_H_
#define ENTENTE_ENTITIES_NER_MODEL_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

class Gazetteer;
class ActorLexicon;

enum class NerType : uint8_t { kPerson, kOrganization, kPlace };

// BIO labels: O, then B and I for each NerType in order.
inline constexpr int kNumNerLabels = 7;
inline uint8_t NerBegin(NerType t) { return 1 + 2 * static_cast<uint8_t>(t); }
inline uint8_t NerInside(NerType t) { return 2 + 2 * static_cast<uint8_t>(t); }

// A recognized span of tokens [first, end) (document token indices).
struct NerSpan {
  size_t first = 0;
  size_t end = 0;
  NerType type = NerType::kPerson;
};

// Optional resources whose lookups become features. Both may be null; a
// model must be used with the same resources it was trained with (the
// built-in ones, in practice).
struct NerResources {
  const Gazetteer* gazetteer = nullptr;
  const ActorLexicon* lexicon = nullptr;
};

// One training or evaluation sentence: its text, the text stage's tokens of
// it and one label per token.
struct NerExample {
  std::string text;
  std::vector<Token> tokens;
  std::vector<uint8_t> labels;
};

// Immutable after loading; Tag() is const and thread-safe.
class NerModel {
 public:
  NerModel() = default;

  // Reads a model file. NotFound if absent; DataLoss naming the file if it
  // is truncated, corrupted, or not an NER model of this version.
  static StatusOr<NerModel> Load(const std::string& path);
  // Parses a serialized model; `name` is used in error messages.
  static StatusOr<NerModel> Deserialize(std::string_view bytes,
                                        std::string_view name);
  // The binary form: magic "ENER", version, weights, checksum.
  std::string Serialize() const;
  Status Save(const std::string& path) const;

  // Tags tokens [first, end) of `tokens` (one sentence over `text`) and
  // returns the spans found, in order.
  std::vector<NerSpan> Tag(std::string_view text,
                           const std::vector<Token>& tokens, size_t first,
                           size_t end, const NerResources& resources) const;

  size_t num_features() const { return keys_.size(); }

 private:
  friend class NerTrainer;
  const float* Weights(uint64_t key) const;

  std::vector<uint64_t> keys_;
  std::vector<float> weights_;  // kNumNerLabels per key.
  std::unordered_map<uint64_t, uint32_t> index_;
};

// Feature hashes for token `i` of the sentence [first, end), given the
// labels already assigned to tokens before it. Exposed for the trainer.
void NerFeatures(std::string_view text, const std::vector<Token>& tokens,
                 size_t first, size_t end, size_t i, uint8_t prev,
                 uint8_t prev2, const NerResources& resources,
                 std::vector<uint64_t>* out);

// Span precision/recall/F1 of a model on examples (exact span and type).
struct NerScores {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 1.0 * correct / predicted : 0; }
  double recall() const { return gold ? 1.0 * correct / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
NerScores EvaluateNer(const NerModel& model,
                      const std::vector<NerExample>& examples,
                      const NerResources& resources);

struct NerTrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  // Weights whose averaged absolute value is below this are dropped.
  float prune = 0.01f;
  std::function<void(const std::string&)> log;
};

// Trains an averaged perceptron on `train`, keeping the epoch with the best
// F1 on `dev` (the last one when `dev` is empty). Deterministic for a seed.
StatusOr<NerModel> TrainNer(const std::vector<NerExample>& train,
                            const std::vector<NerExample>& dev,
                            const NerResources& resources,
                            const NerTrainOptions& options);

// Reads a GUM-style CoNLL-U file into examples: mentions of persons,
// organizations and places in the Entity= annotation whose words are proper
// nouns (leading/trailing non-proper words such as "the" or "Russian" are
// trimmed; the outermost wins when mentions nest), re-tokenized with the
// text stage's tokenizer. InvalidArgument/NotFound as ReadConlluFile.
StatusOr<std::vector<NerExample>> ReadGumNerExamples(const std::string& path);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_NER_MODEL_H_
