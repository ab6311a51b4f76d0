// Multiclass averaged perceptron over hashed sparse features.
//
// PerceptronTrainer holds the mutable training weights (with lazy averaging);
// PerceptronModel is the immutable, pruned and compactly stored result used at
// inference. Weights are sparse per feature: a feature keeps only the classes
// it was ever updated for, which keeps memory proportional to the updates
// rather than to features x classes.
#ifndef ENTENTE_SYNTAX_PERCEPTRON_H_
#define ENTENTE_SYNTAX_PERCEPTRON_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "syntax/huge_pages.h"
#include "syntax/model_io.h"

namespace entente::syntax {

// Open-addressing map from a non-zero 32-bit key to a 32-bit value.
class KeyIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  // Returns the value for `key`, or kMissing.
  uint32_t Find(uint32_t key) const {
    if (slots_.empty()) return kMissing;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return kMissing;
    }
  }
  // Inserts `key` -> `value` if absent; returns the value now stored.
  uint32_t Insert(uint32_t key, uint32_t value);
  void Reserve(size_t n);
  size_t size() const { return size_; }
  size_t bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t value = 0;
  };
  size_t Home(uint32_t key) const {
    return (static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL >> 20) & mask_;
  }
  void Rehash(size_t capacity);

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

class PerceptronModel;

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}

  int num_classes() const { return num_classes_; }

  // scores[0, num_classes) = current (not averaged) weights summed over the
  // features; `scores` is overwritten.
  void Score(std::span<const uint32_t> features, float* scores) const;

  // Standard perceptron update (+1 truth, -1 guess) when truth != guess.
  void Update(std::span<const uint32_t> features, int truth, int guess);

  // Advances the averaging clock; call once per training instance.
  void Tick() { ++now_; }

  // The averaged weights, keeping at most `max_weights` (0: all) of the
  // largest magnitude and dropping exact zeros.
  PerceptronModel Average(size_t max_weights) const;

  size_t num_features() const { return rows_.size(); }

 private:
  struct Entry {
    uint32_t cls;
    uint32_t stamp;  // now_ when `weight` last changed.
    float weight;
    double total;  // Sum of weight over time up to `stamp`.
  };
  void Add(uint32_t row, int cls, float delta);

  int num_classes_;
  uint64_t now_ = 0;
  KeyIndex index_;
  std::vector<uint32_t> row_keys_;
  std::vector<std::vector<Entry>> rows_;
};

// Immutable averaged weights. Thread-safe for concurrent Score() calls.
class PerceptronModel {
 public:
  PerceptronModel() = default;

  int num_classes() const { return num_classes_; }
  size_t num_features() const { return keys_.size(); }
  size_t num_weights() const { return weights_.size(); }

  // scores[0, num_classes) = sum of weights of `features`; overwritten.
  void Score(std::span<const uint32_t> features, float* scores) const;

  // Drops all but the `max_weights` weights of largest magnitude (smaller
  // models, slightly lower accuracy). No-op when already small enough.
  void Prune(size_t max_weights);

  // Weights are stored as 16-bit integers scaled by the largest magnitude.
  void Serialize(ByteWriter* out) const;
  // False when the data is malformed (the caller names the file).
  bool Deserialize(ByteReader* in);

 private:
  friend class PerceptronTrainer;
  struct Weight {
    uint32_t cls;
    float weight;
  };
  // rows: (key, [(cls, weight)]) sorted by key.
  void Build(int num_classes, std::vector<uint32_t> keys,
             std::vector<uint32_t> starts, HugePageVector<Weight> weights);

  // Open-addressing table from feature key to its weights. Most features
  // keep one or two weights (two thirds of the parser's), which the slot
  // holds itself, so that a lookup touches one cache line; longer rows point
  // to their contiguous run in weights_. 16 bytes, four to a cache line.
  static constexpr uint16_t kRun = 0xFFFF;      // cls0: x, y = run bounds.
  static constexpr uint16_t kNoClass = 0xFFFE;  // cls1: one weight only.
  struct Slot {
    uint32_t key = 0;  // 0: empty.
    uint16_t cls0 = 0, cls1 = 0;
    uint32_t x = 0, y = 0;  // Inline: the weights' float bits.
  };
  size_t Home(uint32_t key) const {
    return (static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL >> 20) & mask_;
  }

  int num_classes_ = 0;
  std::vector<uint32_t> keys_;    // row -> key, ascending
  std::vector<uint32_t> starts_;  // row -> first weight; size rows + 1
  HugePageVector<Weight> weights_;
  HugePageVector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_PERCEPTRON_H_
