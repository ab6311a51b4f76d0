#include "syntax/tagger.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

#include "syntax/hashing.h"

namespace entente::syntax {

void LowerAscii(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Precomputed hashes of one word, so that features are cheap to combine.
struct TaggerWordInfo {
  uint64_t form, lower, shape, flags;
  uint64_t ambiguity;  // The set of tags seen with the word in training.
  uint64_t suffix[4], prefix[3];
};

namespace {

using WordInfo = TaggerWordInfo;

enum : uint64_t {
  kHasDigit = 1,
  kHasHyphen = 2,
  kInitialUpper = 4,
  kAllUpper = 8,
  kHasLower = 16,
  kFirstWord = 32,
};

constexpr uint64_t kStart = 0x5354415254ULL, kStart2 = 0x5354415232ULL;
constexpr uint64_t kEnd = 0x454e44ULL, kEnd2 = 0x454e4432ULL;

void ComputeInfo(std::string_view word, bool first, std::string* lower,
                 WordInfo* info) {
  LowerAscii(word, lower);
  info->form = HashString(word);
  info->lower = HashString(*lower);
  // Shape: X for upper, x for lower, d for digits, other bytes as they are;
  // runs of the same shape character are collapsed beyond two.
  uint64_t h = 0xcbf29ce484222325ULL;
  char last = 0;
  int run = 0;
  uint64_t flags = first ? uint64_t{kFirstWord} : uint64_t{0};
  bool all_upper = true;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    char s = c;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
      if (i == 0) flags |= kInitialUpper;
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
      all_upper = false;
      flags |= kHasLower;
    } else if (c >= '0' && c <= '9') {
      s = 'd';
      flags |= kHasDigit;
    } else if (c == '-') {
      flags |= kHasHyphen;
    }
    run = s == last ? run + 1 : 1;
    last = s;
    if (run > 2) continue;
    h ^= static_cast<unsigned char>(s);
    h *= 0x100000001b3ULL;
  }
  if (all_upper && (flags & kInitialUpper)) flags |= kAllUpper;
  info->shape = h;
  info->flags = flags;
  const std::string& l = *lower;
  for (size_t n = 1; n <= 4; ++n) {
    info->suffix[n - 1] = HashString(
        std::string_view(l).substr(l.size() - std::min(n, l.size())));
  }
  for (size_t n = 1; n <= 3; ++n) {
    info->prefix[n - 1] = HashString(std::string_view(l).substr(0, n));
  }
}

void ComputeInfos(std::span<const std::string_view> words,
                  std::vector<WordInfo>* infos) {
  infos->resize(words.size());
  std::string lower;
  for (size_t i = 0; i < words.size(); ++i) {
    ComputeInfo(words[i], i == 0, &lower, &(*infos)[i]);
  }
}

void Features(const std::vector<WordInfo>& w, size_t i, uint64_t prev,
              uint64_t prev2, std::vector<uint32_t>* out) {
  out->clear();
  const WordInfo& x = w[i];
  const size_t n = w.size();
  uint64_t lower_m1 = i >= 1 ? w[i - 1].lower : kStart;
  uint64_t lower_m2 = i >= 2 ? w[i - 2].lower : (i >= 1 ? kStart : kStart2);
  uint64_t lower_p1 = i + 1 < n ? w[i + 1].lower : kEnd;
  uint64_t lower_p2 = i + 2 < n ? w[i + 2].lower : (i + 1 < n ? kEnd : kEnd2);
  uint64_t suf3_m1 = i >= 1 ? w[i - 1].suffix[2] : kStart;
  uint64_t suf3_p1 = i + 1 < n ? w[i + 1].suffix[2] : kEnd;
  uint64_t shape_m1 = i >= 1 ? w[i - 1].shape : kStart;
  uint64_t shape_p1 = i + 1 < n ? w[i + 1].shape : kEnd;
  uint64_t flags_p1 = i + 1 < n ? w[i + 1].flags : kEnd;
  out->push_back(Feat(0, 0));
  out->push_back(Feat(1, x.lower));
  out->push_back(Feat(2, x.form));
  for (uint32_t k = 0; k < 4; ++k) out->push_back(Feat(3 + k, x.suffix[k]));
  for (uint32_t k = 0; k < 3; ++k) out->push_back(Feat(7 + k, x.prefix[k]));
  out->push_back(Feat(10, x.shape));
  out->push_back(Feat(11, prev));
  out->push_back(Feat(12, prev2));
  out->push_back(Feat(13, prev, prev2));
  out->push_back(Feat(14, prev, x.lower));
  out->push_back(Feat(15, lower_m1));
  out->push_back(Feat(16, lower_m2));
  out->push_back(Feat(17, lower_p1));
  out->push_back(Feat(18, lower_p2));
  out->push_back(Feat(19, suf3_m1));
  out->push_back(Feat(20, suf3_p1));
  out->push_back(Feat(21, shape_p1));
  out->push_back(Feat(22, shape_m1));
  out->push_back(Feat(23, lower_m1, x.lower));
  out->push_back(Feat(24, x.lower, lower_p1));
  out->push_back(Feat(25, prev, x.suffix[2]));
  out->push_back(Feat(26, prev, lower_p1));
  out->push_back(Feat(27, x.flags));
  out->push_back(Feat(28, x.flags & kFirstWord, x.lower));
  out->push_back(Feat(29, lower_p1, lower_p2));
  out->push_back(Feat(30, lower_m1, lower_p1));
  out->push_back(Feat(31, prev, x.shape));
  out->push_back(Feat(32, x.suffix[1], lower_p1));
  out->push_back(Feat(33, flags_p1));
  out->push_back(Feat(34, prev, prev2, x.suffix[2]));
  uint64_t amb_p1 = i + 1 < n ? w[i + 1].ambiguity : kEnd;
  uint64_t amb_p2 = i + 2 < n ? w[i + 2].ambiguity : kEnd;
  out->push_back(Feat(40, x.ambiguity));
  out->push_back(Feat(41, amb_p1));
  out->push_back(Feat(42, x.ambiguity, amb_p1));
  out->push_back(Feat(43, prev, x.ambiguity));
  out->push_back(Feat(44, amb_p1, amb_p2));
  out->push_back(Feat(45, x.ambiguity, lower_p1));
  out->push_back(Feat(46, lower_m1, x.ambiguity));
}

int ArgMax(const float* scores, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

constexpr uint64_t kUnknownWord = 0x554e4bULL;
constexpr int kMinAmbiguityCount = 3;

// Start-of-sentence "previous tags".
constexpr uint64_t kNoTag = 1000000, kNoTag2 = 1000001;

std::string VerbSubset(std::string_view feats) {
  std::string out;
  size_t pos = 0;
  while (pos <= feats.size()) {
    size_t bar = feats.find('|', pos);
    if (bar == std::string_view::npos) bar = feats.size();
    std::string_view f = feats.substr(pos, bar - pos);
    if (f.starts_with("Mood=") || f.starts_with("VerbForm=") ||
        f.starts_with("Case=") || f.starts_with("Voice=")) {
      if (!out.empty()) out += '|';
      out += f;
    }
    pos = bar + 1;
  }
  return out;
}

bool IsProper(std::string_view xpos) { return xpos == "NNP" || xpos == "NNPS"; }

// WordNet exception list for an XPOS ('v', 'n', 'a' or 0 for none).
char WordNetPos(std::string_view xpos) {
  if (xpos.starts_with("VB")) return 'v';
  if (xpos == "NN" || xpos == "NNS") return 'n';
  if (xpos == "JJR" || xpos == "JJS" || xpos == "RBR" || xpos == "RBS") {
    return 'a';
  }
  return 0;
}

// Word family for the known-lemma check: verbs, nouns, adjectives/adverbs.
char LemmaFamily(std::string_view xpos) {
  if (xpos.starts_with("VB")) return 'v';
  if (xpos == "NN" || xpos == "NNS") return 'n';
  if (xpos.starts_with("JJ") || xpos.starts_with("RB")) return 'a';
  return 0;
}

uint64_t LemmaKey(uint64_t lower_hash, uint64_t xpos_hash) {
  return Mix(lower_hash, xpos_hash);
}

std::string_view Suffix(std::string_view s, size_t n) {
  return s.substr(s.size() - std::min(n, s.size()));
}

constexpr size_t kMaxSuffix = 5;

struct LemmaRule {
  uint32_t strip;
  std::string append;
  bool operator<(const LemmaRule& o) const {
    return std::tie(strip, append) < std::tie(o.strip, o.append);
  }
};

LemmaRule MakeRule(std::string_view base, std::string_view lemma) {
  size_t common = 0;
  while (common < base.size() && common < lemma.size() &&
         base[common] == lemma[common]) {
    ++common;
  }
  return {static_cast<uint32_t>(base.size() - common),
          std::string(lemma.substr(common))};
}

// Builds string ids with deduplication.
class StringPool {
 public:
  explicit StringPool(std::vector<std::string>* strings) : strings_(strings) {
    for (size_t i = 0; i < strings->size(); ++i) ids_[(*strings)[i]] = i;
  }
  uint32_t Id(const std::string& s) {
    auto [it, inserted] = ids_.emplace(s, strings_->size());
    if (inserted) strings_->push_back(s);
    return static_cast<uint32_t>(it->second);
  }

 private:
  std::vector<std::string>* strings_;
  std::map<std::string, size_t> ids_;
};

void WriteMap(const std::unordered_map<uint64_t, uint32_t>& map,
              ByteWriter* out) {
  std::vector<std::pair<uint64_t, uint32_t>> sorted(map.begin(), map.end());
  std::sort(sorted.begin(), sorted.end());
  out->PutVarint(sorted.size());
  for (const auto& [k, v] : sorted) {
    out->PutU64(k);
    out->PutVarint(v);
  }
}

bool ReadMap(ByteReader* in, uint64_t max_value,
             std::unordered_map<uint64_t, uint32_t>* map) {
  uint64_t n;
  if (!in->GetCount(in->remaining() / 9, &n)) return false;
  map->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k, v;
    if (!in->GetU64(&k) || !in->GetCount(max_value, &v)) return false;
    (*map)[k] = static_cast<uint32_t>(v);
  }
  return true;
}

}  // namespace

