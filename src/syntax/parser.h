// Transition-based dependency parser: arc-hybrid transitions with the root
// at the end of the buffer (so that exactly one word attaches to it), a
// dynamic oracle with exploration for training (Goldberg & Nivre 2013), and
// an averaged perceptron over Zhang & Nivre (2011) style feature templates.
// Labels are predicted jointly with the transitions.
//
// Non-projective training trees are skipped (arc-hybrid cannot build them;
// ~5% of EWT+GUM sentences).
#ifndef ENTENTE_SYNTAX_PARSER_H_
#define ENTENTE_SYNTAX_PARSER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/conllu.h"
#include "entente/status.h"
#include "syntax/perceptron.h"

namespace entente::syntax {

// A word as the parser sees it (views must outlive the Parse call).
struct ParserWord {
  std::string_view form, upos, xpos;
};

// Parser configuration. Words are 0..n-1; n is the root, which sits at the
// end of the buffer. Transitions are numbered 0 = SHIFT, 1..L = LEFT-ARC
// with label t-1, L+1..2L = RIGHT-ARC with label t-1-L.
class ArcHybridState {
 public:
  ArcHybridState(int num_words, int num_labels, int root_label);

  int num_words() const { return n_; }
  int num_transitions() const { return 1 + 2 * num_labels_; }
  bool Terminal() const { return stack_.empty() && b_ == n_; }
  bool Valid(int transition) const;
  void Apply(int transition);

  // Cost of `transition` (arcs of the gold tree it makes unreachable, plus
  // one for a right arc with a wrong label). `gold_heads` use n for the root.
  int Cost(int transition, std::span<const int> gold_heads,
           std::span<const int> gold_labels) const;

  // Position accessors for features; -1 when absent.
  int Stack(int i) const {
    return i < static_cast<int>(stack_.size())
               ? stack_[stack_.size() - 1 - static_cast<size_t>(i)]
               : -1;
  }
  int Buffer(int i) const { return b_ + i <= n_ ? b_ + i : -1; }
  int head(int w) const { return heads_[w]; }    // n for root; -1 if none.
  int label(int w) const { return labels_[w]; }  // -1 if none.
  int Leftmost(int w, int k) const {
    return w < 0 ? -1 : (k == 0 ? l1_[w] : l2_[w]);
  }
  int Rightmost(int w, int k) const {
    return w < 0 ? -1 : (k == 0 ? r1_[w] : r2_[w]);
  }
  int LeftCount(int w) const { return w < 0 ? 0 : nl_[w]; }
  int RightCount(int w) const { return w < 0 ? 0 : nr_[w]; }
  uint64_t LeftLabels(int w) const { return w < 0 ? 0 : lset_[w]; }
  uint64_t RightLabels(int w) const { return w < 0 ? 0 : rset_[w]; }
  size_t stack_size() const { return stack_.size(); }

 private:
  void AddArc(int head, int dep, int label);

  int n_, num_labels_, root_label_;
  int b_ = 0;
  std::vector<int> stack_;
  std::vector<int> heads_, labels_, l1_, l2_, r1_, r2_, nl_, nr_;
  std::vector<uint64_t> lset_, rset_;
};

// True when the tree (heads 0-based, -1 for the root) has no crossing arcs.
bool IsProjective(std::span<const int> heads);

struct ParserTrainOptions {
  int epochs = 15;
  uint64_t seed = 1;
  // Probability of following the model's own (possibly wrong) transition
  // during training, from epoch 2 on.
  double explore = 0.9;
  // Keep at most this many weights (largest magnitude) in the model; 0: all.
  size_t max_weights = 0;
  std::function<void(const std::string&)> log;
};

// Immutable after training or loading; Parse() is thread-safe.
class Parser {
 public:
  static constexpr uint32_t kMagic = 0x50544E45;  // "ENTP"
  static constexpr uint32_t kVersion = 1;

  // Trains on the gold trees of `train`, using the UPOS/XPOS columns as the
  // tags the parser will see (callers put predicted tags there). Picks the
  // epoch with the best LAS on `dev` (the last one if `dev` is empty).
  static StatusOr<Parser> Train(const std::vector<ConlluSentence>& train,
                                const std::vector<ConlluSentence>& dev,
                                const ParserTrainOptions& options);

  static StatusOr<Parser> Load(const std::string& path);
  Status Save(const std::string& path) const;
  std::string Serialize() const;
  static StatusOr<Parser> Deserialize(std::string_view payload,
                                      const std::string& name);

  // Parses one sentence. heads[i] is the 0-based head of word i or -1 for
  // the root; labels[i] indexes label_names().
  void Parse(std::span<const ParserWord> words, std::vector<int>* heads,
             std::vector<int>* labels) const;

  const std::vector<std::string>& label_names() const { return labels_; }
  const PerceptronModel& weights() const { return model_; }

 private:
  std::vector<std::string> labels_;
  int root_label_ = 0;
  PerceptronModel model_;
};

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_PARSER_H_
