// Binary model files: a fixed header (magic number, format version, payload
// size), the payload, and a 64-bit FNV-1a checksum of the payload, so that a
// truncated, corrupted or foreign file is rejected with DataLoss before any
// of it is interpreted. ByteWriter/ByteReader are the little-endian encoders
// used for payloads; the reader is bounds-checked and never reads past the
// end of its buffer.
#ifndef ENTENTE_SYNTAX_MODEL_IO_H_
#define ENTENTE_SYNTAX_MODEL_IO_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "entente/status.h"

namespace entente::syntax {

// 64-bit FNV-1a; stable across platforms (used for checksums and hashing).
uint64_t Fnv1a64(std::string_view bytes);

class ByteWriter {
 public:
  void PutU8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void PutU32(uint32_t v);
  void PutU64(uint64_t v);
  void PutFloat(float v);
  void PutVarint(uint64_t v);
  // Length-prefixed (varint) bytes.
  void PutString(std::string_view s);

  const std::string& data() const { return buf_; }
  std::string Release() { return std::move(buf_); }

 private:
  std::string buf_;
};

// Reads from a buffer it does not own. Every getter returns false (and leaves
// the reader failed) when the data is exhausted or malformed.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  bool GetU8(uint8_t* v);
  bool GetU32(uint32_t* v);
  bool GetU64(uint64_t* v);
  bool GetFloat(float* v);
  bool GetVarint(uint64_t* v);
  bool GetString(std::string* s);
  // A varint that must be <= `max` (guards allocations sized from files).
  bool GetCount(uint64_t max, uint64_t* v);

  bool AtEnd() const { return pos_ == data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Writes header + payload + checksum to `path` (atomically: a temporary file
// renamed into place). IoError on failure.
Status WriteModelFile(const std::string& path, uint32_t magic, uint32_t version,
                      std::string_view payload);

// Reads a file written by WriteModelFile and returns its payload. NotFound if
// the file is missing; DataLoss naming the file if it is truncated, has the
// wrong magic number or version, or fails its checksum.
StatusOr<std::string> ReadModelFile(const std::string& path, uint32_t magic,
                                    uint32_t version);

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_MODEL_IO_H_
