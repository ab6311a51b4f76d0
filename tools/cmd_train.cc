// entente train tagger|parser: trains the syntax models from CoNLL-U
// treebanks (see models/README.md for the commands that made the shipped
// models).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "syntax/training.h"

namespace entente::tools {
namespace {

std::string SharedDir() {
  if (const char* env = std::getenv("ENTENTE_SHARED_DIR"); env && *env) {
    return env;
  }
  return std::string(ENTENTE_SOURCE_DIR) + "/../shared";
}

struct TrainFlags {
  std::vector<std::string> train, dev;
  int epochs = 0;
  uint64_t seed = 1;
  std::string out;
  size_t max_weights = 0;
  std::string tagger;
  bool gold_tags = false;
  int jackknife = 0;
  std::string wordnet = "/usr/share/wordnet";
};

int Run(const char* what, TrainFlags flags) {
  const std::string shared = SharedDir();
  if (flags.train.empty()) {
    flags.train = {shared + "/corpora/ud-english-ewt/train.conllu",
                   shared + "/corpora/gum/train.conllu"};
  }
  if (flags.dev.empty()) {
    flags.dev = {shared + "/corpora/ud-english-ewt/dev.conllu"};
  }
  const std::string models = std::string(ENTENTE_SOURCE_DIR) + "/models";
  if (flags.out.empty()) flags.out = models + "/" + what + ".bin";
  syntax::TrainRequest request;
  request.train_files = flags.train;
  request.dev_files = flags.dev;
  request.epochs = flags.epochs;
  request.seed = flags.seed;
  request.out = flags.out;
  request.max_weights = flags.max_weights;
  request.wordnet_dir = flags.wordnet;
  request.jackknife = flags.jackknife;
  if (!flags.gold_tags) {
    request.tagger_model =
        flags.tagger.empty() ? models + "/tagger.bin" : flags.tagger;
  }
  request.log = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  auto start = std::chrono::steady_clock::now();
  Status status = std::string(what) == "tagger"
                      ? syntax::TrainTaggerCommand(request)
                      : syntax::TrainParserCommand(request);
  if (!status.ok()) {
    std::fprintf(stderr, "entente train %s: %s\n", what,
                 status.ToString().c_str());
    return 1;
  }
  std::fprintf(
      stderr, "entente train %s: wrote %s in %.0fs\n", what, flags.out.c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count());
  return 0;
}

void AddCommon(CLI::App* cmd, TrainFlags* flags) {
  cmd->add_option("--train", flags->train,
                  "Training CoNLL-U files (default: ../shared UD English EWT "
                  "train + GUM train)")
      ->type_name("FILE...");
  cmd->add_option("--dev", flags->dev,
                  "CoNLL-U files for choosing the epoch (default: EWT dev)")
      ->type_name("FILE...");
  cmd->add_option("--epochs", flags->epochs,
                  "Training epochs (default: tagger 12, parser 15)");
  cmd->add_option("--seed", flags->seed,
                  "Random seed; training is deterministic for a seed")
      ->capture_default_str();
  cmd->add_option("--out", flags->out,
                  "Model file to write (default: models/<kind>.bin)")
      ->type_name("FILE");
  cmd->add_option("--max-weights", flags->max_weights,
                  "Keep only this many largest weights (0: all)");
}

}  // namespace

void RegisterTrain(CLI::App& app, int* exit_code) {
  CLI::App* train = app.add_subcommand(
      "train", "Train the syntax models (tagger, parser) from treebanks.");
  train->require_subcommand(1);

  auto tagger_flags = std::make_shared<TrainFlags>();
  CLI::App* tagger = train->add_subcommand(
      "tagger", "Train the POS tagger, morphological features and lemmatizer.");
  AddCommon(tagger, tagger_flags.get());
  tagger
      ->add_option("--wordnet", tagger_flags->wordnet,
                   "Directory with WordNet's *.exc lists, compiled into "
                   "the model ('' to skip)")
      ->capture_default_str();
  tagger->footer(
      "Shipped model: nice entente train tagger --epochs 12 --seed 1 "
      "--out models/tagger.bin");
  tagger->callback(
      [tagger_flags, exit_code] { *exit_code = Run("tagger", *tagger_flags); });

  auto parser_flags = std::make_shared<TrainFlags>();
  CLI::App* parser = train->add_subcommand(
      "parser", "Train the dependency parser (arc-hybrid, dynamic oracle).");
  AddCommon(parser, parser_flags.get());
  parser
      ->add_option("--tagger", parser_flags->tagger,
                   "Tagger model whose tags the parser learns from "
                   "(default: models/tagger.bin)")
      ->type_name("FILE");
  parser->add_flag("--gold-tags", parser_flags->gold_tags,
                   "Train and choose the epoch on gold tags instead");
  parser->add_option("--jackknife", parser_flags->jackknife,
                     "Tag the training set by N-fold jackknifing (N taggers "
                     "trained on the other folds); --tagger still tags --dev");
  parser->footer(
      "Shipped model (train the tagger first): nice entente train parser "
      "--jackknife 5 --epochs 12 --seed 1 --max-weights 7000000 --out "
      "models/parser.bin");
  parser->callback(
      [parser_flags, exit_code] { *exit_code = Run("parser", *parser_flags); });
}

}  // namespace entente::tools
