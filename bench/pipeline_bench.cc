// Throughput of the whole pipeline: read, analyse (text, syntax, entities,
// time, attribution, events) and then either render the output JSON
// (extract) or store into SQLite (ingest).
//
//   pipeline_bench [FILE.jsonl] [--repeat N] [--threads 1,2]
//                  [--modes extract,ingest] [--json] [--tmp DIR]
//
// FILE (default ../shared/news/wikinews.jsonl) is read --repeat times
// (default 1) as one stream, documents of later passes renamed "id~k" so an
// ingest stores them all. Nothing is buffered beyond a bounded queue, so peak
// memory shows what streaming costs. Each configuration (mode x threads) runs
// in its own child process, so its peak RSS (getrusage ru_maxrss, models
// included) is its own. Model loading is timed apart and left out of the
// rates.
//
// Threads: with 1, one thread reads, analyses and writes (one core). With
// N > 1, the main thread reads, N workers analyse (and render JSON), and for
// ingest one more thread stores, as `entente ingest` does.
//
// Times: "wall" is elapsed time; "cpu" is CPU time (per stage: the thread CPU
// time of whoever ran it, summed over threads; total: the process's user +
// system time). On a machine shared with other jobs wall time measures the
// scheduler too; CPU time per sentence is the load-independent figure.
// Stage "read" is the reading thread's time outside every other stage.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/store.h"
#include "util/bounded_queue.h"

namespace {

using entente::Analysis;
using entente::Document;
using entente::StageTimes;
using Clock = std::chrono::steady_clock;
using json = nlohmann::ordered_json;

double Now() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

double ProcessCpu() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

double PeakRssMb() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

double CurrentRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024;
  }
  return 0;
}

struct Options {
  std::string path = ENTENTE_SOURCE_DIR "/../shared/news/wikinews.jsonl";
  int repeat = 1;
  std::vector<int> threads = {1, 2};
  std::vector<std::string> modes = {"extract", "ingest"};
  std::string tmp = "/tmp";
  bool json = false;
};

// What one configuration measured; summed over threads where it applies.
struct Totals {
  size_t documents = 0, sentences = 0, tokens = 0, bytes = 0, events = 0;
  size_t errors = 0;
  StageTimes stages;
  double output_wall = 0, output_cpu = 0;  // AnalysisToJson + write.
  double store_wall = 0, store_cpu = 0;    // PutDocument + commits.
  void Count(const Document& d, const Analysis& a) {
    ++documents;
    sentences += a.sentences.size();
    tokens += a.tokens.size();
    bytes += d.text.size();
    events += a.events.size();
  }
  void Add(const Totals& o) {
    documents += o.documents;
    sentences += o.sentences;
    tokens += o.tokens;
    bytes += o.bytes;
    events += o.events;
    errors += o.errors;
    stages.Add(o.stages);
    output_wall += o.output_wall;
    output_cpu += o.output_cpu;
    store_wall += o.store_wall;
    store_cpu += o.store_cpu;
  }
};

// Streams the file `repeat` times into `sink`, renaming later passes.
entente::Status ReadRepeated(const Options& opt,
                             const std::function<void(Document)>& sink,
                             size_t* errors) {
  entente::ReaderOptions reader;
  reader.format = entente::InputFormat::kJsonl;
  for (int pass = 0; pass < opt.repeat; ++pass) {
    entente::Status status = entente::ReadDocuments(
        {opt.path}, reader, [&](entente::StatusOr<Document> doc) {
          if (!doc.ok()) {
            ++*errors;
            return;
          }
          if (pass > 0) doc->id += "~" + std::to_string(pass);
          sink(std::move(doc).value());
        });
    if (!status.ok()) return status;
  }
  return entente::Status();
}

class Runner {
 public:
  Runner(const Options& opt, const entente::Pipeline& pipeline,
         entente::Store* store)
      : opt_(opt), pipeline_(pipeline), store_(store) {
    null_ = std::fopen("/dev/null", "wb");
  }
  ~Runner() {
    if (null_) std::fclose(null_);
  }

  // Analyses and then renders or stores one document on this thread.
  void Analyse(Document& doc, Totals* totals) {
    Analysis analysis = pipeline_.AnalyzeTimed(doc, &totals->stages);
    totals->Count(doc, analysis);
    if (store_) {
      Store(doc, analysis, totals);
    } else {
      Render(doc, analysis, totals);
    }
  }

