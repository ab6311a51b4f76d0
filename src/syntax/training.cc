#include "syntax/training.h"

#include <chrono>
#include <cstdio>
#include <fstream>

#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace entente::syntax {

StatusOr<std::vector<ConlluSentence>> ReadConlluFiles(
    const std::vector<std::string>& paths) {
  std::vector<ConlluSentence> all;
  for (const std::string& path : paths) {
    auto sentences = ReadConlluFile(path);
    if (!sentences.ok()) return sentences.status();
    for (ConlluSentence& s : *sentences) all.push_back(std::move(s));
  }
  return all;
}

namespace {

// Replaces the UPOS/XPOS columns with the tagger's predictions.
void RetagWith(const Tagger& tagger, std::vector<ConlluSentence>* sentences,
               size_t begin, size_t end) {
  std::vector<std::string_view> words;
  std::vector<WordTags> tags;
  for (size_t s = begin; s < end; ++s) {
    ConlluSentence& sentence = (*sentences)[s];
    words.clear();
    for (const ConlluWord& w : sentence.words) words.push_back(w.form);
    tagger.Tag(words, &tags);
    for (size_t i = 0; i < tags.size(); ++i) {
      sentence.words[i].upos = std::move(tags[i].upos);
      sentence.words[i].xpos = std::move(tags[i].xpos);
    }
  }
}

}  // namespace

Status TrainTaggerCommand(const TrainRequest& request) {
  auto train = ReadConlluFiles(request.train_files);
  if (!train.ok()) return train.status();
  auto dev = ReadConlluFiles(request.dev_files);
  if (!dev.ok()) return dev.status();
  TaggerTrainOptions options;
  if (request.epochs > 0) options.epochs = request.epochs;
  options.seed = request.seed;
  options.max_weights = request.max_weights;
  options.wordnet_dir = request.wordnet_dir;
  options.log = request.log;
  auto tagger = Tagger::Train(*train, *dev, options);
  if (!tagger.ok()) return tagger.status();
  return tagger->Save(request.out);
}

Status TrainParserCommand(const TrainRequest& request) {
  auto train = ReadConlluFiles(request.train_files);
  if (!train.ok()) return train.status();
  auto dev = ReadConlluFiles(request.dev_files);
  if (!dev.ok()) return dev.status();
  auto log = [&](const std::string& s) {
    if (request.log) request.log(s);
  };
  if (!request.tagger_model.empty()) {
    auto tagger = Tagger::Load(request.tagger_model);
    if (!tagger.ok()) return tagger.status();
    RetagWith(*tagger, &*dev, 0, dev->size());
    if (request.jackknife > 1) {
      // Each fold is tagged by a tagger trained on the other folds, so the
      // parser learns from tags as noisy as the ones it will see.
      const size_t k = static_cast<size_t>(request.jackknife);
      std::vector<ConlluSentence> tagged = *train;
      for (size_t fold = 0; fold < k; ++fold) {
        size_t begin = train->size() * fold / k;
        size_t end = train->size() * (fold + 1) / k;
        std::vector<ConlluSentence> rest;
        for (size_t s = 0; s < train->size(); ++s) {
          if (s < begin || s >= end) rest.push_back((*train)[s]);
        }
        TaggerTrainOptions options;
        options.seed = request.seed + fold;
        options.epochs = 8;  // Dev accuracy has plateaued by then.
        options.wordnet_dir = "";
        auto fold_tagger = Tagger::Train(rest, {}, options);
        if (!fold_tagger.ok()) return fold_tagger.status();
        RetagWith(*fold_tagger, &tagged, begin, end);
        log("parser: jackknife fold " + std::to_string(fold + 1) + "/" +
            std::to_string(k) + " tagged");
      }
      *train = std::move(tagged);
    } else {
      RetagWith(*tagger, &*train, 0, train->size());
    }
  }
  ParserTrainOptions options;
  if (request.epochs > 0) options.epochs = request.epochs;
  options.seed = request.seed;
  options.max_weights = request.max_weights;
  options.log = request.log;
  auto parser = Parser::Train(*train, *dev, options);
  if (!parser.ok()) return parser.status();
  return parser->Save(request.out);
}

SyntaxScores EvaluateSyntax(const SyntaxModel& model,
                            const std::vector<ConlluSentence>& sentences) {
  SyntaxScores scores;
  size_t upos = 0, xpos = 0, feats = 0, lemma = 0, uas = 0, las = 0;
  std::vector<std::string_view> words;
  std::vector<TokenSyntax> out;
  double seconds = 0;
  for (const ConlluSentence& s : sentences) {
    words.clear();
    for (const ConlluWord& w : s.words) words.push_back(w.form);
    auto start = std::chrono::steady_clock::now();
    model.AnalyzeWords(words, &out);
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    ++scores.sentences;
    for (size_t i = 0; i < words.size(); ++i) {
      const ConlluWord& g = s.words[i];
      const TokenSyntax& p = out[i];
      ++scores.words;
      upos += p.upos == g.upos;
      xpos += p.xpos == g.xpos;
      feats += p.feats == (g.feats == "_" ? "" : g.feats);
      lemma += p.lemma == g.lemma;
      if (p.head + 1 == g.head) {
        ++uas;
        las += p.deprel == g.deprel;
      }
    }
  }
  auto pct = [&](size_t n) {
    return scores.words ? 100.0 * static_cast<double>(n) /
                              static_cast<double>(scores.words)
                        : 0.0;
  };
  scores.upos = pct(upos);
  scores.xpos = pct(xpos);
  scores.feats = pct(feats);
  scores.lemma = pct(lemma);
  scores.uas = pct(uas);
  scores.las = pct(las);
  scores.seconds = seconds;
  return scores;
}

Status WriteAnalyzedConllu(const SyntaxModel& model,
                           const std::vector<ConlluSentence>& sentences,
                           const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot open for writing");
  std::vector<std::string_view> words;
  std::vector<TokenSyntax> result;
  for (const ConlluSentence& s : sentences) {
    words.clear();
    for (const ConlluWord& w : s.words) words.push_back(w.form);
    model.AnalyzeWords(words, &result);
    if (!s.id.empty()) out << "# sent_id = " << s.id << '\n';
    if (!s.text.empty()) out << "# text = " << s.text << '\n';
    for (size_t i = 0; i < words.size(); ++i) {
      const TokenSyntax& t = result[i];
      out << i + 1 << '\t' << words[i] << '\t' << t.lemma << '\t' << t.upos
          << '\t' << t.xpos << '\t' << (t.feats.empty() ? "_" : t.feats) << '\t'
          << t.head + 1 << '\t' << t.deprel << "\t_\t_\n";
    }
    out << '\n';
  }
  if (!out.flush()) return IoError(path + ": write failed");
  return Status::Ok();
}

}  // namespace entente::syntax
