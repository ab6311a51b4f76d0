// Fuzzes the model loaders (models/*.bin): the first byte picks the format,
// the rest is the data.
//   0  tagger payload      (Tagger::Deserialize, then tags a sentence)
//   1  parser payload      (Parser::Deserialize, then parses a sentence)
//   2  NER model file      (checksum re-sealed so mutations reach the body;
//                           NerModel::Deserialize, then tags a sentence)
//   3  framed model file   (ReadModelFile: header, size and checksum)
// A model that loads must then work on text without reading out of bounds,
// since a corrupt-but-well-formed file is as likely as a truncated one.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/text.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/ner_model.h"
#include "fuzz_util.h"
#include "syntax/model_io.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace {

using entente::fuzz::Require;
namespace syntax = entente::syntax;

const entente::Gazetteer* gazetteer = nullptr;
const entente::ActorLexicon* lexicon = nullptr;
std::string framed_path;

constexpr std::string_view kSentence =
    "The minister visited Paris and Geneva yesterday, officials said.";

std::vector<std::string_view> Words() {
  std::vector<std::string_view> words;
  for (const auto& t : entente::Tokenize(kSentence)) {
    words.push_back(kSentence.substr(t.start, t.end - t.start));
  }
  return words;
}

void UseTagger(const syntax::Tagger& tagger) {
  auto words = Words();
  std::vector<syntax::WordTags> tags;
  tagger.Tag(words, &tags);
  Require(tags.size() == words.size(), "one tag per word");
  (void)tagger.Lemmatize("visited", "VBD");
}

void UseParser(const syntax::Parser& parser) {
  auto words = Words();
  std::vector<syntax::ParserWord> input;
  for (std::string_view w : words) input.push_back({w, "NOUN", "NN"});
  std::vector<int> heads, labels;
  parser.Parse(input, &heads, &labels);
  Require(heads.size() == words.size() && labels.size() == words.size(),
          "one head and label per word");
  for (size_t i = 0; i < heads.size(); ++i) {
    Require(heads[i] >= -1 && heads[i] < static_cast<int>(words.size()),
            "head in sentence");
    Require(labels[i] >= 0 &&
                labels[i] < static_cast<int>(parser.label_names().size()),
            "label in label set");
  }
}

void UseNer(const entente::NerModel& model) {
  auto tokens = entente::Tokenize(kSentence);
  entente::NerResources resources{gazetteer, lexicon};
  for (const auto& span :
       model.Tag(kSentence, tokens, 0, tokens.size(), resources)) {
    Require(span.first < span.end && span.end <= tokens.size(),
            "NER span in sentence");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto g = entente::Gazetteer::BuiltIn();
  auto l = entente::ActorLexicon::BuiltIn();
  Require(g.ok() && l.ok(), "built-in gazetteer and lexicon load");
  gazetteer = new entente::Gazetteer(std::move(g).value());
  lexicon = new entente::ActorLexicon(std::move(l).value());
  framed_path = "/tmp/entente-model-fuzz-" + std::to_string(getpid()) + ".bin";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto tagger = syntax::Tagger::Deserialize(bytes, "fuzz");
      if (tagger.ok()) UseTagger(*tagger);
      break;
    }
    case 1: {
      auto parser = syntax::Parser::Deserialize(bytes, "fuzz");
      if (parser.ok()) UseParser(*parser);
      break;
    }
    case 2: {
      std::string sealed(bytes);
      if (sealed.size() >= 8) {
        uint64_t sum = syntax::Fnv1a64(
            std::string_view(sealed).substr(0, sealed.size() - 8));
        std::memcpy(sealed.data() + sealed.size() - 8, &sum, 8);
      }
      auto model = entente::NerModel::Deserialize(sealed, "fuzz");
      if (model.ok()) UseNer(*model);
      break;
    }
    case 3: {
      std::ofstream(framed_path, std::ios::binary | std::ios::trunc)
          .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      auto payload = syntax::ReadModelFile(framed_path, syntax::Tagger::kMagic,
                                           syntax::Tagger::kVersion);
      if (payload.ok()) {
        auto tagger = syntax::Tagger::Deserialize(*payload, framed_path);
        if (tagger.ok()) UseTagger(*tagger);
      }
      break;
    }
  }
  return 0;
}
