#include "entities/ner_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "corpus/conllu.h"
#include "entente/text.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/place_matcher.h"

namespace entente {
namespace {

constexpr char kMagic[4] = {'E', 'N', 'E', 'R'};
constexpr uint32_t kVersion = 1;

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

uint64_t Feature(uint8_t templ, std::string_view value) {
  uint64_t h = kFnvOffset;
  h ^= templ;
  h *= kFnvPrime;
  return Fnv(h, value);
}

// Lower-cased with digits folded to '0' ("F-16" -> "f-00").
std::string Norm(std::string_view w) {
  std::string out(w);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      c = '0';
    }
  }
  return out;
}

// Word shape with runs capped at two: "Pezeshkian" -> "Xxx" would lose the
// length signal entirely, so runs keep two ("Xxx"), "S-400" -> "X-dd".
std::string Shape(std::string_view w) {
  std::string out;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
    } else if (c >= '0' && c <= '9') {
      s = 'd';
    } else if (c >= 0x80) {
      // A Latin-1 capital (C3 80..9E) starts an upper-case letter.
      if (c == 0xC3 && i + 1 < w.size() &&
          static_cast<unsigned char>(w[i + 1]) <= 0x9E) {
        s = 'X';
      } else {
        s = 'x';
      }
      while (i + 1 < w.size() &&
             (static_cast<unsigned char>(w[i + 1]) & 0xC0) == 0x80) {
        ++i;
      }
    } else {
      s = static_cast<char>(c);
    }
    if (s == last) {
      if (++run > 2) continue;
    } else {
      run = 1;
      last = s;
    }
    out.push_back(s);
  }
  return out;
}

std::string_view TokenText(std::string_view text, const Token& t) {
  if (t.start > t.end || t.end > text.size()) return {};
  return text.substr(t.start, t.end - t.start);
}

char GazetteerClass(const NerResources& r, std::string_view w) {
  if (r.gazetteer == nullptr || w.empty()) return 0;
  std::string key;
  AppendNormalizedWord(w, &key);
  const GazetteerEntry* e = r.gazetteer->Find(key);
  if (e == nullptr) return 0;
  switch (e->kind) {
    case PlaceKind::kName:
      return 'N';
    case PlaceKind::kDemonym:
      return 'D';
    case PlaceKind::kCapital:
      return 'K';
    case PlaceKind::kPlace:
      return 'P';
    case PlaceKind::kSubdivision:
    case PlaceKind::kCity:  // The model was trained before cities came.
      return 'S';
    case PlaceKind::kLocation:
      return 'L';
    case PlaceKind::kBlocker:
      return 'B';
  }
  return 0;
}

}  // namespace

void NerFeatures(std::string_view text, const std::vector<Token>& tokens,
                 size_t first, size_t end, size_t i, uint8_t prev,
                 uint8_t prev2, const NerResources& r,
                 std::vector<uint64_t>* out) {
  out->clear();
  auto word = [&](ptrdiff_t k) -> std::string_view {
    if (k < static_cast<ptrdiff_t>(first)) return "<s>";
    if (k >= static_cast<ptrdiff_t>(end)) return "</s>";
    std::string_view w = TokenText(text, tokens[k]);
    return w.empty() ? std::string_view("<unk>") : w;
  };
  const ptrdiff_t p = static_cast<ptrdiff_t>(i);
  const std::string_view w0 = word(p);
  const std::string n0 = Norm(w0), nm1 = Norm(word(p - 1)),
                    np1 = Norm(word(p + 1));
  const std::string s0 = Shape(w0), sm1 = Shape(word(p - 1)),
                    sp1 = Shape(word(p + 1));
  const char pl[2] = {static_cast<char>('0' + prev), 0};
  const std::string pp =
      std::string(1, '0' + prev) + std::string(1, '0' + prev2);
  auto add = [&](uint8_t t, std::string_view v) {
    out->push_back(Feature(t, v));
  };
  add(1, "");
  add(2, n0);
  add(3, w0);
  for (size_t k = 2; k <= 3 && k <= n0.size(); ++k) {
    add(static_cast<uint8_t>(2 + k), n0.substr(0, k));  // 4, 5
  }
  for (size_t k = 2; k <= 4 && k <= n0.size(); ++k) {
    add(static_cast<uint8_t>(4 + k), n0.substr(n0.size() - k));  // 6..8
  }
  add(9, s0);
  add(10, nm1);
  add(11, np1);
  add(12, Norm(word(p - 2)));
  add(13, Norm(word(p + 2)));
  add(14, sm1);
  add(15, sp1);
  add(16, sm1 + " " + s0 + " " + sp1);
  add(17, pl);
  add(18, pp);
  add(19, std::string(pl) + s0);
  add(20, std::string(pl) + n0);
  add(21, nm1 + " " + n0);
  add(22, n0 + " " + np1);
  if (i == first) add(23, s0);
  if (r.gazetteer != nullptr) {
    for (int d = -1; d <= 1; ++d) {
      if (p + d < static_cast<ptrdiff_t>(first) ||
          p + d >= static_cast<ptrdiff_t>(end)) {
        continue;
      }
      const char g = GazetteerClass(r, word(p + d));
      if (g != 0) add(static_cast<uint8_t>(25 + d), std::string(1, g));
    }
  }
  if (r.lexicon != nullptr) {
    const std::string_view tm1 = r.lexicon->TitleRole(Norm(word(p - 1)));
    if (!tm1.empty()) add(27, tm1);
    const std::string_view t0 = r.lexicon->TitleRole(n0);
    if (!t0.empty()) add(28, t0);
    const std::string_view h0 = r.lexicon->OrgHeadRole(n0);
    if (!h0.empty()) add(29, h0);
    const std::string_view hp1 = r.lexicon->OrgHeadRole(np1);
    if (!hp1.empty()) add(30, hp1);
    if (const LexiconEntry* e = r.lexicon->Find(w0)) {
      add(31, std::string(1, 'a' + static_cast<char>(e->kind)));
    }
  }
}