void Tagger::AddAmbiguity(std::vector<TaggerWordInfo>* infos) const {
  for (WordInfo& info : *infos) {
    auto it = ambiguity_.find(info.lower);
    info.ambiguity = it == ambiguity_.end() ? kUnknownWord : it->second;
  }
}

void Tagger::Predict(std::span<const std::string_view> words,
                     std::vector<int>* classes) const {
  std::vector<WordInfo> infos;
  ComputeInfos(words, &infos);
  AddAmbiguity(&infos);
  std::vector<uint32_t> feats;
  std::vector<float> scores(classes_.size());
  classes->resize(words.size());
  uint64_t prev = kNoTag, prev2 = kNoTag2;
  for (size_t i = 0; i < words.size(); ++i) {
    Features(infos, i, prev, prev2, &feats);
    model_.Score(feats, scores.data());
    int c = ArgMax(scores.data(), static_cast<int>(scores.size()));
    (*classes)[i] = c;
    prev2 = prev;
    prev = static_cast<uint64_t>(c);
  }
}

std::string Tagger::Feats(std::string_view lower, int cls) const {
  auto it = feats_.find(Mix(HashString(lower), static_cast<uint64_t>(cls)));
  if (it != feats_.end()) return strings_[it->second];
  return strings_[class_feats_[cls]];
}

