#include "syntax/model_io.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace entente::syntax {

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

void ByteWriter::PutU32(uint32_t v) {
  for (int i = 0; i < 4; ++i) PutU8(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::PutU64(uint64_t v) {
  for (int i = 0; i < 8; ++i) PutU8(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::PutFloat(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  PutU32(bits);
}

void ByteWriter::PutVarint(uint64_t v) {
  while (v >= 0x80) {
    PutU8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  PutU8(static_cast<uint8_t>(v));
}

void ByteWriter::PutString(std::string_view s) {
  PutVarint(s.size());
  buf_.append(s);
}

bool ByteReader::GetU8(uint8_t* v) {
  if (pos_ >= data_.size()) {
    pos_ = data_.size();
    return false;
  }
  *v = static_cast<uint8_t>(data_[pos_++]);
  return true;
}

bool ByteReader::GetU32(uint32_t* v) {
  if (remaining() < 4) return false;
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) {
    r |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i]))
         << (8 * i);
  }
  pos_ += 4;
  *v = r;
  return true;
}

bool ByteReader::GetU64(uint64_t* v) {
  if (remaining() < 8) return false;
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) {
    r |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i]))
         << (8 * i);
  }
  pos_ += 8;
  *v = r;
  return true;
}

bool ByteReader::GetFloat(float* v) {
  uint32_t bits;
  if (!GetU32(&bits)) return false;
  std::memcpy(v, &bits, sizeof bits);
  return true;
}

bool ByteReader::GetVarint(uint64_t* v) {
  uint64_t r = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b;
    if (!GetU8(&b)) return false;
    r |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

bool ByteReader::GetCount(uint64_t max, uint64_t* v) {
  return GetVarint(v) && *v <= max;
}

bool ByteReader::GetString(std::string* s) {
  uint64_t n;
  if (!GetCount(remaining(), &n)) return false;
  s->assign(data_.substr(pos_, n));
  pos_ += n;
  return true;
}

namespace {
constexpr size_t kHeaderSize = 16;  // magic, version, payload size.
}  // namespace

Status WriteModelFile(const std::string& path, uint32_t magic, uint32_t version,
                      std::string_view payload) {
  ByteWriter header;
  header.PutU32(magic);
  header.PutU32(version);
  header.PutU64(payload.size());
  ByteWriter trailer;
  trailer.PutU64(Fnv1a64(payload));
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(path + ": cannot open for writing");
    out.write(header.data().data(), header.data().size());
    out.write(payload.data(), payload.size());
    out.write(trailer.data().data(), trailer.data().size());
    if (!out.flush()) return IoError(path + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError(path + ": cannot rename: " + ec.message());
  return Status::Ok();
}

StatusOr<std::string> ReadModelFile(const std::string& path, uint32_t magic,
                                    uint32_t version) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFoundError(path + ": model file not found");
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return IoError(path + ": cannot open");
  const std::streamoff file_size = in.tellg();
  if (file_size < 0) return IoError(path + ": cannot size");
  std::string data(static_cast<size_t>(file_size), '\0');
  in.seekg(0);
  if (!in.read(data.data(), file_size)) return IoError(path + ": read failed");
  ByteReader reader(data);
  uint32_t got_magic = 0, got_version = 0;
  uint64_t size = 0;
  if (!reader.GetU32(&got_magic) || !reader.GetU32(&got_version) ||
      !reader.GetU64(&size)) {
    return DataLossError(path + ": truncated model file (no header)");
  }
  if (got_magic != magic) {
    return DataLossError(path +
                         ": not an entente model of the expected kind "
                         "(bad magic number)");
  }
  if (got_version != version) {
    return DataLossError(path + ": unsupported model format version " +
                         std::to_string(got_version) + " (expected " +
                         std::to_string(version) + ")");
  }
  if (data.size() < kHeaderSize + 8 || size != data.size() - kHeaderSize - 8) {
    return DataLossError(path +
                         ": truncated or padded model file (header "
                         "says " +
                         std::to_string(size) + " payload bytes, file has " +
                         std::to_string(data.size()) + " bytes)");
  }
  std::string_view payload(data.data() + kHeaderSize, size);
  ByteReader trailer(std::string_view(data).substr(kHeaderSize + size));
  uint64_t checksum = 0;
  if (!trailer.GetU64(&checksum) || checksum != Fnv1a64(payload)) {
    return DataLossError(path + ": corrupted model file (checksum mismatch)");
  }
  return std::string(payload);
}

}  // namespace entente::syntax