const float* NerModel::Weights(uint64_t key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &weights_[it->second * kNumNerLabels];
}

namespace {

bool Allowed(uint8_t label, uint8_t prev) {
  if (label == 0 || label % 2 == 1) return true;  // O or B-*.
  return prev == label || prev == label - 1;      // I-X after B-X or I-X.
}

// Greedy decoding with a weight lookup `w(key)` returning nullptr or a
// pointer to kNumNerLabels floats.
template <typename Lookup>
void Decode(std::string_view text, const std::vector<Token>& tokens,
            size_t first, size_t end, const NerResources& r, Lookup w,
            std::vector<uint8_t>* labels) {
  labels->assign(end - first, 0);
  std::vector<uint64_t> feats;
  for (size_t i = first; i < end; ++i) {
    const uint8_t prev = i > first ? (*labels)[i - first - 1] : 0;
    const uint8_t prev2 = i > first + 1 ? (*labels)[i - first - 2] : 0;
    NerFeatures(text, tokens, first, end, i, prev, prev2, r, &feats);
    float scores[kNumNerLabels] = {};
    for (uint64_t f : feats) {
      if (const float* ws = w(f)) {
        for (int l = 0; l < kNumNerLabels; ++l) scores[l] += ws[l];
      }
    }
    uint8_t best = 0;
    for (uint8_t l = 1; l < kNumNerLabels; ++l) {
      if (Allowed(l, prev) && scores[l] > scores[best]) best = l;
    }
    (*labels)[i - first] = best;
  }
}

std::vector<NerSpan> SpansOf(const std::vector<uint8_t>& labels,
                             size_t offset) {
  std::vector<NerSpan> spans;
  for (size_t i = 0; i < labels.size();) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    const NerType type = static_cast<NerType>((labels[i] - 1) / 2);
    size_t j = i + 1;
    while (j < labels.size() && labels[j] == NerInside(type)) ++j;
    spans.push_back({offset + i, offset + j, type});
    i = j;
  }
  return spans;
}

}  // namespace

std::vector<NerSpan> NerModel::Tag(std::string_view text,
                                   const std::vector<Token>& tokens,
                                   size_t first, size_t end,
                                   const NerResources& r) const {
  end = std::min(end, tokens.size());
  if (first >= end || keys_.empty()) return {};
  std::vector<uint8_t> labels;
  Decode(
      text, tokens, first, end, r, [this](uint64_t k) { return Weights(k); },
      &labels);
  return SpansOf(labels, first);
}

// --- serialization ---

