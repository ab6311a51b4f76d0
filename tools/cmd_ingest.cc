// entente ingest: documents in, analysed on every core, stored by one writer
// into the knowledge-graph database (see docs/store.md).
//
// Threads: the calling thread reads documents and skips those already stored
// with the same content hash; workers analyse; one writer thread stores the
// results in input order (so the database does not depend on scheduling),
// several documents per transaction. Every document is atomic, and a batch
// is committed at least once a second, so a kill loses at most that second.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/store.h"
#include "input_flags.h"
#include "util/bounded_queue.h"

namespace entente::tools {
namespace {

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string db;
  InputFlags input;
  int threads = 0;
  size_t batch = 64;
  bool force = false;
  bool quiet = false;
};

struct Work {
  size_t seq = 0;
  Document document;
  std::string hash;
  Analysis analysis;
  bool failed = false;
};

// A quick estimate of how many documents the inputs hold, for the ETA:
// lines of JSON Lines files, one per other file.
size_t EstimateDocuments(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  size_t total = 0;
  auto count_file = [&](const fs::path& p) {
    std::string ext = p.extension().string();
    if (ext == ".jsonl" || ext == ".ndjson") {
      std::ifstream in(p, std::ios::binary);
      std::string line;
      while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) ++total;
      }
    } else {
      ++total;
    }
  };
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-") return 0;  // Unknown.
    if (fs::is_directory(input, ec)) {
      for (auto it = fs::recursive_directory_iterator(input, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) count_file(it->path());
      }
    } else {
      count_file(input);
    }
  }
  return total;
}

std::string FormatDuration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                  s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

class Ingester {
 public:
  Ingester(const IngestFlags& flags, Store& store, const Pipeline& pipeline)
      : flags_(flags),
        store_(store),
        pipeline_(pipeline),
        work_(256),
        done_(256),
        tty_(!flags.quiet && isatty(STDERR_FILENO)) {}

  int Run() {
    auto hashes = store_.DocumentHashes();
    if (!hashes.ok()) {
      std::fprintf(stderr, "entente ingest: %s\n",
                   hashes.status().ToString().c_str());
      return 1;
    }
    auto reader_options = ToReaderOptions(flags_.input);
    if (!reader_options.ok()) {
      std::fprintf(stderr, "entente ingest: %s\n",
                   reader_options.status().message().c_str());
      return 2;
    }
    if (tty_) estimated_total_ = EstimateDocuments(flags_.inputs);
    started_ = std::chrono::steady_clock::now();

    int threads = flags_.threads > 0
                      ? flags_.threads
                      : static_cast<int>(
                            std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) workers.emplace_back([&] { Analyse(); });
    std::thread writer([&] { Write(); });

    size_t seq = 0;
    Status read_status = ReadDocuments(
        flags_.inputs, *reader_options, [&](StatusOr<Document> document) {
          if (fatal_.load()) return;
          if (!document.ok()) {
            ++read_errors_;
            PrintLine("entente: error: " + document.status().ToString());
            return;
          }
          Work w;
          w.hash = ContentHash(*document);
          auto it = hashes->find(document->id);
          if (!flags_.force && it != hashes->end() && it->second == w.hash) {
            ++unchanged_;
            return;
          }
          w.seq = seq++;
          w.document = std::move(document).value();
          work_.Push(std::move(w));
        });
    (void)read_status;  // Every error already went through the sink.
    work_.Close();
    for (auto& t : workers) t.join();
    done_.Close();
    writer.join();

    double seconds = Elapsed();
    if (tty_) std::fputs("\r\033[K", stderr);
    size_t processed = added_ + replaced_;
    std::fprintf(stderr,
                 "entente ingest: %zu added, %zu replaced, %zu unchanged, %zu "
                 "failed in %.1f s (%.1f documents/s) into %s",
                 added_.load(), replaced_.load(), unchanged_.load(),
                 failed_.load() + read_errors_.load(), seconds,
                 seconds > 0 ? processed / seconds : 0.0, flags_.db.c_str());
    auto counts = store_.Counts();
    if (counts.ok()) {
      std::fprintf(stderr,
                   ": %lld documents, %lld actors, %lld events in %lld "
                   "clusters, %lld quotations\n",
                   static_cast<long long>(counts->documents),
                   static_cast<long long>(counts->actors),
                   static_cast<long long>(counts->events),
                   static_cast<long long>(counts->clusters),
                   static_cast<long long>(counts->quotes));
    } else {
      std::fputc('\n', stderr);
    }
    if (!fatal_status_.ok()) {
      std::fprintf(stderr,
                   "entente ingest: stopped: %s\nentente ingest: everything "
                   "committed before is kept; fix the problem and run the "
                   "same command again to continue.\n",
                   fatal_status_.ToString().c_str());
      return 1;
    }
    return (failed_ > 0 || read_errors_ > 0) ? 1 : 0;
  }

