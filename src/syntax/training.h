// Training and evaluation drivers behind `entente train tagger|parser` and
// `entente eval syntax`: read corpora, train, report, save.
#ifndef ENTENTE_SYNTAX_TRAINING_H_
#define ENTENTE_SYNTAX_TRAINING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "corpus/conllu.h"
#include "entente/status.h"
#include "entente/syntax.h"

namespace entente::syntax {

struct TrainRequest {
  std::vector<std::string> train_files;  // CoNLL-U, concatenated.
  std::vector<std::string> dev_files;    // For choosing the epoch; optional.
  int epochs = 0;                        // 0: the model's default.
  uint64_t seed = 1;
  std::string out;         // Model file to write.
  size_t max_weights = 0;  // Prune to this many weights; 0: keep all.
  // Parser only: the tagger model whose predictions the parser trains and
  // is evaluated on ("" = gold tags), and the number of folds for
  // jackknifed training tags (0/1: tag the training set with that tagger).
  std::string tagger_model;
  int jackknife = 0;
  std::string wordnet_dir = "/usr/share/wordnet";
  std::function<void(const std::string&)> log;
};

Status TrainTaggerCommand(const TrainRequest& request);
Status TrainParserCommand(const TrainRequest& request);

// Accuracy figures over words (gold tokenization), in percent.
struct SyntaxScores {
  size_t sentences = 0, words = 0;
  double upos = 0, xpos = 0, feats = 0, lemma = 0, uas = 0, las = 0;
  double seconds = 0;  // Analysis time (tagging + parsing).
};

// Analyzes every sentence of `sentences` from its gold words and compares.
// LAS compares full relations (subtypes included); punctuation counts.
SyntaxScores EvaluateSyntax(const SyntaxModel& model,
                            const std::vector<ConlluSentence>& sentences);

// Writes `sentences` with the model's predictions in place of the gold
// LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL columns (words only; multiword
// token lines and comments other than sent_id/text are dropped).
Status WriteAnalyzedConllu(const SyntaxModel& model,
                           const std::vector<ConlluSentence>& sentences,
                           const std::string& path);

// Reads and concatenates CoNLL-U files.
StatusOr<std::vector<ConlluSentence>> ReadConlluFiles(
    const std::vector<std::string>& paths);

}  // namespace entente::syntax

#endif  // ENTENTE_SYNTAX_TRAINING_H_
