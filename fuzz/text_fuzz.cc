// Fuzzes the text stage: UTF-8 validation and repair, the tokenizer and the
// sentence splitter, checking that every span stays inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "entente/text.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto invalid = entente::FindInvalidUtf8(text);
  for (size_t offset : invalid) {
    entente::fuzz::Require(offset < size, "invalid byte offset in text");
  }
  std::string repaired = entente::ReplaceInvalidUtf8(text);
  entente::fuzz::Require(entente::FindInvalidUtf8(repaired).empty(),
                         "repaired text is valid UTF-8");
  entente::fuzz::Require(invalid.empty() == (repaired == text),
                         "valid text is left alone");
  auto tokens = entente::Tokenize(text);
  auto sentences = entente::SplitSentences(text, tokens);
  entente::fuzz::CheckTextStage(text, tokens, sentences);
  return 0;
}
