// Syntax scored from raw text through the whole front of the pipeline
// (tokenizer, sentence splitter, tagger, lemmatizer, parser), the way the
// CoNLL 2018 shared task scores systems that do their own tokenization:
// predicted words are aligned to gold words by identical byte spans, and
// each metric is an F1 of correct aligned words over gold and predicted
// words. `entente eval syntax --raw`.
#ifndef ENTENTE_EVAL_RAW_SYNTAX_EVAL_H_
#define ENTENTE_EVAL_RAW_SYNTAX_EVAL_H_

#include <vector>

#include "corpus/conllu.h"
#include "entente/syntax.h"
#include "eval/segmentation_eval.h"

namespace entente {

struct RawSyntaxScores {
  PrfCounts words;      // Word segmentation.
  PrfCounts sentences;  // Sentence segmentation.
  PrfCounts upos, xpos, lemma;
  // A word's head is right when the predicted head word is aligned to the
  // gold head word (or both are the root); LAS also needs the relation.
  PrfCounts uas, las;
};

// Rebuilds the raw text of `sentences` (as `eval segmentation` does),
// analyses it with `model` and scores it against the treebank. Thread-safe.
RawSyntaxScores EvaluateRawSyntax(const SyntaxModel& model,
                                  const std::vector<ConlluSentence>& sentences);

}  // namespace entente

#endif  // ENTENTE_EVAL_RAW_SYNTAX_EVAL_H_