std::string Tagger::Lemmatize(std::string_view word,
                              std::string_view xpos) const {
  std::string lower;
  LowerAscii(word, &lower);
  const bool proper = IsProper(xpos);
  uint64_t lower_hash = HashString(lower);
  auto it = lemmas_.find(LemmaKey(lower_hash, HashString(xpos)));
  if (it != lemmas_.end()) {
    const std::string& lemma = strings_[it->second];
    if (proper) {
      std::string lemma_lower;
      LowerAscii(lemma, &lemma_lower);
      if (lemma_lower == lower) return std::string(word);
    }
    return lemma;
  }
  if (char pos = WordNetPos(xpos)) {
    auto ex = exceptions_.find(Mix(static_cast<uint64_t>(pos), lower_hash));
    if (ex != exceptions_.end()) return strings_[ex->second];
  }
  std::string_view base = proper ? word : std::string_view(lower);
  uint64_t xpos_hash = HashString(xpos);
  // Rules from the longest matching suffix down; the first whose result is
  // a known lemma (treebank or WordNet) wins, else the longest-suffix one.
  const char family = LemmaFamily(xpos);
  std::string first, candidate;
  for (size_t n = std::min(kMaxSuffix, base.size());; --n) {
    auto r =
        rules_by_suffix_.find(Mix(xpos_hash, HashString(Suffix(base, n)) + n));
    if (r != rules_by_suffix_.end()) {
      const Rule& rule = rules_[r->second];
      if (rule.strip < base.size()) {
        candidate.assign(base.substr(0, base.size() - rule.strip));
        candidate += rule.append;
        if (family == 0 ||
            known_lemmas_.contains(
                Mix(static_cast<uint64_t>(family), HashString(candidate)))) {
          return candidate;
        }
        if (first.empty()) first = candidate;
      }
    }
    if (n == 0) break;
  }
  return first.empty() ? std::string(base) : first;
}

