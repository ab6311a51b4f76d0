// Fuzzes the HTML reader: gumbo, main-text selection, metadata and dates.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entente/reader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  entente::ReaderOptions options;
  options.default_date = "2024-05-19";
  auto document = entente::ParseHtml("fuzz.html", html, options);
  if (document.ok()) {
    entente::fuzz::Require(!document->text.empty(), "document has text");
    entente::fuzz::Require(
        document->date.empty() || document->date.size() == 10,
        "page date is YYYY-MM-DD");
  }
  return 0;
}