  void Render(const Document& doc, const Analysis& analysis, Totals* totals) {
    double wall = Now(), cpu = ThreadCpu();
    std::string line =
        entente::AnalysisToJson(doc, analysis, entente::JsonOptions());
    line += '\n';
    {
      std::lock_guard lock(out_mu_);
      std::fwrite(line.data(), 1, line.size(), null_);
    }
    totals->output_wall += Now() - wall;
    totals->output_cpu += ThreadCpu() - cpu;
  }

  void Store(const Document& doc, const Analysis& analysis, Totals* totals) {
    double wall = Now(), cpu = ThreadCpu();
    if (in_batch_ == 0 && !store_->BeginBatch().ok()) ++totals->errors;
    auto outcome = store_->PutDocument(doc, analysis);
    if (!outcome.ok()) {
      std::fprintf(stderr, "pipeline_bench: %s\n",
                   outcome.status().ToString().c_str());
      ++totals->errors;
    }
    if (++in_batch_ >= 64) Commit(totals);
    totals->store_wall += Now() - wall;
    totals->store_cpu += ThreadCpu() - cpu;
  }

  void Commit(Totals* totals) {
    if (in_batch_ == 0) return;
    if (!store_->CommitBatch().ok()) ++totals->errors;
    in_batch_ = 0;
  }

  // One thread does everything.
  Totals RunSingle() {
    Totals totals;
    Check(
        ReadRepeated(
            opt_, [&](Document doc) { Analyse(doc, &totals); }, &totals.errors),
        &totals);
    double wall = Now(), cpu = ThreadCpu();
    if (store_) Commit(&totals);
    totals.store_wall += Now() - wall;
    totals.store_cpu += ThreadCpu() - cpu;
    return totals;
  }

  // The main thread reads; `threads` workers analyse; for ingest one writer
  // thread stores.
  Totals RunParallel(int threads) {
    entente::BoundedQueue<Document> work(64);
    entente::BoundedQueue<std::pair<Document, Analysis>> done(64);
    std::vector<Totals> per_worker(threads);
    Totals writer_totals;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        Totals& totals = per_worker[t];
        while (auto doc = work.Pop()) {
          if (store_) {
            Analysis analysis = pipeline_.AnalyzeTimed(*doc, &totals.stages);
            totals.Count(*doc, analysis);
            done.Push({std::move(*doc), std::move(analysis)});
          } else {
            Analyse(*doc, &totals);
          }
        }
      });
    }
    std::thread writer;
    if (store_) {
      writer = std::thread([&] {
        while (auto item = done.Pop()) {
          Store(item->first, item->second, &writer_totals);
        }
        double wall = Now(), cpu = ThreadCpu();
        Commit(&writer_totals);
        writer_totals.store_wall += Now() - wall;
        writer_totals.store_cpu += ThreadCpu() - cpu;
      });
    }
    Totals totals;
    Check(ReadRepeated(
              opt_, [&](Document doc) { work.Push(std::move(doc)); },
              &totals.errors),
          &totals);
    read_cpu_ = ThreadCpu();
    work.Close();
    for (auto& w : workers) w.join();
    done.Close();
    if (writer.joinable()) writer.join();
    for (const Totals& t : per_worker) totals.Add(t);
    totals.Add(writer_totals);
    return totals;
  }

  double read_cpu() const { return read_cpu_; }

  static void Check(const entente::Status& status, Totals* totals) {
    if (status.ok()) return;
    std::fprintf(stderr, "pipeline_bench: %s\n", status.ToString().c_str());
    ++totals->errors;
  }

 private:
  const Options& opt_;
  const entente::Pipeline& pipeline_;
  entente::Store* store_;
  FILE* null_ = nullptr;
  std::mutex out_mu_;
  size_t in_batch_ = 0;
  double read_cpu_ = 0;
};

json Rates(double seconds, const Totals& t) {
  json r;
  if (seconds <= 0) return r;
  r["sentences_per_s"] = std::round(t.sentences / seconds);
  r["tokens_per_s"] = std::round(t.tokens / seconds);
  r["mb_per_s"] = std::round(t.bytes / seconds / 1e4) / 100;
  r["documents_per_s"] = std::round(t.documents / seconds * 10) / 10;
  return r;
}

