// Feature hashing shared by the tagger and the parser. Features are 32-bit
// keys built by mixing a template number with precomputed per-token hashes,
// so that extracting a feature never allocates or touches a string.
#ifndef ENTENTE_SYNTAX_HASHING_H_
#define ENTENTE_SYNTAX_HASHING_H_

#include <cstdint>
#include <string_view>

namespace entente::syntax {

// Hash of a byte string (FNV-1a, then mixed). Stable across platforms:
// shipped models depend on it.
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h ^ (h >> 29);
}

// Order-sensitive combination of two hashes.
inline uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}

// The 32-bit feature key of template `t` over values; never 0 (0 marks an
// empty slot in the weight tables).
inline uint32_t FeatureKey(uint64_t h) {
  uint32_t k = static_cast<uint32_t>(h >> 32) ^ static_cast<uint32_t>(h);
  return k == 0 ? 1 : k;
}
inline uint32_t Feat(uint32_t t, uint64_t a) {
  return FeatureKey(Mix(Mix(0x5bd1e995ULL, t), a));
}
inline uint32_t Feat(uint32_t t, uint64_t a, uint64_t b) {
  return FeatureKey(Mix(Mix(Mix(0x5bd1e995ULL, t), a), b));
}
inline uint32_t Feat(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  return FeatureKey(Mix(Mix(Mix(Mix(0x5bd1e995ULL, t), a), b), c));
}

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_HASHING_H_
