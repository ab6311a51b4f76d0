#include "syntax/perceptron.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace entente::syntax {

void KeyIndex::Rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot());
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    size_t i = Home(s.key);
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

void KeyIndex::Reserve(size_t n) {
  size_t capacity = 16;
  while (capacity < n * 2) capacity *= 2;
  if (capacity > slots_.size()) Rehash(capacity);
}

uint32_t KeyIndex::Insert(uint32_t key, uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) Reserve(size_ + 1);
  size_t i = Home(key);
  while (true) {
    Slot& s = slots_[i];
    if (s.key == key) return s.value;
    if (s.key == 0) {
      s.key = key;
      s.value = value;
      ++size_;
      return value;
    }
    i = (i + 1) & mask_;
  }
}

void PerceptronTrainer::Score(std::span<const uint32_t> features,
                              float* scores) const {
  for (int c = 0; c < num_classes_; ++c) scores[c] = 0;
  for (uint32_t f : features) {
    uint32_t row = index_.Find(f);
    if (row == KeyIndex::kMissing) continue;
    for (const Entry& e : rows_[row]) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::Add(uint32_t row, int cls, float delta) {
  std::vector<Entry>& entries = rows_[row];
  for (Entry& e : entries) {
    if (e.cls == static_cast<uint32_t>(cls)) {
      e.total += static_cast<double>(now_ - e.stamp) * e.weight;
      e.stamp = static_cast<uint32_t>(now_);
      e.weight += delta;
      return;
    }
  }
  entries.push_back(
      Entry{static_cast<uint32_t>(cls), static_cast<uint32_t>(now_), delta, 0});
}

void PerceptronTrainer::Update(std::span<const uint32_t> features, int truth,
                               int guess) {
  if (truth == guess) return;
  for (uint32_t f : features) {
    uint32_t row = index_.Insert(f, static_cast<uint32_t>(rows_.size()));
    if (row == rows_.size()) {
      rows_.emplace_back();
      row_keys_.push_back(f);
    }
    Add(row, truth, 1);
    Add(row, guess, -1);
  }
}

PerceptronModel PerceptronTrainer::Average(size_t max_weights) const {
  const double now = std::max<double>(1, static_cast<double>(now_));
  // Averaged weights of every entry, in key order.
  std::vector<uint32_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return row_keys_[a] < row_keys_[b];
  });
  std::vector<float> magnitudes;
  auto averaged = [&](const Entry& e) {
    return static_cast<float>(
        (e.total + (static_cast<double>(now_) - e.stamp) * e.weight) / now);
  };
  float threshold = 0;
  if (max_weights > 0) {
    for (const auto& row : rows_) {
      for (const Entry& e : row) magnitudes.push_back(std::fabs(averaged(e)));
    }
    if (magnitudes.size() > max_weights) {
      auto nth = magnitudes.end() - static_cast<std::ptrdiff_t>(max_weights);
      std::nth_element(magnitudes.begin(), nth, magnitudes.end());
      threshold = *nth;
    }
    magnitudes = {};
  }
  std::vector<uint32_t> keys, starts;
  HugePageVector<PerceptronModel::Weight> weights;
  for (uint32_t r : order) {
    size_t first = weights.size();
    for (const Entry& e : rows_[r]) {
      float w = averaged(e);
      if (w == 0 || std::fabs(w) < threshold) continue;
      weights.push_back({e.cls, w});
    }
    if (weights.size() == first) continue;
    std::sort(weights.begin() + static_cast<std::ptrdiff_t>(first),
              weights.end(),
              [](const auto& a, const auto& b) { return a.cls < b.cls; });
    keys.push_back(row_keys_[r]);
    starts.push_back(static_cast<uint32_t>(first));
  }
  starts.push_back(static_cast<uint32_t>(weights.size()));
  PerceptronModel model;
  model.Build(num_classes_, std::move(keys), std::move(starts),
              std::move(weights));
  return model;
}

void PerceptronModel::Build(int num_classes, std::vector<uint32_t> keys,
                            std::vector<uint32_t> starts,
                            HugePageVector<Weight> weights) {
  num_classes_ = num_classes;
  keys_ = std::move(keys);
  starts_ = std::move(starts);
  weights_ = std::move(weights);
  // Load factor at most 0.5: most features looked up are absent, and an
  // absent key is only known at the next empty slot, so fuller tables pay
  // in probes more than they gain in cache hits (measured: 0.625 was ~8%
  // slower).
  size_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot());
  mask_ = capacity - 1;
  for (size_t r = 0; r < keys_.size(); ++r) {
    size_t i = Home(keys_[r]);
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    Slot& slot = slots_[i];
    slot.key = keys_[r];
    const uint32_t begin = starts_[r], end = starts_[r + 1];
    if (end > begin && end - begin <= 2) {
      slot.cls0 = static_cast<uint16_t>(weights_[begin].cls);
      slot.x = std::bit_cast<uint32_t>(weights_[begin].weight);
      slot.cls1 = kNoClass;
      if (end - begin == 2) {
        slot.cls1 = static_cast<uint16_t>(weights_[begin + 1].cls);
        slot.y = std::bit_cast<uint32_t>(weights_[begin + 1].weight);
      }
    } else {
      slot.cls0 = kRun;
      slot.x = begin;
      slot.y = end;
    }
  }
}

