// Throughput of the syntax stage (tagging, lemmas, parsing) on one thread.
//
//   syntax_bench [FILE.conllu] [--models DIR] [--runs N]
//
// Loads the models (default: models/), reads the words of FILE (default:
// ../shared/corpora/ud-english-ewt/dev.conllu) and runs
// SyntaxModel::AnalyzeWords over every sentence, `runs` times (default 5),
// reporting the median run in sentences and words per second, as wall time
// and as this thread's CPU time (the machine is shared, so CPU time is the
// better estimate of one idle core). Model loading is timed separately.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "corpus/conllu.h"
#include "entente/syntax.h"

namespace {

using Clock = std::chrono::steady_clock;

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path =
      ENTENTE_SOURCE_DIR "/../shared/corpora/ud-english-ewt/dev.conllu";
  std::string models;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--models") && i + 1 < argc) {
      models = argv[++i];
    } else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (argv[i][0] != '-') {
      path = argv[i];
    } else {
      std::fprintf(stderr,
                   "usage: %s [FILE.conllu] [--models DIR] [--runs N]\n",
                   argv[0]);
      return 2;
    }
  }
  auto load_start = Clock::now();
  auto model = entente::SyntaxModel::Load(models);
  double load_seconds =
      std::chrono::duration<double>(Clock::now() - load_start).count();
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  auto sentences = entente::ReadConlluFile(path);
  if (!sentences.ok()) {
    std::fprintf(stderr, "%s\n", sentences.status().ToString().c_str());
    return 1;
  }
  std::vector<std::vector<std::string_view>> words(sentences->size());
  size_t total_words = 0;
  for (size_t s = 0; s < sentences->size(); ++s) {
    for (const auto& w : (*sentences)[s].words) words[s].push_back(w.form);
    total_words += words[s].size();
  }
  std::vector<double> wall, cpu;
  std::vector<entente::TokenSyntax> out;
  for (int run = 0; run < runs; ++run) {
    auto start = Clock::now();
    double cpu_start = ThreadCpuSeconds();
    for (const auto& sentence : words) (*model)->AnalyzeWords(sentence, &out);
    cpu.push_back(ThreadCpuSeconds() - cpu_start);
    wall.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  double w = wall[wall.size() / 2], c = cpu[cpu.size() / 2];
  const double n = static_cast<double>(sentences->size());
  const double nw = static_cast<double>(total_words);
  std::printf("%s: %zu sentences, %zu words, %d runs (median)\n", path.c_str(),
              sentences->size(), total_words, runs);
  std::printf("model load        %.2f s\n", load_seconds);
  std::printf("wall time         %.0f sentences/s  %.0f words/s\n", n / w,
              nw / w);
  std::printf("thread CPU time   %.0f sentences/s  %.0f words/s\n", n / c,
              nw / c);
  // The fastest run is the least disturbed by other jobs on the machine.
  std::printf("best run (CPU)    %.0f sentences/s  %.0f words/s\n",
              n / cpu.front(), nw / cpu.front());
  return 0;
}
