// Reading CoNLL-U treebanks (Universal Dependencies format) for training and
// evaluation. Streaming is unnecessary: the largest treebank is ~15 MB.
#ifndef ENTENTE_CORPUS_CONLLU_H_
#define ENTENTE_CORPUS_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"

namespace entente {

// One syntactic word (an integer-id line). Multiword-token ranges ("1-2")
// are kept separately in ConlluSentence::tokens.
struct ConlluWord {
  std::string form, lemma, upos, xpos, feats, deprel, misc;
  int head = 0;  // 0 is the root; otherwise a 1-based word index.
};

// One surface token: either a single word or a multiword token ("don't"
// spanning words 1-2). `space_after` is false when MISC has SpaceAfter=No.
struct ConlluToken {
  std::string form;
  int first_word = 0;  // 0-based index into ConlluSentence::words.
  int last_word = 0;   // Inclusive.
  bool space_after = true;
};

struct ConlluSentence {
  std::string id;              // "# sent_id = ..."
  std::string text;            // "# text = ..."
  bool new_document = false;   // Preceded by "# newdoc".
  bool new_paragraph = false;  // Preceded by "# newpar" (or "# newdoc").
  std::vector<ConlluWord> words;
  std::vector<ConlluToken> tokens;
};

// Parses a whole CoNLL-U document. Empty nodes ("8.1") are skipped. Errors
// name the line: InvalidArgument("file:LINE: expected 10 columns").
StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view content,
                                                  std::string_view name);

// Reads and parses a CoNLL-U file.
StatusOr<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);

}  // namespace entente

#endif  // ENTENTE_CORPUS_CONLLU_H_