namespace {

template <typename T>
void Put(std::string* out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

template <typename T>
bool Get(std::string_view bytes, size_t* pos, T* v) {
  if (*pos > bytes.size() || bytes.size() - *pos < sizeof(T)) return false;
  std::memcpy(v, bytes.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return true;
}

}  // namespace

std::string NerModel::Serialize() const {
  std::string out(kMagic, 4);
  Put<uint32_t>(&out, kVersion);
  Put<uint32_t>(&out, kNumNerLabels);
  Put<uint32_t>(&out, static_cast<uint32_t>(keys_.size()));
  for (uint64_t k : keys_) Put<uint64_t>(&out, k);
  for (float w : weights_) Put<float>(&out, w);
  Put<uint64_t>(&out, Fnv(kFnvOffset, out));
  return out;
}

StatusOr<NerModel> NerModel::Deserialize(std::string_view bytes,
                                         std::string_view name) {
  auto corrupt = [&](std::string_view why) {
    return DataLossError(std::string(name) +
                         ": not a valid entente NER model (" +
                         std::string(why) + ")");
  };
  if (bytes.size() < 24 || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return corrupt("bad magic");
  }
  size_t pos = 4;
  uint32_t version = 0, labels = 0, count = 0;
  (void)Get(bytes, &pos, &version);
  (void)Get(bytes, &pos, &labels);
  (void)Get(bytes, &pos, &count);
  if (version != kVersion) {
    return corrupt("version " + std::to_string(version) + ", want " +
                   std::to_string(kVersion));
  }
  if (labels != kNumNerLabels) return corrupt("wrong label count");
  const uint64_t want = 16ull + count * 8ull + count * 4ull * kNumNerLabels + 8;
  if (bytes.size() != want) return corrupt("truncated or wrong size");
  uint64_t checksum = 0;
  size_t sum_pos = bytes.size() - 8;
  (void)Get(bytes, &sum_pos, &checksum);
  if (checksum != Fnv(kFnvOffset, bytes.substr(0, bytes.size() - 8))) {
    return corrupt("checksum mismatch");
  }
  NerModel m;
  m.keys_.resize(count);
  m.weights_.resize(static_cast<size_t>(count) * kNumNerLabels);
  for (uint32_t i = 0; i < count; ++i) (void)Get(bytes, &pos, &m.keys_[i]);
  for (float& w : m.weights_) {
    (void)Get(bytes, &pos, &w);
    if (!std::isfinite(w)) return corrupt("non-finite weight");
  }
  m.index_.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (!m.index_.emplace(m.keys_[i], i).second) {
      return corrupt("duplicate feature");
    }
  }
  return m;
}

StatusOr<NerModel> NerModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open NER model");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read error");
  return Deserialize(ss.str(), path);
}

Status NerModel::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot write");
  const std::string bytes = Serialize();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError(path + ": write failed");
  return Status::Ok();
}

// --- evaluation and training ---

NerScores EvaluateNer(const NerModel& model,
                      const std::vector<NerExample>& examples,
                      const NerResources& r) {
  NerScores s;
  for (const NerExample& ex : examples) {
    const std::vector<NerSpan> gold = SpansOf(ex.labels, 0);
    const std::vector<NerSpan> pred =
        model.Tag(ex.text, ex.tokens, 0, ex.tokens.size(), r);
    s.gold += gold.size();
    s.predicted += pred.size();
    for (const NerSpan& p : pred) {
      for (const NerSpan& g : gold) {
        if (g.first == p.first && g.end == p.end && g.type == p.type) {
          ++s.correct;
          break;
        }
      }
    }
  }
  return s;
}

class NerTrainer {
 public:
  struct Entry {
    float w[kNumNerLabels] = {};
    double total[kNumNerLabels] = {};
    uint64_t stamp[kNumNerLabels] = {};
  };

  void Update(const std::vector<uint64_t>& feats, uint8_t label, float delta) {
    for (uint64_t f : feats) {
      Entry& e = weights_[f];
      e.total[label] += static_cast<double>(now_ - e.stamp[label]) * e.w[label];
      e.stamp[label] = now_;
      e.w[label] += delta;
    }
  }

  const float* Current(uint64_t f) const {
    auto it = weights_.find(f);
    return it == weights_.end() ? nullptr : it->second.w;
  }

  NerModel Averaged(float prune) const {
    NerModel m;
    std::vector<std::pair<uint64_t, std::array<float, kNumNerLabels>>> rows;
    for (const auto& [key, e] : weights_) {
      std::array<float, kNumNerLabels> avg;
      bool keep = false;
      for (int l = 0; l < kNumNerLabels; ++l) {
        const double total =
            e.total[l] + static_cast<double>(now_ - e.stamp[l]) * e.w[l];
        avg[l] = now_ > 0 ? static_cast<float>(total / now_) : 0;
        keep = keep || std::fabs(avg[l]) >= prune;
      }
      if (keep) rows.emplace_back(key, avg);
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, avg] : rows) {
      m.index_.emplace(key, static_cast<uint32_t>(m.keys_.size()));
      m.keys_.push_back(key);
      m.weights_.insert(m.weights_.end(), avg.begin(), avg.end());
    }
    return m;
  }

  void Tick() { ++now_; }

 private:
  std::unordered_map<uint64_t, Entry> weights_;
  uint64_t now_ = 0;
};