double Round3(double x) { return std::round(x * 1000) / 1000; }

// Runs one configuration in this (child) process.
json RunConfig(const Options& opt, const std::string& mode, int threads) {
  json result;
  result["mode"] = mode;
  result["threads"] = threads;
  double load_start = Now();
  auto pipeline = entente::Pipeline::Create(entente::PipelineOptions());
  if (!pipeline.ok()) {
    result["error"] = pipeline.status().ToString();
    return result;
  }
  std::unique_ptr<entente::Store> store;
  std::string db;
  if (mode == "ingest") {
    db = opt.tmp + "/pipeline_bench." + std::to_string(getpid()) + ".db";
    std::filesystem::remove(db);
    auto opened = entente::Store::OpenSqlite(db);
    if (!opened.ok()) {
      result["error"] = opened.status().ToString();
      return result;
    }
    store = std::move(opened).value();
  }
  result["load_s"] = Round3(Now() - load_start);
  result["rss_after_load_mb"] = std::round(CurrentRssMb());

  Runner runner(opt, **pipeline, store.get());
  const double wall_start = Now(), cpu_start = ProcessCpu();
  const double thread_cpu_start = ThreadCpu();
  Totals t = threads == 1 ? runner.RunSingle() : runner.RunParallel(threads);
  const double wall = Now() - wall_start;
  const double cpu = ProcessCpu() - cpu_start;

  double stage_wall = t.output_wall + t.store_wall;
  double stage_cpu = t.output_cpu + t.store_cpu;
  for (int s = 0; s < StageTimes::kStageCount; ++s) {
    stage_wall += t.stages.wall[s];
    stage_cpu += t.stages.cpu[s];
  }
  // Reading: what the reading thread spent outside every other stage.
  double read_wall, read_cpu;
  if (threads == 1) {
    read_wall = wall - stage_wall;
    read_cpu = ThreadCpu() - thread_cpu_start - stage_cpu;
  } else {
    read_cpu = runner.read_cpu() - thread_cpu_start;
    read_wall = -1;  // Overlaps the workers; not separable.
  }

  result["documents"] = t.documents;
  result["sentences"] = t.sentences;
  result["tokens"] = t.tokens;
  result["mb"] = std::round(t.bytes / 1e4) / 100;
  result["events"] = t.events;
  result["errors"] = t.errors;
  result["wall_s"] = Round3(wall);
  result["cpu_s"] = Round3(cpu);
  result["wall"] = Rates(wall, t);
  result["cpu"] = Rates(cpu, t);
  result["peak_rss_mb"] = std::round(PeakRssMb());
  json stages = json::array();
  auto add_stage = [&](const char* name, double w, double c) {
    json s;
    s["stage"] = name;
    if (w >= 0) s["wall_s"] = Round3(w);
    s["cpu_s"] = Round3(c);
    s["cpu_share"] = cpu > 0 ? Round3(c / cpu) : 0;
    s["cpu_sentences_per_s"] = c > 0 ? std::round(t.sentences / c) : 0;
    stages.push_back(s);
  };
  add_stage("read", read_wall, read_cpu);
  for (int s = 0; s < StageTimes::kStageCount; ++s) {
    auto stage = static_cast<StageTimes::Stage>(s);
    add_stage(StageTimes::Name(stage), t.stages.wall[s], t.stages.cpu[s]);
  }
  if (store) {
    add_stage("store", t.store_wall, t.store_cpu);
  } else {
    add_stage("output_json", t.output_wall, t.output_cpu);
  }
  result["stages"] = stages;
  if (store) {
    store.reset();
    std::error_code ec;
    result["db_mb"] =
        std::round(std::filesystem::file_size(db, ec) / 1e4) / 100;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db + suffix, ec);
    }
  }
  return result;
}

// Runs RunConfig in a child process and returns what it printed.
json RunInChild(const Options& opt, const std::string& mode, int threads) {
  int fds[2];
  if (pipe(fds) != 0) return json{{"error", "pipe failed"}};
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string out = RunConfig(opt, mode, threads).dump();
    ssize_t unused = write(fds[1], out.data(), out.size());
    (void)unused;
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out.empty()) return json{{"mode", mode}, {"error", "child failed"}};
  return json::parse(out);
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      return line.substr(line.find(':') + 2);
    }
  }
  return "";
}

