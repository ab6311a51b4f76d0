// Google Benchmark micro-benchmarks, one per pipeline stage, over the same
// documents: the first 40 of ../shared/news/wikinews.jsonl, or the team's
// articles in examples/ when ../shared is absent.
//
//   cmake --build build --target micro_bench -j2
//   build/micro_bench                       # every stage
//   build/micro_bench --benchmark_filter=Parser --benchmark_repetitions=5
//
// Each benchmark reports items (sentences) per second; the "tokens" counter
// gives tokens per second. Resources (models, tables) are loaded once,
// before timing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/events.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/syntax.h"
#include "entente/text.h"
#include "entente/time.h"
#include "syntax/parser.h"

namespace {

using namespace entente;  // NOLINT: a benchmark file.

constexpr size_t kMaxDocuments = 40;

struct Corpus {
  std::vector<Document> documents;
  std::vector<Analysis> analyses;  // Full pipeline output, for later stages.
  size_t sentences = 0, tokens = 0;
};

std::string InputPath() {
  const std::string shared =
      ENTENTE_SOURCE_DIR "/../shared/news/wikinews.jsonl";
  if (std::filesystem::exists(shared)) return shared;
  std::fprintf(stderr,
               "micro_bench: %s absent; using the team's examples/ instead\n",
               shared.c_str());
  return ENTENTE_SOURCE_DIR "/examples";
}

const Pipeline& SharedPipeline() {
  static const Pipeline* pipeline = [] {
    auto created = Pipeline::Create(PipelineOptions());
    if (!created.ok()) {
      std::fprintf(stderr, "micro_bench: %s\n",
                   created.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(created).value().release();
  }();
  return *pipeline;
}

const Corpus& SharedCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    Status status = ReadDocuments(
        {InputPath()}, ReaderOptions(), [&](StatusOr<Document> doc) {
          if (doc.ok() && c->documents.size() < kMaxDocuments) {
            c->documents.push_back(std::move(doc).value());
          }
        });
    if (!status.ok() || c->documents.empty()) {
      std::fprintf(stderr, "micro_bench: no documents: %s\n",
                   status.ToString().c_str());
      std::exit(1);
    }
    for (const Document& d : c->documents) {
      c->analyses.push_back(SharedPipeline().Analyze(d));
      c->sentences += c->analyses.back().sentences.size();
      c->tokens += c->analyses.back().tokens.size();
    }
    return c;
  }();
  return *corpus;
}

std::shared_ptr<const SyntaxModel> SharedSyntax() {
  static std::shared_ptr<const SyntaxModel> model = [] {
    auto loaded = SyntaxModel::Load("");
    if (!loaded.ok()) std::exit(1);
    return std::move(loaded).value();
  }();
  return model;
}

// Reports sentences (items) and tokens per second for `passes` passes.
void Count(benchmark::State& state, const Corpus& c) {
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * c.sentences));
  state.counters["tokens"] =
      benchmark::Counter(static_cast<double>(state.iterations() * c.tokens),
                         benchmark::Counter::kIsRate);
}

// The words of one sentence as views into the text.
std::vector<std::string_view> Words(const Document& d, const Analysis& a,
                                    const Sentence& s) {
  std::vector<std::string_view> words;
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    words.push_back(std::string_view(d.text).substr(
        a.tokens[t].start, a.tokens[t].end - a.tokens[t].start));
  }
  return words;
}

void BM_TokenizeAndSplit(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  for (auto _ : state) {
    for (const Document& d : c.documents) {
      std::vector<Token> tokens = Tokenize(d.text);
      benchmark::DoNotOptimize(SplitSentences(d.text, tokens));
    }
  }
  Count(state, c);
}
BENCHMARK(BM_TokenizeAndSplit);

// Tagger, morphological features and lemmatizer (no parse).
void BM_Tagger(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  auto model = SharedSyntax();
  std::vector<TokenSyntax> out;
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      for (const Sentence& s : c.analyses[i].sentences) {
        model->TagWords(Words(c.documents[i], c.analyses[i], s), &out);
      }
    }
  }
  Count(state, c);
}
BENCHMARK(BM_Tagger);