StatusOr<NerModel> TrainNer(const std::vector<NerExample>& train,
                            const std::vector<NerExample>& dev,
                            const NerResources& r,
                            const NerTrainOptions& options) {
  if (train.empty()) return InvalidArgumentError("no training sentences");
  NerTrainer trainer;
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  NerModel best;
  double best_f1 = -1;
  int best_epoch = 0;
  std::vector<uint64_t> feats;
  for (int epoch = 1; epoch <= std::max(1, options.epochs); ++epoch) {
    // Fisher-Yates with our own index draw, so the order is the same with
    // every standard library.
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[rng() % i]);
    }
    size_t errors = 0, seen = 0;
    for (size_t idx : order) {
      const NerExample& ex = train[idx];
      std::vector<uint8_t> pred(ex.tokens.size(), 0);
      for (size_t i = 0; i < ex.tokens.size(); ++i) {
        const uint8_t prev = i > 0 ? pred[i - 1] : 0;
        const uint8_t prev2 = i > 1 ? pred[i - 2] : 0;
        NerFeatures(ex.text, ex.tokens, 0, ex.tokens.size(), i, prev, prev2, r,
                    &feats);
        float scores[kNumNerLabels] = {};
        for (uint64_t f : feats) {
          if (const float* ws = trainer.Current(f)) {
            for (int l = 0; l < kNumNerLabels; ++l) scores[l] += ws[l];
          }
        }
        uint8_t guess = 0;
        for (uint8_t l = 1; l < kNumNerLabels; ++l) {
          if (Allowed(l, prev) && scores[l] > scores[guess]) guess = l;
        }
        trainer.Tick();
        const uint8_t gold = ex.labels[i];
        if (guess != gold) {
          ++errors;
          trainer.Update(feats, gold, 1.0f);
          trainer.Update(feats, guess, -1.0f);
        }
        ++seen;
        // Follow the gold history where the gold label is reachable, so
        // early mistakes do not derail the rest of the sentence.
        pred[i] = Allowed(gold, prev) ? gold : guess;
      }
    }
    NerModel model = trainer.Averaged(options.prune);
    const NerScores s = EvaluateNer(model, dev.empty() ? train : dev, r);
    if (options.log) {
      char line[200];
      std::snprintf(line, sizeof(line),
                    "epoch %d: train token errors %.2f%%, %s P %.3f R %.3f "
                    "F1 %.3f, %zu features",
                    epoch, 100.0 * errors / std::max<size_t>(1, seen),
                    dev.empty() ? "train" : "dev", s.precision(), s.recall(),
                    s.f1(), model.num_features());
      options.log(line);
    }
    if (s.f1() > best_f1) {
      best_f1 = s.f1();
      best_epoch = epoch;
      best = std::move(model);
    }
  }
  if (options.log) {
    options.log("best epoch " + std::to_string(best_epoch));
  }
  return best;
}

// --- GUM CoNLL-U ---

