// entente eval syntax: tagging, lemma and attachment accuracy of the shipped
// syntax models on a CoNLL-U treebank, with gold tokenization and (--raw)
// from raw text.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands.h"
#include "entente/syntax.h"
#include "eval/raw_syntax_eval.h"
#include "syntax/training.h"

namespace entente::tools {
namespace {

struct SyntaxFlags {
  std::string conllu;
  std::string models;
  std::string output;
  bool json = false;
  bool raw = false;
};

// Scores from raw text (own tokenization and sentence splitting), printed
// after the gold-tokenization figures.
nlohmann::ordered_json RawScoresJson(const RawSyntaxScores& r) {
  auto f1 = [](const PrfCounts& c) { return 100 * c.F1(); };
  return {{"words_f1", f1(r.words)}, {"sentences_f1", f1(r.sentences)},
          {"upos_f1", f1(r.upos)},   {"xpos_f1", f1(r.xpos)},
          {"lemma_f1", f1(r.lemma)}, {"uas_f1", f1(r.uas)},
          {"las_f1", f1(r.las)}};
}

int RunSyntax(const SyntaxFlags& flags) {
  auto model = SyntaxModel::Load(flags.models);
  if (!model.ok()) {
    std::fprintf(stderr, "entente eval syntax: %s\n",
                 model.status().ToString().c_str());
    return 1;
  }
  auto sentences = syntax::ReadConlluFiles({flags.conllu});
  if (!sentences.ok()) {
    std::fprintf(stderr, "entente eval syntax: %s\n",
                 sentences.status().ToString().c_str());
    return 1;
  }
  syntax::SyntaxScores s = syntax::EvaluateSyntax(**model, *sentences);
  if (!flags.output.empty()) {
    Status written =
        syntax::WriteAnalyzedConllu(**model, *sentences, flags.output);
    if (!written.ok()) {
      std::fprintf(stderr, "entente eval syntax: %s\n",
                   written.ToString().c_str());
      return 1;
    }
  }
  const double per_second =
      s.seconds > 0 ? static_cast<double>(s.sentences) / s.seconds : 0;
  std::optional<RawSyntaxScores> raw;
  if (flags.raw) raw = EvaluateRawSyntax(**model, *sentences);
  if (flags.json) {
    nlohmann::ordered_json out = {
        {"file", flags.conllu}, {"sentences", s.sentences},
        {"words", s.words},     {"upos", s.upos},
        {"xpos", s.xpos},       {"feats", s.feats},
        {"lemma", s.lemma},     {"uas", s.uas},
        {"las", s.las},         {"sentences_per_second", per_second}};
    if (raw) out["raw_text"] = RawScoresJson(*raw);
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%s: %zu sentences, %zu words (gold tokenization)\n",
              flags.conllu.c_str(), s.sentences, s.words);
  std::printf(
      "UPOS   %6.2f\nXPOS   %6.2f\nFEATS  %6.2f\nLemma  %6.2f\n"
      "UAS    %6.2f\nLAS    %6.2f\n",
      s.upos, s.xpos, s.feats, s.lemma, s.uas, s.las);
  std::printf("speed  %.0f sentences/s (tag + parse, one thread)\n",
              per_second);
  if (raw) {
    std::printf(
        "\nfrom raw text (own tokenization and sentence splitting; F1 over "
        "aligned words):\n");
    const nlohmann::ordered_json scores = RawScoresJson(*raw);
    for (const auto& [name, value] : scores.items()) {
      std::printf("%-13s %6.2f\n", name.c_str(), value.get<double>());
    }
  }
  return 0;
}

void RegisterEvalSyntax(CLI::App& eval, int* exit_code) {
  auto flags = std::make_shared<SyntaxFlags>();
  CLI::App* cmd = eval.add_subcommand(
      "syntax",
      "Score POS tags, features, lemmas and dependencies on a CoNLL-U file.");
  cmd->footer(
      "Words come from the treebank (gold tokenization); tags are predicted "
      "and the parser sees the predicted tags. UAS/LAS count every word, "
      "punctuation included; LAS compares full relations (with subtypes).\n\n"
      "Example: entente eval syntax --conllu "
      "../shared/corpora/ud-english-ewt/test.conllu");
  cmd->add_option("--conllu", flags->conllu, "CoNLL-U file with gold trees")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--models", flags->models,
                  "Models directory (default: $ENTENTE_MODELS or models/)")
      ->type_name("DIR");
  cmd->add_option("--output", flags->output,
                  "Also write the predicted analysis as CoNLL-U (for error "
                  "analysis)")
      ->type_name("FILE");
  cmd->add_flag("--json", flags->json, "Print the scores as a JSON object");
  cmd->add_flag("--raw", flags->raw,
                "Also score from the raw text (rebuilt from '# text' lines) "
                "through the tokenizer, sentence splitter, tagger and parser: "
                "CoNLL 2018-style F1 over words aligned by identical spans");
  cmd->callback([flags, exit_code] { *exit_code = RunSyntax(*flags); });
}

const bool kSyntaxRegistered =
    RegisterEvalSubcommand("syntax", &RegisterEvalSyntax);

}  // namespace
}  // namespace entente::tools
