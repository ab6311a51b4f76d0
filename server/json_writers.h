// JSON for the HTTP API: one writer per record type (docs/http_api.md).
// Every span carries byte offsets ("start", "end": UTF-8 bytes into the
// document text, end exclusive) and character offsets ("char_start",
// "char_end": UTF-16 code units, i.e. JavaScript string indices).
#ifndef ENTENTE_SERVER_JSON_WRITERS_H_
#define ENTENTE_SERVER_JSON_WRITERS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "entente/store.h"

namespace entente::server {

using Json = nlohmann::ordered_json;

// Converts byte offsets into one text to UTF-16 offsets in O(64) per lookup
// after one pass over the text.
class Utf16Index {
 public:
  Utf16Index() = default;
  explicit Utf16Index(std::string_view text);
  // UTF-16 code units before byte `offset` (clamped to the text's size).
  uint32_t At(uint32_t offset) const;

 private:
  static constexpr uint32_t kBlock = 64;
  std::string_view text_;
  std::vector<uint32_t> block_units_;  // Units before each block of kBlock.
};

// Serializes for a response body; invalid UTF-8 in strings becomes U+FFFD
// instead of an exception.
std::string Dump(const Json& json);

Json ActorRefJson(const ActorRef& actor);
// `text` is the event's document text (for char offsets), may be null.
Json EventJson(const EventRecord& event, const Utf16Index* text);
Json ActorJson(const ActorRecord& actor);
Json QuoteJson(const QuoteRecord& quote, const Utf16Index* text);
Json BucketJson(const TimelineBucket& bucket);
// {"start","end","char_start","char_end"} added to `out`.
void AddSpan(Json& out, uint32_t start, uint32_t end, const Utf16Index* text);

}  // namespace entente::server

#endif  // ENTENTE_SERVER_JSON_WRITERS_H_
