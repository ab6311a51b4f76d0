// Part-of-speech tagger, morphological features and lemmatizer.
//
// The tagger is a greedy left-to-right averaged perceptron whose classes are
// (UPOS, XPOS, Mood+VerbForm+Case+Voice) triples seen in training; the full UD
// FEATS string comes from a (word, class) lexicon with a per-class default, and
// lemmas from a (word, XPOS) table, WordNet exception lists compiled in at
// training time, and suffix rules learned per XPOS. Everything lives in one
// model file (models/tagger.bin).
#ifndef ENTENTE_SYNTAX_TAGGER_H_
#define ENTENTE_SYNTAX_TAGGER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "corpus/conllu.h"
#include "entente/status.h"
#include "syntax/perceptron.h"

namespace entente::syntax {

// Per-word feature hashes (defined in tagger.cc).
struct TaggerWordInfo;

// Tagger output for one word.
struct WordTags {
  std::string upos, xpos, feats, lemma;
};

struct TaggerTrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  // Directory with WordNet's verb.exc/noun.exc/adj.exc; empty to skip them.
  std::string wordnet_dir = "/usr/share/wordnet";
  // Keep at most this many weights (largest magnitude); 0: all.
  size_t max_weights = 0;
  // Progress lines (one per epoch); may be empty.
  std::function<void(const std::string&)> log;
};

// Immutable after training or loading; Tag() is thread-safe.
class Tagger {
 public:
  static constexpr uint32_t kMagic = 0x47544E45;  // "ENTG"
  static constexpr uint32_t kVersion = 1;

  // Trains on `train`; after every epoch evaluates on `dev` (when not empty)
  // and keeps the epoch with the best dev XPOS accuracy (the last epoch when
  // there is no dev set). Deterministic for a given seed.
  static StatusOr<Tagger> Train(const std::vector<ConlluSentence>& train,
                                const std::vector<ConlluSentence>& dev,
                                const TaggerTrainOptions& options);

  static StatusOr<Tagger> Load(const std::string& path);
  Status Save(const std::string& path) const;
  // The payload (without the file header), for tests.
  std::string Serialize() const;
  static StatusOr<Tagger> Deserialize(std::string_view payload,
                                      const std::string& name);

  // Tags one sentence of words; `out` is resized to words.size().
  void Tag(std::span<const std::string_view> words,
           std::vector<WordTags>* out) const;

  // The lemma of `word` tagged `xpos` (exposed for tests).
  std::string Lemmatize(std::string_view word, std::string_view xpos) const;

  size_t num_classes() const { return classes_.size(); }
  const PerceptronModel& weights() const { return model_; }

 private:
  struct TagClass {
    std::string upos, xpos, verb;  // verb: Mood/VerbForm/Case/Voice FEATS.
    uint64_t xpos_hash = 0;
  };
  // A lemma rule: drop `strip` bytes from the end, then append `append`.
  struct Rule {
    uint32_t strip = 0;
    std::string append;
  };

  void Predict(std::span<const std::string_view> words,
               std::vector<int>* classes) const;
  std::string Feats(std::string_view lower, int cls) const;
  // Fills in each word's ambiguity class from ambiguity_.
  void AddAmbiguity(std::vector<TaggerWordInfo>* infos) const;

  std::vector<TagClass> classes_;
  PerceptronModel model_;
  // Hash(lower word, class) -> index into strings_ (FEATS); class -> default.
  std::unordered_map<uint64_t, uint32_t> feats_;
  std::vector<uint32_t> class_feats_;
  // Hash(lower word, xpos) -> lemma index; Hash(pos letter, lower) -> lemma
  // index from WordNet; Hash(xpos, suffix) -> rule index.
  std::unordered_map<uint64_t, uint32_t> lemmas_;
  std::unordered_map<uint64_t, uint32_t> exceptions_;
  std::unordered_map<uint64_t, uint32_t> rules_by_suffix_;
  std::vector<Rule> rules_;
  // Hash(lower word) -> hash of the XPOS tags it had (>= 5% of >= 3 uses).
  std::unordered_map<uint64_t, uint64_t> ambiguity_;
  // Mix(family letter, Hash(lemma)) for lemmas known from the treebank and
  // WordNet's indexes: used to choose between lemma suffix rules.
  std::unordered_set<uint64_t> known_lemmas_;
  std::vector<std::string> strings_;
};

// ASCII lower-casing (other bytes unchanged), into `out`.
void LowerAscii(std::string_view s, std::string* out);

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_TAGGER_H_