namespace {

struct GumMention {
  int first_word = 0, last_word = 0;
  NerType type = NerType::kPerson;
};

bool ProperTag(const ConlluWord& w) {
  return w.xpos == "NNP" || w.xpos == "NNPS";
}

bool Connector(const ConlluWord& w) {
  static const char* const kWords[] = {"of", "and", "for", "the", "de",  "du",
                                       "la", "von", "van", "al",  "bin", "&",
                                       "'s", "’s",  "-",   "on",  "in"};
  for (const char* k : kWords) {
    if (w.form == k) return true;
  }
  return w.xpos == "POS" || w.xpos == "HYPH";
}

// Parses the Entity= value of every word into mentions of the three types.
std::vector<GumMention> ParseMentions(const ConlluSentence& s) {
  std::vector<GumMention> out;
  std::map<int, std::vector<std::pair<int, std::string>>> open;
  auto add = [&](int first, int last, const std::string& etype) {
    NerType t;
    if (etype == "person") {
      t = NerType::kPerson;
    } else if (etype == "organization") {
      t = NerType::kOrganization;
    } else if (etype == "place") {
      t = NerType::kPlace;
    } else {
      return;
    }
    out.push_back({first, last, t});
  };
  for (int w = 0; w < static_cast<int>(s.words.size()); ++w) {
    std::string_view misc = s.words[w].misc;
    size_t p = misc.find("Entity=");
    if (p == std::string_view::npos) continue;
    if (p > 0 && misc[p - 1] != '|') continue;
    std::string_view v = misc.substr(p + 7);
    v = v.substr(0, v.find('|'));
    size_t pos = 0;
    while (pos < v.size()) {
      if (v[pos] == '(') {
        size_t stop = v.find_first_of("()", pos + 1);
        if (stop == std::string_view::npos) stop = v.size();
        const std::string_view content = v.substr(pos + 1, stop - pos - 1);
        const size_t d1 = content.find('-');
        if (d1 == std::string_view::npos) break;
        const size_t d2 = content.find('-', d1 + 1);
        const int id = std::atoi(std::string(content.substr(0, d1)).c_str());
        const std::string etype(content.substr(
            d1 + 1, d2 == std::string_view::npos ? std::string_view::npos
                                                 : d2 - d1 - 1));
        if (stop < v.size() && v[stop] == ')') {
          add(w, w, etype);
          pos = stop + 1;
        } else {
          open[id].emplace_back(w, etype);
          pos = stop;
        }
      } else if (v[pos] >= '0' && v[pos] <= '9') {
        size_t q = pos;
        while (q < v.size() && v[q] >= '0' && v[q] <= '9') ++q;
        const int id = std::atoi(std::string(v.substr(pos, q - pos)).c_str());
        auto it = open.find(id);
        if (it != open.end() && !it->second.empty()) {
          add(it->second.back().first, w, it->second.back().second);
          it->second.pop_back();
        }
        pos = q + 1;  // Past the ')'.
      } else {
        ++pos;
      }
    }
  }
  return out;
}

}  // namespace

StatusOr<std::vector<NerExample>> ReadGumNerExamples(const std::string& path) {
  StatusOr<std::vector<ConlluSentence>> sentences = ReadConlluFile(path);
  if (!sentences.ok()) return sentences.status();
  std::vector<NerExample> out;
  out.reserve(sentences->size());
  for (const ConlluSentence& s : *sentences) {
    NerExample ex;
    // Character span of every word in the rebuilt text.
    std::vector<std::pair<uint32_t, uint32_t>> word_span(s.words.size());
    for (const ConlluToken& t : s.tokens) {
      const uint32_t start = static_cast<uint32_t>(ex.text.size());
      ex.text += t.form;
      const uint32_t end = static_cast<uint32_t>(ex.text.size());
      for (int w = t.first_word;
           w <= t.last_word && w < static_cast<int>(s.words.size()); ++w) {
        if (w >= 0) word_span[w] = {start, end};
      }
      if (t.space_after) ex.text.push_back(' ');
    }
    // Trim to proper nouns; keep the outermost of nested mentions.
    std::vector<GumMention> mentions;
    for (GumMention m : ParseMentions(s)) {
      while (m.first_word <= m.last_word && !ProperTag(s.words[m.first_word])) {
        ++m.first_word;
      }
      while (m.last_word >= m.first_word && !ProperTag(s.words[m.last_word])) {
        --m.last_word;
      }
      if (m.first_word > m.last_word) continue;
      bool proper = true;
      for (int w = m.first_word; w <= m.last_word && proper; ++w) {
        proper = ProperTag(s.words[w]) || Connector(s.words[w]);
      }
      if (proper) mentions.push_back(m);
    }
    std::stable_sort(mentions.begin(), mentions.end(),
                     [](const GumMention& a, const GumMention& b) {
                       return a.last_word - a.first_word >
                              b.last_word - b.first_word;
                     });
    std::vector<int> owner(s.words.size(), -1);
    std::vector<GumMention> chosen;
    for (const GumMention& m : mentions) {
      bool free = true;
      for (int w = m.first_word; w <= m.last_word && free; ++w) {
        free = owner[w] < 0;
      }
      if (!free) continue;
      for (int w = m.first_word; w <= m.last_word; ++w) {
        owner[w] = static_cast<int>(chosen.size());
      }
      chosen.push_back(m);
    }
    ex.tokens = Tokenize(ex.text);
    ex.labels.assign(ex.tokens.size(), 0);
    for (const GumMention& m : chosen) {
      const uint32_t start = word_span[m.first_word].first;
      const uint32_t end = word_span[m.last_word].second;
      bool first = true;
      for (size_t i = 0; i < ex.tokens.size(); ++i) {
        const Token& t = ex.tokens[i];
        if (t.start < start || t.start >= end) continue;
        ex.labels[i] = first ? NerBegin(m.type) : NerInside(m.type);
        first = false;
      }
    }
    out.push_back(std::move(ex));
  }
  return out;
}

}  // namespace entente
