// Evaluation of the text stage (tokenizer and sentence splitter) against
// CoNLL-U treebanks: `entente eval segmentation`.
#ifndef ENTENTE_EVAL_SEGMENTATION_EVAL_H_
#define ENTENTE_EVAL_SEGMENTATION_EVAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corpus/conllu.h"
#include "entente/status.h"

namespace entente {

// Counts for precision/recall/F1 over exact spans.
struct PrfCounts {
  size_t gold = 0;
  size_t predicted = 0;
  size_t correct = 0;  // Predicted spans identical to a gold span.

  double Precision() const {
    return predicted ? double(correct) / predicted : 0;
  }
  double Recall() const { return gold ? double(correct) / gold : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// A byte span [start, end) into SegmentationCorpus::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// Raw text rebuilt from a treebank, with the gold segmentation as spans.
//
// Documents and paragraphs are separated by "\n\n", sentences inside a
// paragraph by one space, each sentence being its "# text" line.
//
// Gold tokens: each surface token is located in its sentence's text. A
// multiword token whose words spell it exactly ("don't" = "do" + "n't",
// "Russia's" = "Russia" + "'s", "gonna" = "gon" + "na") contributes its
// words, because the tokenizer splits clitics the UD way; any other multiword
// token (rare spelling changes) contributes the surface token as a whole.
// The gold word a token span stands for; -1 when the span is a whole
// multiword token whose words do not spell it (no single word).
struct GoldWordRef {
  int sentence = -1;  // Index into the treebank's sentences.
  int word = -1;      // Index into that sentence's words.
};

struct SegmentationCorpus {
  std::string text;
  std::vector<Span> tokens;              // In text order.
  std::vector<GoldWordRef> token_words;  // Parallel to `tokens`.
  std::vector<Span> sentences;  // From first to last gold token, in order.
  size_t documents = 0;
  size_t paragraphs = 0;
  // Tokens whose form could not be found in the "# text" line; they count
  // as gold tokens that were missed.
  size_t unaligned_tokens = 0;
};

// Builds the corpus. Sentences without a "# text" line are rebuilt from
// their tokens and SpaceAfter=No.
SegmentationCorpus BuildSegmentationCorpus(
    const std::vector<ConlluSentence>& sentences);

// Result of running Tokenize + SplitSentences over a corpus.
struct SegmentationResult {
  PrfCounts tokens;
  PrfCounts sentences;
  size_t bytes = 0;
  size_t documents = 0;
  size_t paragraphs = 0;
  size_t unaligned_tokens = 0;
};

// Scores predicted spans against gold spans (both sorted by start).
PrfCounts ScoreSpans(const std::vector<Span>& gold,
                     const std::vector<Span>& predicted);

// Tokenizes and splits `corpus.text` and scores the result. Thread-safe.
SegmentationResult EvaluateSegmentation(const SegmentationCorpus& corpus);

// Reads a CoNLL-U file and evaluates on it. NotFound/IoError when the file
// cannot be read, InvalidArgument when it is not CoNLL-U or holds no
// sentences; messages name the file.
StatusOr<SegmentationResult> EvaluateSegmentationFile(const std::string& path);

}  // namespace entente

#endif  // ENTENTE_EVAL_SEGMENTATION_EVAL_H_
