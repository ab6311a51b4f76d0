// Helpers shared by the fuzz targets: invariant checks that abort (so that
// libFuzzer reports the input) and the structural checks every stage's
// output must pass whatever the text.
#ifndef ENTENTE_FUZZ_FUZZ_UTIL_H_
#define ENTENTE_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"

namespace entente::fuzz {

// The whole file's bytes; empty when it cannot be read (the callers are
// seed and set-up code whose inputs are the project's own files).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Aborts with `what` when `ok` is false; libFuzzer then saves the input.
inline void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
    std::abort();
  }
}

// Spans are byte ranges inside the text, tokens in order and not
// overlapping, and sentences cover consecutive token ranges.
inline void CheckTextStage(std::string_view text,
                           const std::vector<Token>& tokens,
                           const std::vector<Sentence>& sentences) {
  uint32_t previous_end = 0;
  for (const Token& t : tokens) {
    Require(t.start < t.end && t.end <= text.size(), "token span in text");
    Require(t.start >= previous_end, "tokens in order, not overlapping");
    previous_end = t.end;
  }
  uint32_t previous_token = 0;
  for (const Sentence& s : sentences) {
    Require(s.start <= s.end && s.end <= text.size(), "sentence span in text");
    Require(s.first_token < s.end_token && s.end_token <= tokens.size(),
            "sentence token range");
    Require(s.first_token >= previous_token, "sentences in order");
    previous_token = s.end_token;
  }
}

}  // namespace entente::fuzz

#endif  // ENTENTE_FUZZ_FUZZ_UTIL_H_
