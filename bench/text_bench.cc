// Throughput of the text stage (Tokenize + SplitSentences) on one thread.
//
//   text_bench [FILE.jsonl] [--mb N] [--runs N] [--json]
//
// Reads FILE (default: ../shared/news/wikinews.jsonl) with ReadDocuments,
// repeats its document texts in memory until they total N MB (default 64),
// then times Tokenize + SplitSentences over all of them, `runs` times
// (default 5), reporting the median and best run. Reading is timed
// separately, over whole passes of ReadDocuments on the file (from the page
// cache), and the combined read+tokenize+split figure is what one thread
// doing both in sequence achieves: 1 / (1/read + 1/text), in MB of document
// text per second.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "entente/reader.h"
#include "entente/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU time of this thread: on a machine shared with other jobs, wall time
// measures the scheduler as much as the code, so both are reported.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct Options {
  std::string path = ENTENTE_SOURCE_DIR "/../shared/news/wikinews.jsonl";
  double mb = 64;
  int runs = 5;
  bool json = false;
};

int Usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s [FILE.jsonl] [--mb N] [--runs N] [--json]\n",
               argv0);
  return 2;
}

// Reads every document of `path`; returns false (after printing why) when
// the file cannot be read at all.
bool ReadAll(const std::string& path, std::vector<std::string>* texts) {
  entente::ReaderOptions options;
  options.format = entente::InputFormat::kJsonl;
  size_t errors = 0;
  entente::Status status = entente::ReadDocuments(
      {path}, options, [&](entente::StatusOr<entente::Document> doc) {
        if (doc.ok()) {
          if (texts) texts->push_back(std::move(doc->text));
        } else {
          ++errors;
        }
      });
  if (!status.ok() && (texts == nullptr || texts->empty())) {
    std::fprintf(stderr, "text_bench: %s\n", status.ToString().c_str());
    return false;
  }
  if (errors > 0 && texts) {
    std::fprintf(stderr, "text_bench: %zu records of %s skipped\n", errors,
                 path.c_str());
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      opt.json = true;
    } else if (arg == "--mb" && i + 1 < argc) {
      opt.mb = std::atof(argv[++i]);
    } else if (arg == "--runs" && i + 1 < argc) {
      opt.runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "-h" || arg == "--help" || arg.rfind("--", 0) == 0) {
      return Usage(argv[0]);
    } else {
      opt.path = arg;
    }
  }
  if (opt.mb <= 0) return Usage(argv[0]);

  // --- Reading: whole passes of ReadDocuments over the file. ---
  std::vector<std::string> texts;
  if (!ReadAll(opt.path, &texts)) return 1;
  size_t pass_bytes = 0;
  for (const auto& t : texts) pass_bytes += t.size();
  if (pass_bytes == 0) {
    std::fprintf(stderr, "text_bench: %s holds no text\n", opt.path.c_str());
    return 1;
  }
  int read_passes = 0;
  const auto read_start = Clock::now();
  const double read_cpu_start = ThreadCpuSeconds();
  double read_seconds = 0;
  while (read_seconds < 0.5 || read_passes < 3) {
    if (!ReadAll(opt.path, nullptr)) return 1;
    ++read_passes;
    read_seconds = Seconds(read_start, Clock::now());
  }
  const double read_cpu = ThreadCpuSeconds() - read_cpu_start;
  const double read_mbps = pass_bytes * read_passes / read_seconds / 1e6;
  const double read_cpu_mbps = pass_bytes * read_passes / read_cpu / 1e6;

  // --- Tokenize + split over the repeated corpus. ---
  const size_t target = static_cast<size_t>(opt.mb * 1e6);
  std::vector<const std::string*> corpus;
  size_t total_bytes = 0;
  while (total_bytes < target) {
    for (const auto& t : texts) {
      corpus.push_back(&t);
      total_bytes += t.size();
    }
  }
  std::vector<double> times, cpu_times;
  size_t tokens = 0, sentences = 0;
  for (int run = 0; run < opt.runs; ++run) {
    tokens = sentences = 0;
    const auto start = Clock::now();
    const double cpu_start = ThreadCpuSeconds();
    for (const std::string* text : corpus) {
      const std::vector<entente::Token> toks = entente::Tokenize(*text);
      const std::vector<entente::Sentence> sents =
          entente::SplitSentences(*text, toks);
      tokens += toks.size();
      sentences += sents.size();
    }
    times.push_back(Seconds(start, Clock::now()));
    cpu_times.push_back(ThreadCpuSeconds() - cpu_start);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu_times.begin(), cpu_times.end());
  const double cpu_median = cpu_times[cpu_times.size() / 2];
  const double text_cpu_mbps = total_bytes / cpu_median / 1e6;
  const double combined_cpu_mbps = 1 / (1 / read_cpu_mbps + 1 / text_cpu_mbps);
  const double median = times[times.size() / 2];
  const double best = times.front();
  const double text_mbps = total_bytes / median / 1e6;
  const double combined_mbps = 1 / (1 / read_mbps + 1 / text_mbps);
  const double sentences_per_s = sentences / median;
  const double tokens_per_s = tokens / median;

  if (opt.json) {
    std::printf(
        "{\"file\": \"%s\", \"documents\": %zu, \"corpus_bytes\": %zu, "
        "\"runs\": %d, \"tokens\": %zu, \"sentences\": %zu, "
        "\"text_mb_per_s\": %.1f, \"text_mb_per_s_best\": %.1f, "
        "\"read_mb_per_s\": %.1f, \"read_tokenize_split_mb_per_s\": %.1f, "
        "\"sentences_per_s\": %.0f, \"tokens_per_s\": %.0f, "
        "\"cpu\": {\"text_mb_per_s\": %.1f, \"read_mb_per_s\": %.1f, "
        "\"read_tokenize_split_mb_per_s\": %.1f, \"sentences_per_s\": %.0f}}\n",
        opt.path.c_str(), corpus.size(), total_bytes, opt.runs, tokens,
        sentences, text_mbps, total_bytes / best / 1e6, read_mbps,
        combined_mbps, sentences_per_s, tokens_per_s, text_cpu_mbps,
        read_cpu_mbps, combined_cpu_mbps, sentences / cpu_median);
  } else {
    std::printf("corpus: %s repeated to %zu documents, %.1f MB of text\n",
                opt.path.c_str(), corpus.size(), total_bytes / 1e6);
    std::printf("tokens %zu, sentences %zu per run; %d runs, one thread\n",
                tokens, sentences, opt.runs);
    std::printf("                        wall time    thread CPU time\n");
    std::printf("tokenize+split MB/s    %9.1f    %9.1f  (wall best %.1f)\n",
                text_mbps, text_cpu_mbps, total_bytes / best / 1e6);
    std::printf(
        "read MB/s              %9.1f    %9.1f  (ReadDocuments, MB of "
        "document text)\n",
        read_mbps, read_cpu_mbps);
    std::printf("read+tokenize+split    %9.1f    %9.1f\n", combined_mbps,
                combined_cpu_mbps);
    std::printf("sentences/s            %9.0f    %9.0f\n", sentences_per_s,
                sentences / cpu_median);
    std::printf("tokens/s               %9.0f    %9.0f\n", tokens_per_s,
                tokens / cpu_median);
  }
  return 0;
}
