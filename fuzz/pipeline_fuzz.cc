// Fuzzes the whole pipeline (text, syntax, entities, dates, quotes, events
// and the JSON output) on short texts: every span must stay inside the text,
// every head inside its sentence, and the output must be valid JSON.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "entente/pipeline.h"
#include "fuzz_util.h"
#include "nlohmann/json.hpp"

namespace {

using entente::fuzz::Require;
const entente::Pipeline* pipeline = nullptr;

void CheckAnalysis(const std::string& text, const entente::Analysis& a) {
  entente::fuzz::CheckTextStage(text, a.tokens, a.sentences);
  Require(a.syntax.empty() || a.syntax.size() == a.tokens.size(),
          "one syntax entry per token");
  for (const auto& s : a.sentences) {
    for (uint32_t i = s.first_token; i < s.end_token && i < a.syntax.size();
         ++i) {
      int head = a.syntax[i].head;
      Require(head == -1 || (head >= static_cast<int>(s.first_token) &&
                             head < static_cast<int>(s.end_token)),
              "head inside its sentence");
    }
  }
  for (const auto& e : a.entities) {
    for (const auto& m : e.mentions) {
      Require(m.start < m.end && m.end <= text.size(), "mention in text");
    }
  }
  for (const auto& q : a.quotes) {
    Require(q.start <= q.end && q.end <= text.size(), "quote in text");
  }
  for (const auto& d : a.dates) {
    Require(d.start < d.end && d.end <= text.size(), "date in text");
  }
  for (const auto& v : a.events) {
    Require(v.evidence.start <= v.evidence.end && v.evidence.end <= text.size(),
            "evidence in text");
    Require(v.sentence < a.sentences.size(), "event sentence index");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto created = entente::Pipeline::Create(entente::PipelineOptions());
  Require(created.ok(), "pipeline loads (models/ and data/)");
  pipeline = created->release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Short texts only: the pipeline is about 1 ms per sentence, and length
  // is covered by the hostile-input tests.
  if (size > 4096) return 0;
  entente::Document document;
  document.id = "fuzz";
  document.origin = "fuzz";
  document.date = "2024-05-19";
  document.text.assign(reinterpret_cast<const char*>(data), size);
  entente::Analysis analysis = pipeline->Analyze(document);
  CheckAnalysis(document.text, analysis);
  std::string json = entente::AnalysisToJson(document, analysis, {});
  Require(nlohmann::json::accept(json), "output is valid JSON");
  return 0;
}
