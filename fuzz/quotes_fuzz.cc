// Fuzzes the quotation and attribution extractors over the entities the
// real recognizer finds (so speaker linking is exercised too).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/text.h"
#include "fuzz_util.h"

namespace {
const entente::EntityRecognizer* recognizer = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto created = entente::EntityRecognizer::Create();
  entente::fuzz::Require(created.ok(), "entity recognizer loads");
  recognizer = created->release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tokens = entente::Tokenize(text);
  auto sentences = entente::SplitSentences(text, tokens);
  auto entities = recognizer->Recognize(text, tokens, sentences);
  for (const auto& entity : entities) {
    for (const auto& m : entity.mentions) {
      entente::fuzz::Require(m.start < m.end && m.end <= text.size(),
                             "mention span in text");
    }
  }
  for (const auto& q : entente::FindQuotes(text, tokens, sentences, entities)) {
    entente::fuzz::Require(q.start <= q.end && q.end <= text.size(),
                           "quote span in text");
  }
  for (const auto& a :
       entente::FindAttributions(text, tokens, sentences, entities)) {
    entente::fuzz::Require(
        a.claim_start <= a.claim_end && a.claim_end <= text.size(),
        "claim span in text");
  }
  // Without sentences every paragraph is one sentence.
  (void)entente::FindQuotes(text, {}, {}, {});
  return 0;
}
