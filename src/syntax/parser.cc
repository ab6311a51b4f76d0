#include "syntax/parser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

#include "syntax/hashing.h"
#include "syntax/tagger.h"

namespace entente::syntax {

ArcHybridState::ArcHybridState(int num_words, int num_labels, int root_label)
    : n_(num_words),
      num_labels_(num_labels),
      root_label_(root_label),
      heads_(num_words + 1, -1),
      labels_(num_words + 1, -1),
      l1_(num_words + 1, -1),
      l2_(num_words + 1, -1),
      r1_(num_words + 1, -1),
      r2_(num_words + 1, -1),
      nl_(num_words + 1, 0),
      nr_(num_words + 1, 0),
      lset_(num_words + 1, 0),
      rset_(num_words + 1, 0) {
  stack_.reserve(num_words);
}

bool ArcHybridState::Valid(int t) const {
  if (t == 0) return b_ < n_;
  if (t <= num_labels_) {
    int label = t - 1;
    if (stack_.empty()) return false;
    if (b_ < n_) return label != root_label_;
    return stack_.size() == 1 && label == root_label_;
  }
  int label = t - 1 - num_labels_;
  return t < num_transitions() && stack_.size() >= 2 && label != root_label_;
}

void ArcHybridState::AddArc(int head, int dep, int label) {
  heads_[dep] = head;
  labels_[dep] = label;
  uint64_t bit = uint64_t{1} << (label & 63);
  if (dep < head) {
    ++nl_[head];
    lset_[head] |= bit;
    if (l1_[head] < 0 || dep < l1_[head]) {
      l2_[head] = l1_[head];
      l1_[head] = dep;
    } else if (l2_[head] < 0 || dep < l2_[head]) {
      l2_[head] = dep;
    }
  } else {
    ++nr_[head];
    rset_[head] |= bit;
    if (r1_[head] < 0 || dep > r1_[head]) {
      r2_[head] = r1_[head];
      r1_[head] = dep;
    } else if (r2_[head] < 0 || dep > r2_[head]) {
      r2_[head] = dep;
    }
  }
}

void ArcHybridState::Apply(int t) {
  if (t == 0) {
    stack_.push_back(b_++);
  } else if (t <= num_labels_) {
    int s0 = stack_.back();
    stack_.pop_back();
    AddArc(b_, s0, t - 1);
  } else {
    int s0 = stack_.back();
    stack_.pop_back();
    AddArc(stack_.back(), s0, t - 1 - num_labels_);
  }
}

int ArcHybridState::Cost(int t, std::span<const int> gold_heads,
                         std::span<const int> gold_labels) const {
  int cost = 0;
  if (t == 0) {
    const int b0 = b_;
    for (size_t i = 0; i < stack_.size(); ++i) {
      int k = stack_[i];
      if (gold_heads[k] == b0) ++cost;
      if (i + 1 < stack_.size() && gold_heads[b0] == k) ++cost;
    }
    return cost;
  }
  const int s0 = stack_.back();
  const int s1 = stack_.size() >= 2 ? stack_[stack_.size() - 2] : -1;
  const int h = gold_heads[s0];
  if (t <= num_labels_) {
    if (h != b_) {
      if ((s1 >= 0 && h == s1) || h > b_) ++cost;
    } else if (gold_labels[s0] != t - 1) {
      ++cost;
    }
  } else {
    if (h != s1) {
      if (h >= b_) ++cost;
    } else if (gold_labels[s0] != t - 1 - num_labels_) {
      ++cost;
    }
  }
  for (int d = b_; d < n_; ++d) {
    if (gold_heads[d] == s0) ++cost;
  }
  return cost;
}

bool IsProjective(std::span<const int> heads) {
  const int n = static_cast<int>(heads.size());
  for (int d = 0; d < n; ++d) {
    int h = heads[d] < 0 ? n : heads[d];
    int lo = std::min(h, d), hi = std::max(h, d);
    for (int d2 = lo + 1; d2 < hi; ++d2) {
      // Every word strictly inside the arc must have its head inside it too
      // (or be a descendant reaching it through words inside).
      int h2 = heads[d2] < 0 ? n : heads[d2];
      if (h2 < lo || h2 > hi) return false;
    }
  }
  return true;
}

namespace {

// Per-word hashes the features are made of; index n is the root.
struct ParserInput {
  std::vector<uint64_t> w, p, wp;
};

constexpr uint64_t kNullW = 0x4e554c4c57ULL, kNullP = 0x4e554c4c50ULL;
constexpr uint64_t kRootW = 0x524f4f5457ULL, kRootP = 0x524f4f5450ULL;

void Prepare(std::span<const ParserWord> words, ParserInput* in) {
  const size_t n = words.size();
  in->w.resize(n + 1);
  in->p.resize(n + 1);
  in->wp.resize(n + 1);
  std::string lower;
  for (size_t i = 0; i < n; ++i) {
    LowerAscii(words[i].form, &lower);
    in->w[i] = HashString(lower);
    in->p[i] = HashString(words[i].xpos) ^ (HashString(words[i].upos) << 1);
  }
  in->w[n] = kRootW;
  in->p[n] = kRootP;
  for (size_t i = 0; i <= n; ++i) in->wp[i] = Mix(in->w[i], in->p[i]);
}

uint64_t Bucket(int d) {
  return static_cast<uint64_t>(d <= 5 ? d : (d <= 10 ? 6 : 7));
}

// The number of features ParserFeatures writes (one per line below).
constexpr size_t kParserFeatures = 109;

void ParserFeatures(const ArcHybridState& st, const ParserInput& in,
                    std::vector<uint32_t>* out) {
  // Stored through a pointer into a presized vector: ~110 push_backs per
  // transition, each with its capacity check and call, showed in profiles.
  out->resize(kParserFeatures);
  uint32_t* o = out->data();
  size_t k = 0;
  auto w = [&](int i) { return i < 0 ? kNullW : in.w[i]; };
  auto p = [&](int i) { return i < 0 ? kNullP : in.p[i]; };
  auto wp = [&](int i) { return i < 0 ? Mix(kNullW, kNullP) : in.wp[i]; };
  auto l = [&](int i) {
    return i < 0 ? uint64_t{0xffff} : static_cast<uint64_t>(st.label(i) + 1);
  };
  const int s0 = st.Stack(0), s1 = st.Stack(1), s2 = st.Stack(2);
  const int b0 = st.Buffer(0), b1 = st.Buffer(1), b2 = st.Buffer(2);
  const int s0l = st.Leftmost(s0, 0), s0l2 = st.Leftmost(s0, 1);
  const int s0r = st.Rightmost(s0, 0), s0r2 = st.Rightmost(s0, 1);
  const int s1l = st.Leftmost(s1, 0), s1r = st.Rightmost(s1, 0);
  const int s1r2 = st.Rightmost(s1, 1);
  const int b0l = st.Leftmost(b0, 0), b0l2 = st.Leftmost(b0, 1);
  const uint64_t d = s0 >= 0 ? Bucket(b0 - s0) : 0;
  const uint64_t d2 = s1 >= 0 ? Bucket(s0 - s1) : 0;
  o[k++] = Feat(0, 0);
  // Single words.
  o[k++] = Feat(1, wp(s0));
  o[k++] = Feat(2, w(s0));
  o[k++] = Feat(3, p(s0));
  o[k++] = Feat(4, wp(b0));
  o[k++] = Feat(5, w(b0));
  o[k++] = Feat(6, p(b0));
  o[k++] = Feat(7, wp(b1));
  o[k++] = Feat(8, w(b1));
  o[k++] = Feat(9, p(b1));
  o[k++] = Feat(10, wp(b2));
  o[k++] = Feat(11, w(b2));
  o[k++] = Feat(12, p(b2));
  o[k++] = Feat(13, wp(s1));
  o[k++] = Feat(14, w(s1));
  o[k++] = Feat(15, p(s1));
  o[k++] = Feat(16, p(s2));
  o[k++] = Feat(17, w(s2));
  // Pairs: the left-arc candidates (s0, b0) and right-arc ones (s1, s0).
  o[k++] = Feat(20, wp(s0), wp(b0));
  o[k++] = Feat(21, wp(s0), w(b0));
  o[k++] = Feat(22, w(s0), wp(b0));
  o[k++] = Feat(23, wp(s0), p(b0));
  o[k++] = Feat(24, p(s0), wp(b0));
  o[k++] = Feat(25, w(s0), w(b0));
  o[k++] = Feat(26, p(s0), p(b0));
  o[k++] = Feat(27, p(b0), p(b1));
  o[k++] = Feat(28, wp(s1), wp(s0));
  o[k++] = Feat(29, wp(s1), w(s0));
  o[k++] = Feat(30, w(s1), wp(s0));
  o[k++] = Feat(31, wp(s1), p(s0));
  o[k++] = Feat(32, p(s1), wp(s0));
  o[k++] = Feat(33, w(s1), w(s0));
  o[k++] = Feat(34, p(s1), p(s0));
  o[k++] = Feat(35, w(b0), w(b1));
  o[k++] = Feat(36, wp(b0), p(b1));
  // Triples of tags.
  o[k++] = Feat(40, p(b0), p(b1), p(b2));
  o[k++] = Feat(41, p(s0), p(b0), p(b1));
  o[k++] = Feat(42, p(s1), p(s0), p(b0));
  o[k++] = Feat(43, p(s0), p(s0l), p(b0));
  o[k++] = Feat(44, p(s0), p(s0r), p(b0));
  o[k++] = Feat(45, p(s0), p(b0), p(b0l));
  o[k++] = Feat(46, p(s1), p(s0), p(s0l));
  o[k++] = Feat(47, p(s1), p(s0), p(s0r));
  o[k++] = Feat(48, p(s2), p(s1), p(s0));
  o[k++] = Feat(49, p(s1), p(s1r), p(s0));
  o[k++] = Feat(50, p(s1), p(s1l), p(s0));
  o[k++] = Feat(51, w(s1), p(s0), p(b0));
  o[k++] = Feat(52, p(s1), w(s0), p(b0));
  o[k++] = Feat(53, p(s1), p(s0), w(b0));
  // Distances.
  o[k++] = Feat(60, w(s0), d);
  o[k++] = Feat(61, p(s0), d);
  o[k++] = Feat(62, w(b0), d);
  o[k++] = Feat(63, p(b0), d);
  o[k++] = Feat(64, w(s0), w(b0), d);
  o[k++] = Feat(65, p(s0), p(b0), d);
  o[k++] = Feat(66, w(s1), d2);
  o[k++] = Feat(67, p(s1), d2);
  o[k++] = Feat(68, w(s0), d2);
  o[k++] = Feat(69, p(s0), d2);
  o[k++] = Feat(70, w(s1), w(s0), d2);
  o[k++] = Feat(71, p(s1), p(s0), d2);
  // Valencies.
  const uint64_t s0vl = static_cast<uint64_t>(st.LeftCount(s0));
  const uint64_t s0vr = static_cast<uint64_t>(st.RightCount(s0));
  const uint64_t s1vl = static_cast<uint64_t>(st.LeftCount(s1));
  const uint64_t s1vr = static_cast<uint64_t>(st.RightCount(s1));
  const uint64_t b0vl = static_cast<uint64_t>(st.LeftCount(b0));
  o[k++] = Feat(80, w(s0), s0vr);
  o[k++] = Feat(81, p(s0), s0vr);
  o[k++] = Feat(82, w(s0), s0vl);
  o[k++] = Feat(83, p(s0), s0vl);
  o[k++] = Feat(84, w(b0), b0vl);
  o[k++] = Feat(85, p(b0), b0vl);
  o[k++] = Feat(86, w(s1), s1vr);
  o[k++] = Feat(87, p(s1), s1vr);
  o[k++] = Feat(88, w(s1), s1vl);
  o[k++] = Feat(89, p(s1), s1vl);
  // Children.
  o[k++] = Feat(90, w(s0l));
  o[k++] = Feat(91, p(s0l));
  o[k++] = Feat(92, l(s0l));
  o[k++] = Feat(93, w(s0r));
  o[k++] = Feat(94, p(s0r));
  o[k++] = Feat(95, l(s0r));
  o[k++] = Feat(96, w(b0l));
  o[k++] = Feat(97, p(b0l));
  o[k++] = Feat(98, l(b0l));
  o[k++] = Feat(99, w(s1l));
  o[k++] = Feat(100, p(s1l));
  o[k++] = Feat(101, l(s1l));
  o[k++] = Feat(102, w(s1r));
  o[k++] = Feat(103, p(s1r));
  o[k++] = Feat(104, l(s1r));
  o[k++] = Feat(110, w(s0l2));
  o[k++] = Feat(111, p(s0l2));
  o[k++] = Feat(112, l(s0l2));
  o[k++] = Feat(113, w(s0r2));
  o[k++] = Feat(114, p(s0r2));
  o[k++] = Feat(115, l(s0r2));
  o[k++] = Feat(116, w(b0l2));
  o[k++] = Feat(117, p(b0l2));
  o[k++] = Feat(118, l(b0l2));
  o[k++] = Feat(119, p(s0), p(s0l), p(s0l2));
  o[k++] = Feat(120, p(s0), p(s0r), p(s0r2));
  o[k++] = Feat(121, p(b0), p(b0l), p(b0l2));
  o[k++] = Feat(122, p(s1), p(s1r), p(s1r2));
  o[k++] = Feat(123, p(s0), l(s0l), l(s0r));
  o[k++] = Feat(124, p(s1), l(s1l), l(s1r));
  // Label sets.
  o[k++] = Feat(130, w(s0), st.RightLabels(s0));
  o[k++] = Feat(131, p(s0), st.RightLabels(s0));
  o[k++] = Feat(132, w(s0), st.LeftLabels(s0));
  o[k++] = Feat(133, p(s0), st.LeftLabels(s0));
  o[k++] = Feat(134, w(b0), st.LeftLabels(b0));
  o[k++] = Feat(135, p(b0), st.LeftLabels(b0));
  o[k++] = Feat(136, w(s1), st.RightLabels(s1));
  o[k++] = Feat(137, p(s1), st.RightLabels(s1));
  // Adding a template without raising kParserFeatures would write past the
  // end; stop at once rather than corrupt memory silently.
  if (k != kParserFeatures) std::abort();
}

int BestValid(const ArcHybridState& st, const float* scores, int n) {
  int best = -1;
  for (int t = 0; t < n; ++t) {
    if (!st.Valid(t)) continue;
    if (best < 0 || scores[t] > scores[best]) best = t;
  }
  return best;
}

void ToParserWords(const ConlluSentence& s, std::vector<ParserWord>* out) {
  out->clear();
  for (const ConlluWord& w : s.words) out->push_back({w.form, w.upos, w.xpos});
}

struct Attachment {
  size_t words = 0, unlabeled = 0, labeled = 0;
};

}  // namespace

void Parser::Parse(std::span<const ParserWord> words, std::vector<int>* heads,
                   std::vector<int>* labels) const {
  const int n = static_cast<int>(words.size());
  heads->assign(n, -1);
  labels->assign(n, root_label_);
  if (n == 0) return;
  ParserInput in;
  Prepare(words, &in);
  ArcHybridState st(n, static_cast<int>(labels_.size()), root_label_);
  std::vector<uint32_t> feats;
  std::vector<float> scores(st.num_transitions());
  while (!st.Terminal()) {
    ParserFeatures(st, in, &feats);
    model_.Score(feats, scores.data());
    st.Apply(BestValid(st, scores.data(), st.num_transitions()));
  }
  for (int i = 0; i < n; ++i) {
    (*heads)[i] = st.head(i) == n ? -1 : st.head(i);
    (*labels)[i] = st.label(i);
  }
}

StatusOr<Parser> Parser::Train(const std::vector<ConlluSentence>& train,
                               const std::vector<ConlluSentence>& dev,
                               const ParserTrainOptions& options) {
  auto log = [&](const std::string& s) {
    if (options.log) options.log(s);
  };
  Parser parser;
  std::map<std::string, int> label_ids;
  auto label_of = [&](const std::string& name) {
    auto [it, inserted] =
        label_ids.emplace(name, static_cast<int>(parser.labels_.size()));
    if (inserted) parser.labels_.push_back(name);
    return it->second;
  };
  parser.root_label_ = label_of("root");
  // Gold trees in parser form (root = n), projective ones only.
  struct Gold {
    size_t sentence;
    std::vector<int> heads, labels;
  };
  std::vector<Gold> gold;
  size_t skipped = 0;
  for (size_t s = 0; s < train.size(); ++s) {
    const auto& words = train[s].words;
    const int n = static_cast<int>(words.size());
    std::vector<int> heads(n);
    bool ok = true;
    for (int i = 0; i < n; ++i) {
      heads[i] = words[i].head - 1;
      if (heads[i] >= n) ok = false;
    }
    if (!ok || !IsProjective(heads)) {
      ++skipped;
      continue;
    }
    Gold g{s, {}, {}};
    for (int i = 0; i < n; ++i) {
      g.heads.push_back(heads[i] < 0 ? n : heads[i]);
      g.labels.push_back(label_of(words[i].deprel));
    }
    gold.push_back(std::move(g));
  }
  if (gold.empty()) return InvalidArgumentError("no projective training trees");
  const int num_labels = static_cast<int>(parser.labels_.size());
  const int num_transitions = 1 + 2 * num_labels;
  log("parser: " + std::to_string(gold.size()) + " projective sentences (" +
      std::to_string(skipped) + " non-projective skipped), " +
      std::to_string(num_labels) + " labels");

  PerceptronTrainer trainer(num_transitions);
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> order(gold.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<ParserWord> words;
  std::vector<uint32_t> feats;
  std::vector<float> scores(num_transitions);
  std::vector<int> costs(num_transitions);
  ParserInput in;
  double best_las = -1;
  int best_epoch = 0;
  PerceptronModel best;
  // Dev UAS and LAS (full labels) of parser.model_.
  auto evaluate = [&]() -> std::pair<double, double> {
    Attachment att;
    std::vector<int> heads, labels;
    for (const ConlluSentence& s : dev) {
      ToParserWords(s, &words);
      parser.Parse(words, &heads, &labels);
      for (size_t i = 0; i < words.size(); ++i) {
        ++att.words;
        if (heads[i] + 1 == s.words[i].head) {
          ++att.unlabeled;
          att.labeled += parser.labels_[labels[i]] == s.words[i].deprel;
        }
      }
    }
    double uas = 100.0 * static_cast<double>(att.unlabeled) /
                 static_cast<double>(std::max<size_t>(1, att.words));
    double las = 100.0 * static_cast<double>(att.labeled) /
                 static_cast<double>(std::max<size_t>(1, att.words));
    return {uas, las};
  };
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    for (size_t i = order.size() - 1; i > 0; --i) {
      std::swap(order[i], order[rng() % (i + 1)]);
    }
    size_t steps = 0, mistakes = 0;
    for (size_t g : order) {
      const Gold& tree = gold[g];
      ToParserWords(train[tree.sentence], &words);
      Prepare(words, &in);
      ArcHybridState st(static_cast<int>(words.size()), num_labels,
                        parser.root_label_);
      while (!st.Terminal()) {
        ParserFeatures(st, in, &feats);
        trainer.Score(feats, scores.data());
        int min_cost = INT32_MAX;
        for (int t = 0; t < num_transitions; ++t) {
          costs[t] =
              st.Valid(t) ? st.Cost(t, tree.heads, tree.labels) : INT32_MAX;
          min_cost = std::min(min_cost, costs[t]);
        }
        int guess = BestValid(st, scores.data(), num_transitions);
        int best_gold = -1;
        for (int t = 0; t < num_transitions; ++t) {
          if (costs[t] != min_cost) continue;
          if (best_gold < 0 || scores[t] > scores[best_gold]) best_gold = t;
        }
        if (costs[guess] > min_cost) {
          trainer.Update(feats, best_gold, guess);
          ++mistakes;
        }
        trainer.Tick();
        ++steps;
        bool explore =
            epoch > 1 &&
            static_cast<double>(rng() >> 11) * 0x1.0p-53 < options.explore;
        st.Apply(explore ? guess : best_gold);
      }
    }
    parser.model_ = trainer.Average(0);
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    auto [uas, las] = evaluate();
    char line[256];
    std::snprintf(line, sizeof line,
                  "parser epoch %d: train errors %.2f%% of %zu transitions, "
                  "dev UAS %.2f LAS %.2f, %zu features, %.1fs",
                  epoch, 100.0 * mistakes / std::max<size_t>(1, steps), steps,
                  uas, las, trainer.num_features(), secs);
    log(line);
    double score = dev.empty() ? epoch : las;
    if (score > best_las) {
      best_las = score;
      best_epoch = epoch;
      best = std::move(parser.model_);
    }
  }
  parser.model_ = std::move(best);
  if (options.max_weights > 0 &&
      parser.model_.num_weights() > options.max_weights) {
    parser.model_.Prune(options.max_weights);
    auto [uas, las] = evaluate();
    char line[160];
    std::snprintf(line, sizeof line,
                  "parser: pruned to %zu weights: dev UAS %.2f LAS %.2f",
                  parser.model_.num_weights(), uas, las);
    log(line);
  }
  log("parser: keeping epoch " + std::to_string(best_epoch) + " (" +
      std::to_string(parser.model_.num_weights()) + " weights)");
  return parser;
}

std::string Parser::Serialize() const {
  ByteWriter out;
  out.PutVarint(labels_.size());
  for (const std::string& l : labels_) out.PutString(l);
  out.PutVarint(static_cast<uint64_t>(root_label_));
  model_.Serialize(&out);
  return out.Release();
}

StatusOr<Parser> Parser::Deserialize(std::string_view payload,
                                     const std::string& name) {
  Parser p;
  ByteReader in(payload);
  auto fail = [&](const char* what) {
    return DataLossError(name + ": malformed parser model (" + what + ")");
  };
  uint64_t n, root;
  if (!in.GetCount(1000, &n) || n == 0) return fail("labels");
  p.labels_.resize(n);
  for (std::string& l : p.labels_) {
    if (!in.GetString(&l)) return fail("labels");
  }
  if (!in.GetCount(n - 1, &root)) return fail("root label");
  p.root_label_ = static_cast<int>(root);
  if (!p.model_.Deserialize(&in)) return fail("weights");
  if (p.model_.num_classes() != static_cast<int>(1 + 2 * n)) {
    return fail("class count");
  }
  if (!in.AtEnd()) return fail("trailing bytes");
  return p;
}

Status Parser::Save(const std::string& path) const {
  return WriteModelFile(path, kMagic, kVersion, Serialize());
}

StatusOr<Parser> Parser::Load(const std::string& path) {
  StatusOr<std::string> payload = ReadModelFile(path, kMagic, kVersion);
  if (!payload.ok()) return payload.status();
  return Deserialize(*payload, path);
}

}  // namespace entente::syntax