void PrintTable(const json& run) {
  if (run.contains("error")) {
    std::printf("%s: error: %s\n", run["mode"].get<std::string>().c_str(),
                run["error"].get<std::string>().c_str());
    return;
  }
  std::printf(
      "\n%s, %d thread(s): %zu documents, %zu sentences, %zu tokens, %.2f MB; "
      "%zu events; model load %.2f s\n",
      run["mode"].get<std::string>().c_str(), run["threads"].get<int>(),
      run["documents"].get<size_t>(), run["sentences"].get<size_t>(),
      run["tokens"].get<size_t>(), run["mb"].get<double>(),
      run["events"].get<size_t>(), run["load_s"].get<double>());
  std::printf("  %-12s %10s %10s %8s %14s\n", "stage", "wall s", "CPU s",
              "CPU %", "CPU sent/s");
  for (const auto& s : run["stages"]) {
    char wall[32] = "-";
    if (s.contains("wall_s")) {
      std::snprintf(wall, sizeof wall, "%.3f", s["wall_s"].get<double>());
    }
    std::printf("  %-12s %10s %10.3f %7.1f%% %14.0f\n",
                s["stage"].get<std::string>().c_str(), wall,
                s["cpu_s"].get<double>(), 100 * s["cpu_share"].get<double>(),
                s["cpu_sentences_per_s"].get<double>());
  }
  for (const char* kind : {"wall", "cpu"}) {
    const json& r = run[kind];
    std::printf(
        "  total %-4s %7.3f s: %8.0f sentences/s %9.0f tokens/s %6.2f MB/s "
        "%7.1f documents/s\n",
        kind, run[std::string(kind) + "_s"].get<double>(),
        r["sentences_per_s"].get<double>(), r["tokens_per_s"].get<double>(),
        r["mb_per_s"].get<double>(), r["documents_per_s"].get<double>());
  }
  char db[64] = "";
  if (run.contains("db_mb")) {
    std::snprintf(db, sizeof db, ", database %.1f MB",
                  run["db_mb"].get<double>());
  }
  std::printf("  peak RSS %.0f MB (%.0f MB after loading the models)%s\n",
              run["peak_rss_mb"].get<double>(),
              run["rss_after_load_mb"].get<double>(), db);
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [FILE.jsonl] [--repeat N] [--threads 1,2] "
               "[--modes extract,ingest] [--tmp DIR] [--json]\n",
               argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--json") {
      opt.json = true;
    } else if (arg == "--repeat" && has_value) {
      opt.repeat = std::atoi(argv[++i]);
      if (opt.repeat < 1) return Usage(argv[0]);
    } else if (arg == "--threads" && has_value) {
      opt.threads.clear();
      for (const auto& t : Split(argv[++i])) {
        int n = std::atoi(t.c_str());
        if (n < 1) return Usage(argv[0]);
        opt.threads.push_back(n);
      }
    } else if (arg == "--modes" && has_value) {
      opt.modes = Split(argv[++i]);
      for (const auto& m : opt.modes) {
        if (m != "extract" && m != "ingest") return Usage(argv[0]);
      }
    } else if (arg == "--tmp" && has_value) {
      opt.tmp = argv[++i];
    } else if (arg.rfind("-", 0) == 0) {
      return Usage(argv[0]);
    } else {
      opt.path = arg;
    }
  }
  if (!std::filesystem::exists(opt.path)) {
    std::fprintf(stderr, "pipeline_bench: %s not found\n", opt.path.c_str());
    return 1;
  }
  json report;
  report["file"] = opt.path;
  report["repeat"] = opt.repeat;
  report["machine"] = {{"nproc", std::thread::hardware_concurrency()},
                       {"cpu", CpuModel()},
                       {"load_before", LoadAverage()}};
  json runs = json::array();
  for (const std::string& mode : opt.modes) {
    for (int threads : opt.threads) {
      json run = RunInChild(opt, mode, threads);
      run["load_average_after"] = LoadAverage();
      if (!opt.json) PrintTable(run);
      runs.push_back(run);
    }
  }
  report["runs"] = runs;
  if (opt.json) std::printf("%s\n", report.dump(2).c_str());
  for (const auto& run : runs) {
    if (run.contains("error") || run.value("errors", 0) > 0) return 1;
  }
  return 0;
}
