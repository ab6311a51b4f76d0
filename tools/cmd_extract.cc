// entente extract: documents in, one JSON object per document out.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "input_flags.h"

namespace entente::tools {
namespace {

struct ExtractFlags {
  std::vector<std::string> inputs;
  InputFlags input;
  std::string output = "-";
  bool pretty = false;
  bool tokens = false;
  bool keep_negated = false;
  bool stats = false;
  int threads = 0;
};

// Analyses documents a batch at a time on `threads` workers and writes the
// results in input order, so output is deterministic and memory is bounded
// by one batch.
class OrderedExtractor {
 public:
  OrderedExtractor(const Pipeline& pipeline, FILE* out, const JsonOptions& json,
                   int threads)
      : pipeline_(pipeline), out_(out), json_(json), threads_(threads) {}

  void Add(Document document) {
    batch_.push_back(std::move(document));
    if (batch_.size() >= kBatchSize) Flush();
  }

  void Flush() {
    if (batch_.empty()) return;
    std::vector<std::string> lines(batch_.size());
    std::vector<size_t> sentence_counts(batch_.size());
    auto work = [&](size_t worker) {
      for (size_t i = worker; i < batch_.size(); i += threads_) {
        Analysis analysis;
        try {
          analysis = pipeline_.Analyze(batch_[i]);
        } catch (const std::exception& e) {
          // One document that breaks a stage must not stop the batch.
          std::fprintf(stderr, "entente: error: %s: analysis failed: %s\n",
                       batch_[i].origin.c_str(), e.what());
          ++failures_;
          continue;
        }
        for (const Warning& w : analysis.warnings) {
          std::fprintf(stderr, "entente: warning: %s: %s\n",
                       batch_[i].origin.c_str(), w.message.c_str());
        }
        sentence_counts[i] = analysis.sentences.size();
        lines[i] = AnalysisToJson(batch_[i], analysis, json_);
        lines[i] += '\n';
      }
    };
    std::vector<std::future<void>> workers;
    for (int t = 1; t < threads_; ++t) {
      workers.push_back(std::async(std::launch::async, work, t));
    }
    work(0);
    for (auto& w : workers) w.get();
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].empty()) continue;
      if (std::fwrite(lines[i].data(), 1, lines[i].size(), out_) !=
          lines[i].size()) {
        write_failed_ = true;
        break;
      }
      ++documents_;
      sentences_ += sentence_counts[i];
      bytes_ += batch_[i].text.size();
    }
    batch_.clear();
  }

  bool write_failed() const { return write_failed_; }
  size_t documents() const { return documents_; }
  size_t sentences() const { return sentences_; }
  size_t bytes() const { return bytes_; }
  size_t failures() const { return failures_; }

 private:
  static constexpr size_t kBatchSize = 64;
  const Pipeline& pipeline_;
  FILE* out_;
  JsonOptions json_;
  int threads_;
  std::vector<Document> batch_;
  bool write_failed_ = false;
  size_t documents_ = 0, sentences_ = 0, bytes_ = 0;
  std::atomic<size_t> failures_{0};
};

int RunExtract(const ExtractFlags& flags) {
  auto reader_options = ToReaderOptions(flags.input);
  if (!reader_options.ok()) {
    std::fprintf(stderr, "entente extract: %s\n",
                 reader_options.status().message().c_str());
    return 2;
  }
  PipelineOptions pipeline_options;
  pipeline_options.keep_negated = flags.keep_negated;
  pipeline_options.actor_files = flags.input.actors;
  auto pipeline = Pipeline::Create(pipeline_options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "entente extract: cannot load resources: %s\n",
                 pipeline.status().ToString().c_str());
    return 1;
  }
  FILE* out = stdout;
  if (flags.output != "-") {
    out = std::fopen(flags.output.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "entente extract: cannot write %s\n",
                   flags.output.c_str());
      return 1;
    }
  }
  int threads = flags.threads > 0
                    ? flags.threads
                    : std::max(1u, std::thread::hardware_concurrency());
  JsonOptions json;
  json.pretty = flags.pretty;
  json.tokens = flags.tokens;
  OrderedExtractor extractor(**pipeline, out, json, threads);
  size_t errors = 0;
  auto started = std::chrono::steady_clock::now();
  Status read_status = ReadDocuments(
      flags.inputs, *reader_options, [&](StatusOr<Document> document) {
        if (!document.ok()) {
          ++errors;
          std::fprintf(stderr, "entente: error: %s\n",
                       document.status().ToString().c_str());
          return;
        }
        extractor.Add(std::move(document).value());
      });
  extractor.Flush();
  errors += extractor.failures();
  bool write_failed = extractor.write_failed() || std::fflush(out) != 0;
  if (out != stdout) write_failed = std::fclose(out) != 0 || write_failed;
  if (write_failed) {
    std::fprintf(
        stderr, "entente extract: writing %s failed\n",
        flags.output == "-" ? "standard output" : flags.output.c_str());
    return 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  if (flags.stats || isatty(STDERR_FILENO)) {
    std::fprintf(stderr,
                 "entente extract: %zu documents, %zu sentences, %.1f MB in "
                 "%.2f s; %zu error(s)\n",
                 extractor.documents(), extractor.sentences(),
                 extractor.bytes() / 1e6, seconds, errors);
  }
  return (errors > 0 || !read_status.ok()) ? 1 : 0;
}

}  // namespace

void RegisterExtract(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Extract sentences, entities, events, quotations and dates from news "
      "documents; writes one JSON object per document (JSON Lines).");
  cmd->add_option("inputs", flags->inputs,
                  "Files or directories to read (recursively), or - for "
                  "standard input. Plain text (.txt), JSON Lines (.jsonl: "
                  "{id, date, source, url, title, text}) and HTML (.html).")
      ->required();
  AddInputFlags(cmd, &flags->input);
  cmd->add_option("-o,--output", flags->output,
                  "Write the JSON Lines here instead of standard output.");
  cmd->add_flag("--pretty", flags->pretty,
                "Indent the JSON for reading (one object per document).");
  cmd->add_flag("--tokens", flags->tokens,
                "Add each token's span, lemma, UPOS/XPOS tags, features, head "
                "and dependency relation (\"tokens\").");
  cmd->add_flag("--keep-negated", flags->keep_negated,
                "Also output negated events (\"did not attack\"), flagged "
                "\"negated\": true.");
  cmd->add_option("-j,--threads", flags->threads,
                  "Worker threads (default: one per core).");
  cmd->add_flag("--stats", flags->stats,
                "Print a summary line on standard error (always shown on a "
                "terminal).");
  cmd->footer(
      "Exit status: 0 when every document was read and analysed, 1 when any "
      "input failed (the others are still processed), 2 for bad options.\n"
      "Example: entente extract --pretty examples/");
  cmd->callback([flags, exit_code] { *exit_code = RunExtract(*flags); });
}

}  // namespace entente::tools
