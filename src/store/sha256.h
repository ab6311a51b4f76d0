// SHA-256, for the content hash of stored documents (store.h ContentHash).
#ifndef ENTENTE_STORE_SHA256_H_
#define ENTENTE_STORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace entente::store {

// Incremental SHA-256 (FIPS 180-4). Thread-compatible.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest as 64 lower-case hex digits. Call once.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

}  // namespace entente::store

#endif  // ENTENTE_STORE_SHA256_H_
