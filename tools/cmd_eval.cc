// entente eval: accuracy of the pipeline's stages against gold data.
//
// `eval` is a parent command; its subcommands live in their own files and
// register through RegisterEvalSubcommand (see commands.h). This file owns
// the parent and `eval segmentation`.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "eval/segmentation_eval.h"

namespace entente::tools {
namespace {

// Function-local so that registrations from other files' static
// initializers never see it uninitialized.
std::vector<std::pair<std::string, EvalRegistrar>>& EvalRegistry() {
  static auto* registry =
      new std::vector<std::pair<std::string, EvalRegistrar>>();
  return *registry;
}

struct SegmentationFlags {
  std::string conllu;
  bool json = false;
};

nlohmann::json PrfJson(const PrfCounts& c) {
  return {{"precision", c.Precision()},
          {"recall", c.Recall()},
          {"f1", c.F1()},
          {"gold", c.gold},
          {"predicted", c.predicted},
          {"correct", c.correct}};
}

int RunSegmentation(const SegmentationFlags& flags) {
  StatusOr<SegmentationResult> result = EvaluateSegmentationFile(flags.conllu);
  if (!result.ok()) {
    std::fprintf(stderr, "entente eval segmentation: %s\n",
                 result.status().ToString().c_str());
    return 1;
  }
  const SegmentationResult& r = *result;
  if (flags.json) {
    const nlohmann::json out = {{"file", flags.conllu},
                                {"tokens", PrfJson(r.tokens)},
                                {"sentences", PrfJson(r.sentences)},
                                {"bytes", r.bytes},
                                {"documents", r.documents},
                                {"paragraphs", r.paragraphs},
                                {"unaligned_tokens", r.unaligned_tokens}};
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%s: %zu documents, %zu paragraphs, %zu bytes\n",
              flags.conllu.c_str(), r.documents, r.paragraphs, r.bytes);
  auto row = [](const char* name, const PrfCounts& c) {
    std::printf(
        "%-10s P %.4f  R %.4f  F1 %.4f  (gold %zu, predicted %zu, "
        "correct %zu)\n",
        name, c.Precision(), c.Recall(), c.F1(), c.gold, c.predicted,
        c.correct);
  };
  row("tokens", r.tokens);
  row("sentences", r.sentences);
  if (r.unaligned_tokens > 0) {
    std::printf(
        "(%zu gold tokens not found in their # text line; counted "
        "as missed)\n",
        r.unaligned_tokens);
  }
  return 0;
}

void RegisterEvalSegmentation(CLI::App& eval, int* exit_code) {
  auto flags = std::make_shared<SegmentationFlags>();
  CLI::App* cmd = eval.add_subcommand(
      "segmentation",
      "Score the tokenizer and sentence splitter against a CoNLL-U treebank.");
  cmd->footer(
      "The raw text is rebuilt from the '# text' lines: documents and "
      "paragraphs are separated by blank lines, sentences within a paragraph "
      "by one space. Tokens and sentences are scored by exact byte spans "
      "(precision, recall, F1). Multiword tokens whose words spell them "
      "(don't = do + n't) are scored as those words.\n\n"
      "Example: entente eval segmentation --conllu "
      "../shared/corpora/gum/dev.conllu");
  cmd->add_option("--conllu", flags->conllu,
                  "CoNLL-U file with gold tokens "
                  "and sentences")
      ->required()
      ->type_name("FILE");
  cmd->add_flag("--json", flags->json, "Print the scores as a JSON object");
  cmd->callback([flags, exit_code] { *exit_code = RunSegmentation(*flags); });
}

const bool kSegmentationRegistered =
    RegisterEvalSubcommand("segmentation", &RegisterEvalSegmentation);

}  // namespace

bool RegisterEvalSubcommand(std::string_view name, EvalRegistrar registrar) {
  EvalRegistry().emplace_back(std::string(name), registrar);
  return true;
}

void RegisterEval(CLI::App& app, int* exit_code) {
  CLI::App* eval = app.add_subcommand(
      "eval", "Measure the accuracy of pipeline stages against gold data.");
  eval->require_subcommand(1);
  auto registry = EvalRegistry();
  std::sort(registry.begin(), registry.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [name, registrar] : registry) registrar(*eval, exit_code);
}

}  // namespace entente::tools