 private:
  void Analyse() {
    while (auto w = work_.Pop()) {
      if (!fatal_.load()) {
        try {
          w->analysis = pipeline_.Analyze(w->document);
        } catch (const std::exception& e) {
          // One document that breaks a stage must not stop the others.
          PrintLine("entente: error: " + w->document.origin +
                    ": analysis failed: " + e.what());
          w->failed = true;
        }
      }
      done_.Push(std::move(*w));
    }
  }

  // The one writer: stores results in input order, in batches.
  void Write() {
    std::map<size_t, Work> pending;
    size_t next = 0;
    bool in_batch = false;
    size_t in_batch_count = 0;
    auto batch_started = std::chrono::steady_clock::now();
    auto last_progress = batch_started;
    auto commit = [&] {
      if (!in_batch) return;
      Status status = store_.CommitBatch();
      in_batch = false;
      in_batch_count = 0;
      if (!status.ok()) Fail(status);
    };
    while (auto w = done_.Pop()) {
      pending.emplace(w->seq, std::move(*w));
      for (auto it = pending.find(next); it != pending.end();
           it = pending.find(next)) {
        Work item = std::move(it->second);
        pending.erase(it);
        ++next;
        if (fatal_.load()) continue;
        if (item.failed) {
          ++failed_;
          continue;
        }
        for (const Warning& warning : item.analysis.warnings) {
          PrintLine("entente: warning: " + item.document.origin + ": " +
                    warning.message);
        }
        if (!in_batch) {
          Status status = store_.BeginBatch();
          if (!status.ok()) {
            Fail(status);
            continue;
          }
          in_batch = true;
          batch_started = std::chrono::steady_clock::now();
        }
        auto outcome = store_.PutDocument(item.document, item.analysis,
                                          item.hash, flags_.force);
        if (!outcome.ok()) {
          StatusCode code = outcome.status().code();
          if (code == StatusCode::kInvalidArgument) {
            // Bad data in one document: skip it, keep the batch.
            ++failed_;
            PrintLine("entente: error: " + outcome.status().ToString());
            continue;
          }
          Fail(outcome.status());
          (void)store_.CommitBatch();  // Reports the rollback, if any.
          in_batch = false;
          continue;
        }
        switch (*outcome) {
          case PutOutcome::kAdded:
            ++added_;
            break;
          case PutOutcome::kReplaced:
            ++replaced_;
            break;
          case PutOutcome::kUnchanged:
            ++unchanged_;
            break;
        }
        ++in_batch_count;
        auto now = std::chrono::steady_clock::now();
        if (in_batch_count >= flags_.batch ||
            now - batch_started > std::chrono::seconds(1)) {
          commit();
        }
        if (tty_ && now - last_progress > std::chrono::milliseconds(200)) {
          last_progress = now;
          Progress();
        }
      }
    }
    commit();
  }

