// Fuzzes the JSON Lines record parser (simdjson, date normalisation, ids)
// line by line, and NormalizeDate on each line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "entente/reader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  entente::ReaderOptions options;
  options.default_date = "2024-05-19";
  int line_number = 0;
  while (!input.empty()) {
    size_t newline = input.find('\n');
    std::string_view line = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view()
                                              : input.substr(newline + 1);
    ++line_number;
    auto document = entente::ParseJsonRecord(
        line, "fuzz.jsonl:" + std::to_string(line_number), options);
    if (document.ok()) {
      entente::fuzz::Require(!document->id.empty(), "record has an id");
      entente::fuzz::Require(
          document->date.empty() || document->date.size() == 10,
          "record date is YYYY-MM-DD");
    }
    auto date = entente::NormalizeDate(line);
    if (date) entente::fuzz::Require(date->size() == 10, "normalized date");
  }
  return 0;
}
