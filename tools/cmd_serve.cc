// entente serve: the HTTP API and web explorer over an ingested database
// (server/, docs/http_api.md).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "commands.h"
#include "entente/pipeline.h"
#include "entente/store.h"
#include "server/server.h"

namespace entente::tools {
namespace {

struct ServeFlags {
  server::ServerOptions options;
  std::string rate_limit = "50";
  bool no_extract = false;
};

// "50" or "50/s": requests per second per client.
bool ParseRate(std::string text, double* rate) {
  if (text.size() > 2 && text.substr(text.size() - 2) == "/s") {
    text.resize(text.size() - 2);
  }
  try {
    size_t used = 0;
    *rate = std::stod(text, &used);
    return used == text.size() && *rate >= 0;
  } catch (const std::exception&) {
    return false;
  }
}

int RunServe(ServeFlags& flags) {
  if (!ParseRate(flags.rate_limit, &flags.options.rate_limit)) {
    std::fprintf(stderr,
                 "entente serve: --rate-limit '%s' is not a number of "
                 "requests per second (e.g. 50 or 50/s; 0 = no limit)\n",
                 flags.rate_limit.c_str());
    return 2;
  }
  {
    // A missing or foreign database is reported before the models load.
    StoreOptions read_only;
    read_only.read_only = true;
    auto store = Store::OpenSqlite(flags.options.db_path, read_only);
    if (!store.ok()) {
      std::fprintf(stderr, "entente serve: %s\n",
                   store.status().message().c_str());
      return 1;
    }
  }
  std::unique_ptr<const Pipeline> pipeline;
  if (!flags.no_extract) {
    auto created = Pipeline::Create(PipelineOptions());
    if (!created.ok()) {
      std::fprintf(stderr, "entente serve: cannot load resources: %s\n",
                   created.status().ToString().c_str());
      return 1;
    }
    pipeline = std::move(created).value();
    flags.options.pipeline = pipeline.get();
  }
  // SIGINT and SIGTERM are taken by one thread (sigwait), which stops the
  // server; the worker threads, created after this, inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = server::Server::Create(flags.options);
  if (!server.ok()) {
    std::fprintf(stderr, "entente serve: %s\n",
                 server.status().message().c_str());
    return 1;
  }
  std::thread waiter([&stop_signals, s = server->get()] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    s->Stop();
  });
  std::fprintf(stderr, "entente serve: listening on http://%s:%d\n",
               flags.options.host.c_str(), (*server)->port());
  Status status = (*server)->Run();
  // Wake the waiter if the server stopped by itself.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!status.ok()) {
    std::fprintf(stderr, "entente serve: %s\n", status.message().c_str());
    return 1;
  }
  std::fprintf(stderr, "entente serve: stopped\n");
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  server::ServerOptions& o = flags->options;
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the JSON API (docs/http_api.md) and the web explorer over a "
      "database built by 'entente ingest', opened read-only.");
  cmd->add_option("--db", o.db_path, "The database file.")->required();
  cmd->add_option("--port", o.port, "TCP port; 0 picks a free one.")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", o.host,
                  "Address to listen on. The default accepts local "
                  "connections only; 0.0.0.0 exposes the server to the "
                  "network.")
      ->capture_default_str();
  cmd->add_option("--threads", o.threads,
                  "Worker threads, each with its own database connection.")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-body", o.max_body,
                  "Largest request body in bytes (POST /api/extract); larger "
                  "ones get a 413.")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->add_option("--rate-limit", flags->rate_limit,
                  "Requests per second per client address (bursts of twice "
                  "that); beyond it a 429. 0 turns the limit off.")
      ->capture_default_str();
  cmd->add_option("--web-dir", o.web_dir,
                  "DEVELOPMENT ONLY: serve the web page from this directory "
                  "(e.g. web/public) instead of the copy built into the "
                  "binary, so page edits need no rebuild.")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--no-extract", flags->no_extract,
                "Do not load the analysis models; POST /api/extract answers "
                "503 (starts faster, uses less memory).");
  cmd->footer(
      "Prints 'entente serve: listening on http://HOST:PORT' to standard "
      "error when ready; SIGINT or SIGTERM stop it. Exit status: 0 after a "
      "clean stop, 1 when the database cannot be opened or the port bound, "
      "2 for bad options.\n"
      "Example: entente serve --db entente.db, then open "
      "http://127.0.0.1:8080/");
  cmd->callback([flags, exit_code] { *exit_code = RunServe(*flags); });
}

}  // namespace entente::tools
