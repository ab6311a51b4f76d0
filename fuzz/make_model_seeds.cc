// Writes the seed inputs of model_fuzz: tiny tagger, parser and NER models
// trained on a few sentences written here, in the input layout model_fuzz
// expects (one selector byte, then the bytes). Run by scripts/fuzz.sh when
// the seeds are missing:  make_model_seeds fuzz/corpus/model_fuzz
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "corpus/conllu.h"
#include "entente/text.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/ner_model.h"
#include "fuzz_util.h"
#include "syntax/model_io.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace {

constexpr char kTreebank[] =
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n"
    "3\tvisited\tvisit\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot"
    "\t_\t_\n"
    "4\tParis\tParis\tPROPN\tNNP\tNumber=Sing\t3\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tTroops\ttroop\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\twithdrew\twithdraw\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0"
    "\troot\t_\t_\n"
    "3\tyesterday\tyesterday\tNOUN\tNN\tNumber=Sing\t2\tobl:tmod\t_\t_\n"
    "\n";

bool Write(const std::filesystem::path& path, char selector,
           const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.put(selector);
  out << bytes;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace entente;
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_model_seeds DIR\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  auto sentences = ParseConllu(kTreebank, "seed");
  if (!sentences.ok()) return 1;

  syntax::TaggerTrainOptions tagger_options;
  tagger_options.epochs = 2;
  tagger_options.wordnet_dir = "";
  auto tagger = syntax::Tagger::Train(*sentences, {}, tagger_options);
  syntax::ParserTrainOptions parser_options;
  parser_options.epochs = 2;
  auto parser = syntax::Parser::Train(*sentences, {}, parser_options);
  if (!tagger.ok() || !parser.ok()) return 1;

  auto gazetteer = Gazetteer::BuiltIn();
  auto lexicon = ActorLexicon::BuiltIn();
  if (!gazetteer.ok() || !lexicon.ok()) return 1;
  NerResources resources{&*gazetteer, &*lexicon};
  NerExample example;
  example.text = "Emmanuel Macron visited the United Nations in Geneva.";
  example.tokens = Tokenize(example.text);
  example.labels.assign(example.tokens.size(), 0);
  example.labels[0] = NerBegin(NerType::kPerson);
  example.labels[1] = NerInside(NerType::kPerson);
  example.labels[4] = NerBegin(NerType::kOrganization);
  example.labels[5] = NerInside(NerType::kOrganization);
  example.labels[7] = NerBegin(NerType::kPlace);
  NerTrainOptions ner_options;
  ner_options.epochs = 2;
  auto ner = TrainNer({example}, {}, resources, ner_options);
  if (!ner.ok()) return 1;

  std::string framed = (dir / "framed.tmp").string();
  if (!syntax::WriteModelFile(framed, syntax::Tagger::kMagic,
                              syntax::Tagger::kVersion, tagger->Serialize())
           .ok()) {
    return 1;
  }
  std::string framed_bytes = fuzz::Slurp(framed);
  std::filesystem::remove(framed);

  bool ok = Write(dir / "tagger", 0, tagger->Serialize()) &&
            Write(dir / "parser", 1, parser->Serialize()) &&
            Write(dir / "ner", 2, ner->Serialize()) &&
            Write(dir / "framed_tagger", 3, framed_bytes);
  return ok ? 0 : 1;
}
