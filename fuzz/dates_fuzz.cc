// Fuzzes the date normalizer. The first line of the input is the document
// date (any bytes: a malformed document date must be survived too), the
// rest is the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entente/text.h"
#include "entente/time.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view document_date = input.substr(0, newline);
  std::string_view text = newline == std::string_view::npos
                              ? std::string_view()
                              : input.substr(newline + 1);
  auto tokens = entente::Tokenize(text);
  auto sentences = entente::SplitSentences(text, tokens);
  auto dates = entente::FindDates(text, tokens, sentences, document_date);
  uint32_t previous = 0;
  for (const auto& d : dates) {
    entente::fuzz::Require(d.start < d.end && d.end <= text.size(),
                           "date span in text");
    entente::fuzz::Require(d.start >= previous, "dates in text order");
    entente::fuzz::Require(sentences.empty() || d.sentence < sentences.size(),
                           "date sentence index");
    previous = d.start;
  }
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    (void)entente::SentenceDate(dates, s, document_date);
  }
  // Without sentences the text is one sentence.
  (void)entente::FindDates(text, {}, {}, document_date);
  return 0;
}