void Tagger::Tag(std::span<const std::string_view> words,
                 std::vector<WordTags>* out) const {
  std::vector<int> classes;
  Predict(words, &classes);
  out->resize(words.size());
  std::string lower;
  for (size_t i = 0; i < words.size(); ++i) {
    const TagClass& c = classes_[classes[i]];
    WordTags& t = (*out)[i];
    t.upos = c.upos;
    t.xpos = c.xpos;
    LowerAscii(words[i], &lower);
    t.feats = Feats(lower, classes[i]);
    t.lemma = Lemmatize(words[i], c.xpos);
  }
}

StatusOr<Tagger> Tagger::Train(const std::vector<ConlluSentence>& train,
                               const std::vector<ConlluSentence>& dev,
                               const TaggerTrainOptions& options) {
  if (train.empty()) return InvalidArgumentError("no training sentences");
  auto log = [&](const std::string& s) {
    if (options.log) options.log(s);
  };
  Tagger tagger;
  // Classes in order of first appearance (deterministic).
  std::map<std::string, int> class_ids;
  auto class_of = [&](const ConlluWord& w) {
    std::string verb = VerbSubset(w.feats);
    std::string key = w.upos + '\t' + w.xpos + '\t' + verb;
    auto [it, inserted] =
        class_ids.emplace(key, static_cast<int>(tagger.classes_.size()));
    if (inserted) {
      tagger.classes_.push_back({w.upos, w.xpos, verb, HashString(w.xpos)});
    }
    return it->second;
  };
  std::vector<std::vector<int>> gold(train.size());
  std::vector<std::vector<std::string_view>> words(train.size());
  for (size_t s = 0; s < train.size(); ++s) {
    for (const ConlluWord& w : train[s].words) {
      gold[s].push_back(class_of(w));
      words[s].push_back(w.form);
    }
  }
  const int num_classes = static_cast<int>(tagger.classes_.size());
  log("tagger: " + std::to_string(train.size()) + " sentences, " +
      std::to_string(num_classes) + " tag classes");

  // --- Lexicons: FEATS, lemmas, lemma suffix rules, WordNet exceptions. ---
  StringPool pool(&tagger.strings_);
  pool.Id("");
  {
    std::map<std::pair<std::string, int>, std::map<std::string, int>> feats;
    std::map<int, std::map<std::string, int>> class_feats;
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>>
        lemmas;
    std::string lower;
    for (size_t s = 0; s < train.size(); ++s) {
      for (size_t i = 0; i < train[s].words.size(); ++i) {
        const ConlluWord& w = train[s].words[i];
        std::string f = w.feats == "_" ? "" : w.feats;
        LowerAscii(w.form, &lower);
        ++feats[{lower, gold[s][i]}][f];
        ++class_feats[gold[s][i]][f];
        if (w.lemma != "_" || w.form == "_")
          ++lemmas[{w.form, w.xpos}][w.lemma];
      }
    }
    auto most_frequent = [](const std::map<std::string, int>& counts) {
      const std::string* best = nullptr;
      int n = -1;
      for (const auto& [k, c] : counts) {
        if (c > n) best = &k, n = c;
      }
      return *best;
    };
    // Ambiguity classes of words seen often enough to trust them.
    std::map<std::string, std::map<std::string, int>> word_tags;
    for (const auto& [key, counts] : lemmas) {
      LowerAscii(key.first, &lower);
      int n = 0;
      for (const auto& [lemma, c] : counts) n += c;
      word_tags[lower][key.second] += n;
    }
    for (const auto& [word, tags] : word_tags) {
      int total = 0;
      for (const auto& [tag, c] : tags) total += c;
      if (total < kMinAmbiguityCount) continue;
      uint64_t h = 0x414d42ULL;
      for (const auto& [tag, c] : tags) {
        if (c * 20 >= total) h = Mix(h, HashString(tag));
      }
      tagger.ambiguity_[HashString(word)] = h;
    }
    tagger.class_feats_.assign(num_classes, 0);
    for (const auto& [cls, counts] : class_feats) {
      tagger.class_feats_[cls] = pool.Id(most_frequent(counts));
    }
    for (const auto& [key, counts] : feats) {
      uint32_t id = pool.Id(most_frequent(counts));
      if (id == tagger.class_feats_[key.second]) continue;
      tagger.feats_[Mix(HashString(key.first),
                        static_cast<uint64_t>(key.second))] = id;
    }
    // Lemma table keyed by lower-cased form: merge the case variants.
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>>
        by_lower;
    std::map<std::pair<std::string, std::string>, std::map<LemmaRule, int>>
        rule_counts;  // (xpos, suffix with length marker) -> rule -> types
    for (const auto& [key, counts] : lemmas) {
      LowerAscii(key.first, &lower);
      for (const auto& [lemma, c] : counts) {
        by_lower[{lower, key.second}][lemma] += c;
      }
      const std::string& lemma = most_frequent(counts);
      std::string_view base = IsProper(key.second) ? key.first : lower;
      LemmaRule rule = MakeRule(base, lemma);
      for (size_t n = 0; n <= std::min(kMaxSuffix, base.size()); ++n) {
        std::string suffix(Suffix(base, n));
        suffix += static_cast<char>('0' + n);
        ++rule_counts[{key.second, suffix}][rule];
      }
    }
    for (const auto& [key, counts] : lemmas) {
      if (char family = LemmaFamily(key.second)) {
        for (const auto& [lemma, c] : counts) {
          tagger.known_lemmas_.insert(
              Mix(static_cast<uint64_t>(family), HashString(lemma)));
        }
      }
    }
    for (const auto& [key, counts] : by_lower) {
      tagger.lemmas_[LemmaKey(HashString(key.first), HashString(key.second))] =
          pool.Id(most_frequent(counts));
    }
    std::map<LemmaRule, uint32_t> rule_ids;
    for (const auto& [key, counts] : rule_counts) {
      const LemmaRule* best = nullptr;
      int n = 0, total = 0;
      for (const auto& [rule, c] : counts) {
        total += c;
        if (c > n) best = &rule, n = c;
      }
      size_t len = static_cast<size_t>(key.second.back() - '0');
      // Suffix rules must be seen on at least two word types (except the
      // per-XPOS default), so that one odd word does not make a rule.
      if (len > 0 && n < 2) continue;
      auto [it, inserted] =
          rule_ids.emplace(*best, static_cast<uint32_t>(tagger.rules_.size()));
      if (inserted) tagger.rules_.push_back({best->strip, best->append});
      std::string_view suffix(key.second);
      suffix.remove_suffix(1);
      tagger.rules_by_suffix_[Mix(HashString(key.first),
                                  HashString(suffix) + len)] = it->second;
    }
    if (!options.wordnet_dir.empty()) {
      for (auto [file, pos] : {std::pair<const char*, char>{"verb.exc", 'v'},
                               {"noun.exc", 'n'},
                               {"adj.exc", 'a'}}) {
        std::string path = options.wordnet_dir + "/" + file;
        std::ifstream in(path);
        if (!in) {
          return NotFoundError(path +
                               ": WordNet exception list not found (install "
                               "the Debian package wordnet-base, or pass an "
                               "empty WordNet directory)");
        }
        std::string line;
        int added = 0;
        while (std::getline(in, line)) {
          std::istringstream fields(line);
          std::string form, lemma;
          if (!(fields >> form >> lemma)) continue;
          if (form.find('_') != std::string::npos) continue;
          uint64_t key = Mix(static_cast<uint64_t>(pos), HashString(form));
          if (tagger.exceptions_.emplace(key, pool.Id(lemma)).second) ++added;
        }
        log("tagger: " + std::to_string(added) + " WordNet exceptions from " +
            path);
      }
      for (auto [file, family] :
           {std::pair<const char*, char>{"index.verb", 'v'},
            {"index.noun", 'n'},
            {"index.adj", 'a'},
            {"index.adv", 'a'}}) {
        std::string path = options.wordnet_dir + "/" + file;
        std::ifstream in(path);
        if (!in) return NotFoundError(path + ": WordNet index not found");
        std::string line;
        while (std::getline(in, line)) {
          if (line.empty() || line[0] == ' ') continue;  // Licence header.
          std::string_view lemma(line);
          lemma = lemma.substr(0, lemma.find(' '));
          if (lemma.find('_') != std::string_view::npos) continue;
          tagger.known_lemmas_.insert(
              Mix(static_cast<uint64_t>(family), HashString(lemma)));
        }
      }
      log("tagger: " + std::to_string(tagger.known_lemmas_.size()) +
          " known lemmas (treebank + WordNet)");
    }
  }

  // --- Perceptron training. ---
  std::vector<std::vector<std::string_view>> dev_words(dev.size());
  for (size_t s = 0; s < dev.size(); ++s) {
    for (const ConlluWord& w : dev[s].words) dev_words[s].push_back(w.form);
  }
  PerceptronTrainer trainer(num_classes);
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<WordInfo> infos;
  std::vector<uint32_t> feats;
  std::vector<float> scores(num_classes);
  double best_acc = -1;
  int best_epoch = 0;
  PerceptronModel best;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    // Fisher-Yates with our own draws: std::shuffle's algorithm is
    // implementation-defined, and models must be reproducible.
    for (size_t i = order.size() - 1; i > 0; --i) {
      std::swap(order[i], order[rng() % (i + 1)]);
    }
    size_t correct = 0, total = 0;
    for (size_t s : order) {
      ComputeInfos(words[s], &infos);
      tagger.AddAmbiguity(&infos);
      uint64_t prev = kNoTag, prev2 = kNoTag2;
      for (size_t i = 0; i < infos.size(); ++i) {
        Features(infos, i, prev, prev2, &feats);
        trainer.Score(feats, scores.data());
        int guess = ArgMax(scores.data(), num_classes);
        int truth = gold[s][i];
        trainer.Update(feats, truth, guess);
        trainer.Tick();
        correct += guess == truth;
        ++total;
        prev2 = prev;
        prev = static_cast<uint64_t>(guess);
      }
    }
    tagger.model_ = trainer.Average(0);
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    char line[256];
    double acc = 0;
    if (!dev.empty()) {
      size_t dev_total = 0, upos_ok = 0, xpos_ok = 0;
      std::vector<int> classes;
      for (size_t s = 0; s < dev.size(); ++s) {
        tagger.Predict(dev_words[s], &classes);
        for (size_t i = 0; i < classes.size(); ++i) {
          const TagClass& c = tagger.classes_[classes[i]];
          upos_ok += c.upos == dev[s].words[i].upos;
          xpos_ok += c.xpos == dev[s].words[i].xpos;
          ++dev_total;
        }
      }
      acc =
          100.0 * static_cast<double>(xpos_ok) / std::max<size_t>(1, dev_total);
      std::snprintf(line, sizeof line,
                    "tagger epoch %d: train %.2f%%, dev UPOS %.2f%% XPOS "
                    "%.2f%%, %zu features, %.1fs",
                    epoch, 100.0 * correct / std::max<size_t>(1, total),
                    100.0 * upos_ok / std::max<size_t>(1, dev_total), acc,
                    trainer.num_features(), secs);
    } else {
      acc = epoch;
      std::snprintf(line, sizeof line,
                    "tagger epoch %d: train %.2f%%, %zu features, %.1fs", epoch,
                    100.0 * correct / std::max<size_t>(1, total),
                    trainer.num_features(), secs);
    }
    log(line);
    if (acc > best_acc) {
      best_acc = acc;
      best_epoch = epoch;
      best = tagger.model_;
    }
  }
  tagger.model_ = std::move(best);
  if (options.max_weights > 0) tagger.model_.Prune(options.max_weights);
  log("tagger: keeping epoch " + std::to_string(best_epoch) + " (" +
      std::to_string(tagger.model_.num_weights()) + " weights)");
  return tagger;
}