  void Fail(const Status& status) {
    std::lock_guard lock(print_mu_);
    if (fatal_status_.ok()) fatal_status_ = status;
    fatal_ = true;
  }

  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         started_)
        .count();
  }

  void Progress() {
    size_t stored = added_ + replaced_;
    size_t seen = stored + unchanged_ + failed_ + read_errors_;
    double seconds = Elapsed();
    double rate = seconds > 0 ? stored / seconds : 0;
    std::string line = "ingest: " + std::to_string(seen);
    if (estimated_total_ > 0) {
      size_t total = std::max(estimated_total_, seen);
      line += "/" + std::to_string(total) + " documents (" +
              std::to_string(100 * seen / total) + "%)";
    } else {
      line += " documents";
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, ", %.1f documents/s", rate);
    line += buf;
    if (estimated_total_ > seen && rate > 0) {
      line += ", ETA " + FormatDuration((estimated_total_ - seen) / rate);
    }
    std::lock_guard lock(print_mu_);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
  }

  // Prints a message on its own line, clearing the progress line first.
  void PrintLine(const std::string& message) {
    std::lock_guard lock(print_mu_);
    if (tty_) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "%s\n", message.c_str());
  }

  const IngestFlags& flags_;
  Store& store_;
  const Pipeline& pipeline_;
  BoundedQueue<Work> work_;
  BoundedQueue<Work> done_;
  bool tty_;
  size_t estimated_total_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::atomic<bool> fatal_{false};
  std::mutex print_mu_;
  Status fatal_status_;  // Guarded by print_mu_ until the threads join.
  std::atomic<size_t> added_{0}, replaced_{0}, unchanged_{0}, failed_{0},
      read_errors_{0};
};

int RunIngest(const IngestFlags& flags) {
  if (flags.batch == 0) {
    std::fprintf(stderr, "entente ingest: --batch must be at least 1\n");
    return 2;
  }
  auto store = Store::OpenSqlite(flags.db);
  if (!store.ok()) {
    std::fprintf(stderr, "entente ingest: %s\n",
                 store.status().ToString().c_str());
    return 1;
  }
  if (flags.inputs.empty()) {
    // Creating or upgrading the database is all there is to do.
    std::fprintf(stderr, "entente ingest: %s is ready (schema version %d)\n",
                 flags.db.c_str(), kStoreSchemaVersion);
    return 0;
  }
  PipelineOptions pipeline_options;
  pipeline_options.actor_files = flags.input.actors;
  auto pipeline = Pipeline::Create(pipeline_options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "entente ingest: cannot load resources: %s\n",
                 pipeline.status().ToString().c_str());
    return 1;
  }
  Ingester ingester(flags, **store, **pipeline);
  return ingester.Run();
}

}  // namespace

void RegisterIngest(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Analyse documents and store the results in a knowledge-graph "
      "database (SQLite): actors resolved across documents, events grouped "
      "into clusters of reports. Re-running adds only new or changed "
      "documents.");
  cmd->add_option("inputs", flags->inputs,
                  "Files or directories to read (recursively), or - for "
                  "standard input; as for 'entente extract'. With none, the "
                  "database is only created or upgraded.");
  cmd->add_option("--db", flags->db, "The database file (created if absent).")
      ->required();
  AddInputFlags(cmd, &flags->input);
  cmd->add_option("-j,--threads", flags->threads,
                  "Analysis threads (default: one per core).");
  cmd->add_option("--batch", flags->batch,
                  "Documents per transaction (a batch is also committed "
                  "after one second).")
      ->capture_default_str();
  cmd->add_flag("--force", flags->force,
                "Re-analyse and replace documents even when unchanged (after "
                "upgrading entente).");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress line.");
  cmd->footer(
      "Exit status: 0 when every document was stored, 1 when any failed (the "
      "others are stored) or the database cannot be written, 2 for bad "
      "options. Interrupting (even kill -9) keeps every committed batch; "
      "running the same command again completes the ingest.\n"
      "Example: entente ingest examples/ --db entente.db");
  cmd->callback([flags, exit_code] { *exit_code = RunIngest(*flags); });
}

}  // namespace entente::tools
