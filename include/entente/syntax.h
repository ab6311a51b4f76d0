// Syntax stage: part-of-speech tags (UPOS and Penn XPOS), morphological
// features, lemmas and a labelled dependency tree (Universal Dependencies),
// from models trained on UD English (EWT + GUM) and shipped in models/.
//
// Usage:
//   auto model = entente::SyntaxModel::Load("");  // default models dir
//   if (!model.ok()) ... model.status() ...
//   std::vector<entente::TokenSyntax> syntax;
//   (*model)->Analyze(doc.text, analysis.tokens, analysis.sentences, &syntax);
#ifndef ENTENTE_SYNTAX_H_
#define ENTENTE_SYNTAX_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

// TokenSyntax (one token's tags, lemma, head and relation) is declared in
// document.h, since Analysis carries it.

// Tagger, lemmatizer and parser models. Load once and share: the object is
// immutable and every method is const and thread-safe.
class SyntaxModel {
 public:
  // Loads models_dir/tagger.bin and models_dir/parser.bin. An empty
  // `models_dir` means DefaultModelsDir(). NotFound if a file is missing;
  // DataLoss naming the file if it is truncated, corrupted or not an entente
  // model of the right kind and version.
  static StatusOr<std::shared_ptr<const SyntaxModel>> Load(
      const std::string& models_dir);

  // $ENTENTE_MODELS when set and non-empty, else the source tree's models/.
  static std::string DefaultModelsDir();

  ~SyntaxModel();
  SyntaxModel(const SyntaxModel&) = delete;
  SyntaxModel& operator=(const SyntaxModel&) = delete;

  // Analyzes every sentence of a tokenized document. `tokens` and
  // `sentences` are the text stage's output over `text` (each token one
  // word; sentences cover tokens [first_token, end_token)). `out` is resized
  // to tokens.size(); heads are document token indices. Tokens outside every
  // sentence get only tags and lemmas (tagged as a sentence of their own).
  // The "#" of a hashtag and quotation marks around a single word ("#US",
  // had "unintentionally" shot) are not shown to the models: they hang on
  // that word (deprel "dep" and "punct").
  void Analyze(std::string_view text, const std::vector<Token>& tokens,
               const std::vector<Sentence>& sentences,
               std::vector<TokenSyntax>* out) const;

  // Analyzes one sentence given as words (gold tokenization, as in
  // CoNLL-U); heads are indices into `words`. `out` is resized.
  void AnalyzeWords(const std::vector<std::string_view>& words,
                    std::vector<TokenSyntax>* out) const;

  // Tags and lemmatizes only (no parse); heads stay -1, deprel empty.
  void TagWords(const std::vector<std::string_view>& words,
                std::vector<TokenSyntax>* out) const;

 private:
  struct Impl;
  explicit SyntaxModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente

#endif  // ENTENTE_SYNTAX_H_