std::string Tagger::Serialize() const {
  ByteWriter out;
  out.PutVarint(classes_.size());
  for (const TagClass& c : classes_) {
    out.PutString(c.upos);
    out.PutString(c.xpos);
    out.PutString(c.verb);
  }
  out.PutVarint(strings_.size());
  for (const std::string& s : strings_) out.PutString(s);
  for (uint32_t id : class_feats_) out.PutVarint(id);
  WriteMap(feats_, &out);
  WriteMap(lemmas_, &out);
  WriteMap(exceptions_, &out);
  out.PutVarint(rules_.size());
  for (const Rule& r : rules_) {
    out.PutVarint(r.strip);
    out.PutString(r.append);
  }
  WriteMap(rules_by_suffix_, &out);
  std::vector<std::pair<uint64_t, uint64_t>> amb(ambiguity_.begin(),
                                                 ambiguity_.end());
  std::sort(amb.begin(), amb.end());
  out.PutVarint(amb.size());
  for (const auto& [k, v] : amb) {
    out.PutU64(k);
    out.PutU64(v);
  }
  std::vector<uint64_t> known(known_lemmas_.begin(), known_lemmas_.end());
  std::sort(known.begin(), known.end());
  out.PutVarint(known.size());
  for (uint64_t k : known) out.PutU64(k);
  model_.Serialize(&out);
  return out.Release();
}