// The dependency parser alone, on the tagger's tags.
void BM_Parser(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  auto parser =
      syntax::Parser::Load(SyntaxModel::DefaultModelsDir() + "/parser.bin");
  if (!parser.ok()) {
    state.SkipWithError(parser.status().ToString().c_str());
    return;
  }
  std::vector<std::vector<syntax::ParserWord>> sentences;
  for (size_t i = 0; i < c.documents.size(); ++i) {
    const Analysis& a = c.analyses[i];
    for (const Sentence& s : a.sentences) {
      std::vector<syntax::ParserWord> words;
      for (uint32_t t = s.first_token; t < s.end_token; ++t) {
        words.push_back({std::string_view(c.documents[i].text)
                             .substr(a.tokens[t].start,
                                     a.tokens[t].end - a.tokens[t].start),
                         a.syntax[t].upos, a.syntax[t].xpos});
      }
      sentences.push_back(std::move(words));
    }
  }
  std::vector<int> heads, labels;
  for (auto _ : state) {
    for (const auto& words : sentences) parser->Parse(words, &heads, &labels);
  }
  Count(state, c);
}
BENCHMARK(BM_Parser);

// Tagging, lemmas and parsing of whole documents (the syntax stage).
void BM_SyntaxStage(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  auto model = SharedSyntax();
  std::vector<TokenSyntax> out;
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      model->Analyze(c.documents[i].text, c.analyses[i].tokens,
                     c.analyses[i].sentences, &out);
    }
  }
  Count(state, c);
}
BENCHMARK(BM_SyntaxStage);

// Runs an entity recognizer built with `options` over the whole corpus.
void RecognizeCorpus(benchmark::State& state, const EntityOptions& options) {
  const Corpus& c = SharedCorpus();
  auto recognizer = EntityRecognizer::Create(options);
  if (!recognizer.ok()) {
    state.SkipWithError(recognizer.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      benchmark::DoNotOptimize((*recognizer)
                                   ->Recognize(c.documents[i].text,
                                               c.analyses[i].tokens,
                                               c.analyses[i].sentences));
    }
  }
  Count(state, c);
}

// Countries, capitals, demonyms, subdivisions and outlets from the
// gazetteer only (no NER model, no lexicons, no coreference).
void BM_GazetteerMatching(benchmark::State& state) {
  EntityOptions options;
  options.gazetteer_only = true;
  RecognizeCorpus(state, options);
}
BENCHMARK(BM_GazetteerMatching);

// The whole entity stage: gazetteer, NER model, lexicons, actor codes and
// coreference.
void BM_EntityStage(benchmark::State& state) {
  RecognizeCorpus(state, EntityOptions{});
}
BENCHMARK(BM_EntityStage);

// Dates, quotations and attributions.
void BM_TimeAndAttribution(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      const Document& d = c.documents[i];
      const Analysis& a = c.analyses[i];
      benchmark::DoNotOptimize(
          FindDates(d.text, a.tokens, a.sentences, d.date));
      benchmark::DoNotOptimize(
          FindQuotes(d.text, a.tokens, a.sentences, a.entities));
      benchmark::DoNotOptimize(
          FindAttributions(d.text, a.tokens, a.sentences, a.entities));
    }
  }
  Count(state, c);
}
BENCHMARK(BM_TimeAndAttribution);

// CAMEO event coding over ready parses, entities, dates and quotes.
void BM_EventCoder(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  const EventCoder* coder = SharedPipeline().event_coder();
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      benchmark::DoNotOptimize(
          coder->Code(c.documents[i], c.analyses[i], c.analyses[i].syntax));
    }
  }
  Count(state, c);
}
BENCHMARK(BM_EventCoder);

// Rendering the output contract (one JSON line per document).
void BM_OutputJson(benchmark::State& state) {
  const Corpus& c = SharedCorpus();
  for (auto _ : state) {
    for (size_t i = 0; i < c.documents.size(); ++i) {
      benchmark::DoNotOptimize(
          AnalysisToJson(c.documents[i], c.analyses[i], JsonOptions()));
    }
  }
  Count(state, c);
}
BENCHMARK(BM_OutputJson);

}  // namespace

BENCHMARK_MAIN();
