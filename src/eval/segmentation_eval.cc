#include "eval/segmentation_eval.h"

#include <string_view>

#include "entente/text.h"
#include "util/strings.h"

namespace entente {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) { return TrimChars(s, " \t\r\n"); }

// The sentence text as the treebank spells it, or, when "# text" is
// missing, as its tokens and SpaceAfter spell it.
std::string SentenceText(const ConlluSentence& sentence) {
  if (!Trim(sentence.text).empty()) return std::string(Trim(sentence.text));
  std::string text;
  for (const ConlluToken& token : sentence.tokens) {
    text += token.form;
    if (token.space_after) text += ' ';
  }
  return std::string(Trim(text));
}

}  // namespace

SegmentationCorpus BuildSegmentationCorpus(
    const std::vector<ConlluSentence>& sentences) {
  SegmentationCorpus corpus;
  for (size_t index = 0; index < sentences.size(); ++index) {
    const ConlluSentence& sentence = sentences[index];
    const bool new_paragraph =
        index == 0 || sentence.new_document || sentence.new_paragraph;
    if (index == 0 || sentence.new_document) ++corpus.documents;
    if (new_paragraph) ++corpus.paragraphs;
    if (index > 0) corpus.text += new_paragraph ? "\n\n" : " ";
    const std::string text = SentenceText(sentence);
    const size_t base = corpus.text.size();
    corpus.text += text;

    const size_t first_span = corpus.tokens.size();
    size_t cursor = 0;
    for (const ConlluToken& token : sentence.tokens) {
      while (cursor < text.size() && IsSpace(text[cursor])) ++cursor;
      size_t pos = cursor;
      if (text.compare(cursor, token.form.size(), token.form) != 0) {
        pos = text.find(token.form, cursor);
        if (pos == std::string::npos || token.form.empty()) {
          ++corpus.unaligned_tokens;
          continue;
        }
      }
      cursor = pos + token.form.size();
      auto start = static_cast<uint32_t>(base + pos);
      const auto end = static_cast<uint32_t>(base + cursor);
      // Split a multiword token into its words when they spell it exactly.
      if (token.last_word > token.first_word) {
        std::string joined;
        for (int w = token.first_word; w <= token.last_word; ++w) {
          joined += sentence.words[w].form;
        }
        if (joined == token.form) {
          for (int w = token.first_word; w <= token.last_word; ++w) {
            const auto len =
                static_cast<uint32_t>(sentence.words[w].form.size());
            if (len == 0) continue;
            corpus.tokens.push_back({start, start + len});
            corpus.token_words.push_back({static_cast<int>(index), w});
            start += len;
          }
          continue;
        }
      }
      corpus.tokens.push_back({start, end});
      corpus.token_words.push_back(
          token.last_word > token.first_word
              ? GoldWordRef{}
              : GoldWordRef{static_cast<int>(index), token.first_word});
    }
    if (corpus.tokens.size() > first_span) {
      corpus.sentences.push_back(
          {corpus.tokens[first_span].start, corpus.tokens.back().end});
    }
  }
  return corpus;
}

PrfCounts ScoreSpans(const std::vector<Span>& gold,
                     const std::vector<Span>& predicted) {
  PrfCounts counts;
  counts.gold = gold.size();
  counts.predicted = predicted.size();
  size_t g = 0, p = 0;
  while (g < gold.size() && p < predicted.size()) {
    if (gold[g] == predicted[p]) {
      ++counts.correct;
      ++g;
      ++p;
    } else if (gold[g].start < predicted[p].start ||
               (gold[g].start == predicted[p].start &&
                gold[g].end < predicted[p].end)) {
      ++g;
    } else {
      ++p;
    }
  }
  return counts;
}

SegmentationResult EvaluateSegmentation(const SegmentationCorpus& corpus) {
  const std::vector<Token> tokens = Tokenize(corpus.text);
  const std::vector<Sentence> sentences = SplitSentences(corpus.text, tokens);
  std::vector<Span> token_spans, sentence_spans;
  token_spans.reserve(tokens.size());
  for (const Token& t : tokens) token_spans.push_back({t.start, t.end});
  sentence_spans.reserve(sentences.size());
  for (const Sentence& s : sentences)
    sentence_spans.push_back({s.start, s.end});

  SegmentationResult result;
  result.tokens = ScoreSpans(corpus.tokens, token_spans);
  result.sentences = ScoreSpans(corpus.sentences, sentence_spans);
  result.bytes = corpus.text.size();
  result.documents = corpus.documents;
  result.paragraphs = corpus.paragraphs;
  result.unaligned_tokens = corpus.unaligned_tokens;
  return result;
}

StatusOr<SegmentationResult> EvaluateSegmentationFile(const std::string& path) {
  StatusOr<std::vector<ConlluSentence>> sentences = ReadConlluFile(path);
  if (!sentences.ok()) return sentences.status();
  if (sentences->empty()) {
    return InvalidArgumentError(path + ": no CoNLL-U sentences found");
  }
  return EvaluateSegmentation(BuildSegmentationCorpus(*sentences));
}

}  // namespace entente
