// entente train ner: trains the statistical named-entity recognizer
// (src/entities/ner_model.h) on the entity annotations of GUM and writes
// models/ner.bin (see models/README.md for the command that made it).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/ner_model.h"

namespace entente::tools {
namespace {

struct NerFlags {
  std::vector<std::string> train, dev;
  int epochs = 12;
  uint64_t seed = 1;
  float prune = 0.01f;
  std::string out;
};

int RunTrainNer(NerFlags flags) {
  std::string shared;
  if (const char* env = std::getenv("ENTENTE_SHARED_DIR"); env && *env) {
    shared = env;
  } else {
    shared = std::string(ENTENTE_SOURCE_DIR) + "/../shared";
  }
  if (flags.train.empty()) flags.train = {shared + "/corpora/gum/train.conllu"};
  if (flags.dev.empty()) flags.dev = {shared + "/corpora/gum/dev.conllu"};
  if (flags.out.empty()) {
    flags.out = std::string(ENTENTE_SOURCE_DIR) + "/models/ner.bin";
  }
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "entente train ner: %s\n", s.ToString().c_str());
    return 1;
  };
  auto read = [&](const std::vector<std::string>& files,
                  std::vector<NerExample>* out) -> Status {
    for (const std::string& f : files) {
      StatusOr<std::vector<NerExample>> ex = ReadGumNerExamples(f);
      if (!ex.ok()) return ex.status();
      out->insert(out->end(), ex->begin(), ex->end());
    }
    return Status::Ok();
  };
  std::vector<NerExample> train, dev;
  if (Status s = read(flags.train, &train); !s.ok()) return fail(s);
  if (Status s = read(flags.dev, &dev); !s.ok()) return fail(s);
  StatusOr<Gazetteer> gazetteer = Gazetteer::BuiltIn();
  if (!gazetteer.ok()) return fail(gazetteer.status());
  StatusOr<ActorLexicon> lexicon = ActorLexicon::BuiltIn();
  if (!lexicon.ok()) return fail(lexicon.status());
  std::fprintf(stderr, "entente train ner: %zu train, %zu dev sentences\n",
               train.size(), dev.size());
  NerTrainOptions options;
  options.epochs = flags.epochs;
  options.seed = flags.seed;
  options.prune = flags.prune;
  options.log = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  const auto start = std::chrono::steady_clock::now();
  StatusOr<NerModel> model =
      TrainNer(train, dev, {&*gazetteer, &*lexicon}, options);
  if (!model.ok()) return fail(model.status());
  if (Status s = model->Save(flags.out); !s.ok()) return fail(s);
  std::fprintf(
      stderr, "entente train ner: wrote %s (%zu features) in %.0fs\n",
      flags.out.c_str(), model->num_features(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count());
  return 0;
}

}  // namespace

void RegisterTrainNer(CLI::App& app, int* exit_code) {
  CLI::App* train = app.get_subcommand("train");
  auto flags = std::make_shared<NerFlags>();
  CLI::App* ner = train->add_subcommand(
      "ner", "Train the named-entity recognizer on GUM's entity annotations.");
  ner->add_option("--train", flags->train,
                  "CoNLL-U files with GUM Entity= annotations (default: "
                  "../shared GUM train)")
      ->type_name("FILE...");
  ner->add_option("--dev", flags->dev,
                  "CoNLL-U files for choosing the epoch (default: GUM dev)")
      ->type_name("FILE...");
  ner->add_option("--epochs", flags->epochs, "Training epochs")
      ->capture_default_str();
  ner->add_option("--seed", flags->seed,
                  "Random seed; training is deterministic for a seed")
      ->capture_default_str();
  ner->add_option("--prune", flags->prune,
                  "Drop features whose averaged weights are all below this")
      ->capture_default_str();
  ner->add_option("--out", flags->out,
                  "Model file to write (default: models/ner.bin)")
      ->type_name("FILE");
  ner->footer("Example: nice entente train ner --epochs 12 --seed 1");
  ner->callback([flags, exit_code] { *exit_code = RunTrainNer(*flags); });
}

}  // namespace entente::tools