void PerceptronModel::Score(std::span<const uint32_t> features,
                            float* scores) const {
  for (int c = 0; c < num_classes_; ++c) scores[c] = 0;
  if (slots_.empty()) return;
  // The tables are far larger than the caches: look features up in batches,
  // prefetching every home slot first and then every run of weights, so
  // that the memory accesses overlap instead of following one another.
  // Weights are added feature by feature in the given order whatever their
  // storage, so scores do not depend on the layout.
  constexpr size_t kBatch = 64;
  const Slot* found[kBatch];
  for (size_t base = 0; base < features.size(); base += kBatch) {
    const size_t n = std::min(kBatch, features.size() - base);
    const uint32_t* f = features.data() + base;
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[Home(f[i])]);
    size_t hits = 0;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = Home(f[i]);; j = (j + 1) & mask_) {
        const Slot& slot = slots_[j];
        if (slot.key == f[i]) {
          if (slot.cls0 == kRun) __builtin_prefetch(&weights_[slot.x]);
          found[hits++] = &slot;
          break;
        }
        if (slot.key == 0) break;
      }
    }
    for (size_t i = 0; i < hits; ++i) {
      const Slot& slot = *found[i];
      if (slot.cls0 != kRun) {
        scores[slot.cls0] += std::bit_cast<float>(slot.x);
        if (slot.cls1 != kNoClass) {
          scores[slot.cls1] += std::bit_cast<float>(slot.y);
        }
        continue;
      }
      for (uint32_t k = slot.x; k < slot.y; ++k) {
        scores[weights_[k].cls] += weights_[k].weight;
      }
    }
  }
}

void PerceptronModel::Prune(size_t max_weights) {
  if (weights_.size() <= max_weights) return;
  std::vector<float> magnitudes;
  magnitudes.reserve(weights_.size());
  for (const Weight& w : weights_) magnitudes.push_back(std::fabs(w.weight));
  auto nth = magnitudes.end() - static_cast<std::ptrdiff_t>(max_weights);
  std::nth_element(magnitudes.begin(), nth, magnitudes.end());
  const float threshold = *nth;
  std::vector<uint32_t> keys, starts;
  HugePageVector<Weight> weights;
  for (size_t r = 0; r < keys_.size(); ++r) {
    size_t first = weights.size();
    for (uint32_t i = starts_[r]; i < starts_[r + 1]; ++i) {
      if (std::fabs(weights_[i].weight) >= threshold &&
          weights.size() < max_weights) {
        weights.push_back(weights_[i]);
      }
    }
    if (weights.size() == first) continue;
    keys.push_back(keys_[r]);
    starts.push_back(static_cast<uint32_t>(first));
  }
  starts.push_back(static_cast<uint32_t>(weights.size()));
  Build(num_classes_, std::move(keys), std::move(starts), std::move(weights));
}

// Layout: num_classes, scale, num_rows, then per row: key delta (varint),
// number of weights (varint), and per weight: class delta (varint) and the
// weight as int16 (weight = q * scale).
void PerceptronModel::Serialize(ByteWriter* out) const {
  float max_abs = 0;
  for (const Weight& w : weights_)
    max_abs = std::max(max_abs, std::fabs(w.weight));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  out->PutVarint(static_cast<uint64_t>(num_classes_));
  out->PutFloat(scale);
  out->PutVarint(keys_.size());
  uint32_t prev_key = 0;
  for (size_t r = 0; r < keys_.size(); ++r) {
    out->PutVarint(keys_[r] - prev_key);
    prev_key = keys_[r];
    out->PutVarint(starts_[r + 1] - starts_[r]);
    uint32_t prev_cls = 0;
    for (uint32_t i = starts_[r]; i < starts_[r + 1]; ++i) {
      out->PutVarint(weights_[i].cls - prev_cls);
      prev_cls = weights_[i].cls;
      auto q = static_cast<int16_t>(std::lround(weights_[i].weight / scale));
      uint16_t bits = static_cast<uint16_t>(q);
      out->PutU8(static_cast<uint8_t>(bits));
      out->PutU8(static_cast<uint8_t>(bits >> 8));
    }
  }
}

bool PerceptronModel::Deserialize(ByteReader* in) {
  uint64_t num_classes, num_rows;
  float scale;
  if (!in->GetCount(kNoClass, &num_classes) || num_classes == 0 ||
      !in->GetFloat(&scale) || !std::isfinite(scale) ||
      !in->GetCount(in->remaining() / 2, &num_rows)) {
    return false;
  }
  std::vector<uint32_t> keys, starts;
  HugePageVector<Weight> weights;
  keys.reserve(num_rows);
  starts.reserve(num_rows + 1);
  weights.reserve(in->remaining() / 3);  // A weight takes at least 3 bytes.
  uint64_t key = 0;
  for (uint64_t r = 0; r < num_rows; ++r) {
    uint64_t delta, n;
    if (!in->GetVarint(&delta) || (r > 0 && delta == 0)) return false;
    key += delta;
    if (key == 0 || key > UINT32_MAX) return false;
    if (!in->GetCount(num_classes, &n)) return false;
    keys.push_back(static_cast<uint32_t>(key));
    starts.push_back(static_cast<uint32_t>(weights.size()));
    uint64_t cls = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t d;
      uint8_t lo, hi;
      if (!in->GetVarint(&d) || !in->GetU8(&lo) || !in->GetU8(&hi)) {
        return false;
      }
      cls += d;
      if (cls >= num_classes || (i > 0 && d == 0)) return false;
      auto q = static_cast<int16_t>(static_cast<uint16_t>(lo | (hi << 8)));
      weights.push_back({static_cast<uint32_t>(cls), q * scale});
    }
  }
  starts.push_back(static_cast<uint32_t>(weights.size()));
  Build(static_cast<int>(num_classes), std::move(keys), std::move(starts),
        std::move(weights));
  return true;
}

}  // namespace entente::syntax
