#include "eval/raw_syntax_eval.h"

#include <string_view>

#include "entente/text.h"

namespace entente {
namespace {

// For each predicted token, the gold token with the identical span, or -1.
std::vector<int> AlignTokens(const std::vector<Span>& gold,
                             const std::vector<Token>& predicted) {
  std::vector<int> aligned(predicted.size(), -1);
  size_t g = 0;
  for (size_t p = 0; p < predicted.size(); ++p) {
    while (g < gold.size() && (gold[g].start < predicted[p].start ||
                               (gold[g].start == predicted[p].start &&
                                gold[g].end < predicted[p].end))) {
      ++g;
    }
    if (g < gold.size() && gold[g].start == predicted[p].start &&
        gold[g].end == predicted[p].end) {
      aligned[p] = static_cast<int>(g);
    }
  }
  return aligned;
}

void SetTotals(size_t gold, size_t predicted,
               std::initializer_list<PrfCounts*> counts) {
  for (PrfCounts* c : counts) {
    c->gold = gold;
    c->predicted = predicted;
  }
}

}  // namespace

RawSyntaxScores EvaluateRawSyntax(
    const SyntaxModel& model, const std::vector<ConlluSentence>& sentences) {
  const SegmentationCorpus corpus = BuildSegmentationCorpus(sentences);
  const std::vector<Token> tokens = Tokenize(corpus.text);
  const std::vector<Sentence> split = SplitSentences(corpus.text, tokens);
  std::vector<TokenSyntax> syntax;
  model.Analyze(corpus.text, tokens, split, &syntax);

  RawSyntaxScores scores;
  size_t gold_words = 0;
  for (const ConlluSentence& s : sentences) gold_words += s.words.size();
  SetTotals(gold_words, tokens.size(),
            {&scores.words, &scores.upos, &scores.xpos, &scores.lemma,
             &scores.uas, &scores.las});
  std::vector<Span> sentence_spans;
  for (const Sentence& s : split) sentence_spans.push_back({s.start, s.end});
  scores.sentences = ScoreSpans(corpus.sentences, sentence_spans);

  // Gold token of every gold word, to compare heads across the alignment.
  std::vector<std::vector<int>> token_of_word(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    token_of_word[i].assign(sentences[i].words.size(), -1);
  }
  for (size_t t = 0; t < corpus.token_words.size(); ++t) {
    const GoldWordRef& ref = corpus.token_words[t];
    if (ref.sentence >= 0) {
      token_of_word[ref.sentence][ref.word] = static_cast<int>(t);
    }
  }
  const std::vector<int> aligned = AlignTokens(corpus.tokens, tokens);
  for (size_t p = 0; p < tokens.size(); ++p) {
    if (aligned[p] < 0) continue;
    const GoldWordRef& ref = corpus.token_words[aligned[p]];
    if (ref.sentence < 0) continue;  // A multiword token is not one word.
    const ConlluWord& gold = sentences[ref.sentence].words[ref.word];
    const TokenSyntax& predicted = syntax[p];
    ++scores.words.correct;
    scores.upos.correct += predicted.upos == gold.upos;
    scores.xpos.correct += predicted.xpos == gold.xpos;
    scores.lemma.correct += predicted.lemma == gold.lemma;
    bool head_right;
    if (gold.head == 0) {
      head_right = predicted.head < 0;
    } else {
      int gold_head_token = token_of_word[ref.sentence][gold.head - 1];
      head_right = predicted.head >= 0 && gold_head_token >= 0 &&
                   aligned[predicted.head] == gold_head_token;
    }
    scores.uas.correct += head_right;
    scores.las.correct += head_right && predicted.deprel == gold.deprel;
  }
  return scores;
}

}  // namespace entente
