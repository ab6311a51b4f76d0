// Fuzzes the plain-text reader (dateline, title, BOM) and ParseDateline.
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
  auto document = entente::ParsePlainText("dir/fuzz story.txt",
                                          std::string(input), options);
  if (document.ok()) {
    entente::fuzz::Require(document->text.size() <= size, "text not grown");
    entente::fuzz::Require(document->id == "fuzz story", "id from file name");
  }
  for (int fallback_year : {0, 2015}) {
    auto date = entente::ParseDateline(input, fallback_year);
    if (date) entente::fuzz::Require(date->size() == 10, "dateline is a date");
  }
  return 0;
}