StatusOr<Tagger> Tagger::Deserialize(std::string_view payload,
                                     const std::string& name) {
  Tagger t;
  ByteReader in(payload);
  auto fail = [&](const char* what) {
    return DataLossError(name + ": malformed tagger model (" + what + ")");
  };
  uint64_t n;
  if (!in.GetCount(1 << 16, &n) || n == 0) return fail("classes");
  t.classes_.resize(n);
  for (TagClass& c : t.classes_) {
    if (!in.GetString(&c.upos) || !in.GetString(&c.xpos) ||
        !in.GetString(&c.verb)) {
      return fail("classes");
    }
    c.xpos_hash = HashString(c.xpos);
  }
  if (!in.GetCount(in.remaining(), &n) || n == 0) return fail("strings");
  t.strings_.resize(n);
  for (std::string& s : t.strings_) {
    if (!in.GetString(&s)) return fail("strings");
  }
  const uint64_t max_string = t.strings_.size() - 1;
  t.class_feats_.resize(t.classes_.size());
  for (uint32_t& id : t.class_feats_) {
    uint64_t v;
    if (!in.GetCount(max_string, &v)) return fail("features");
    id = static_cast<uint32_t>(v);
  }
  if (!ReadMap(&in, max_string, &t.feats_) ||
      !ReadMap(&in, max_string, &t.lemmas_) ||
      !ReadMap(&in, max_string, &t.exceptions_)) {
    return fail("lexicons");
  }
  if (!in.GetCount(in.remaining(), &n)) return fail("rules");
  t.rules_.resize(n);
  for (Rule& r : t.rules_) {
    uint64_t strip;
    if (!in.GetCount(1 << 20, &strip) || !in.GetString(&r.append)) {
      return fail("rules");
    }
    r.strip = static_cast<uint32_t>(strip);
  }
  if (t.rules_.empty() ||
      !ReadMap(&in, t.rules_.size() - 1, &t.rules_by_suffix_)) {
    return fail("rules");
  }
  if (!in.GetCount(in.remaining() / 16, &n)) return fail("ambiguity");
  t.ambiguity_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k, v;
    if (!in.GetU64(&k) || !in.GetU64(&v)) return fail("ambiguity");
    t.ambiguity_[k] = v;
  }
  if (!in.GetCount(in.remaining() / 8, &n)) return fail("known lemmas");
  t.known_lemmas_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k;
    if (!in.GetU64(&k)) return fail("known lemmas");
    t.known_lemmas_.insert(k);
  }
  if (!t.model_.Deserialize(&in)) return fail("weights");
  if (t.model_.num_classes() != static_cast<int>(t.classes_.size())) {
    return fail("class count");
  }
  if (!in.AtEnd()) return fail("trailing bytes");
  return t;
}

Status Tagger::Save(const std::string& path) const {
  return WriteModelFile(path, kMagic, kVersion, Serialize());
}

StatusOr<Tagger> Tagger::Load(const std::string& path) {
  StatusOr<std::string> payload = ReadModelFile(path, kMagic, kVersion);
  if (!payload.ok()) return payload.status();
  return Deserialize(*payload, path);
}

}  // namespace entente::syntax
