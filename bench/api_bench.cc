// Latency of the HTTP API's common queries, client to server and back.
//
//   api_bench [--runs N] [--extract] DB...
//
// For each DB (built by `entente ingest`, e.g. from
// ../shared/news/wikinews.jsonl), starts `entente serve`'s server in-process
// on a free port and times each request over one keep-alive connection:
// median and 95th percentile of N runs (default 50) in milliseconds, with
// the response size. The requests use the database's own busiest dyad,
// actor and document. --extract also times POST /api/extract on a
// four-sentence article (loads the models first).
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "entente/pipeline.h"
#include "server/server.h"

namespace {

using Json = nlohmann::json;
using entente::server::Server;
using entente::server::ServerOptions;

constexpr char kArticle[] =
    "Russia condemned Ukraine on Monday for the attack on the bridge. "
    "Japan and China signed a trade agreement in Beijing. The Turkish "
    "foreign minister met his Iranian counterpart in Ankara. Brazil "
    "praised India for its help after the floods.";

struct Timing {
  double median_ms = 0;
  double p95_ms = 0;
  size_t bytes = 0;
  int status = 0;
};

Timing Time(httplib::Client& client, const std::string& path, int runs,
            const std::string& post_body = "") {
  std::vector<double> ms;
  Timing t;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto res = post_body.empty() ? client.Get(path)
                                 : client.Post(path, post_body, "text/plain");
    auto end = std::chrono::steady_clock::now();
    if (!res) {
      std::fprintf(stderr, "api_bench: %s: no response\n", path.c_str());
      std::exit(1);
    }
    t.status = res->status;
    t.bytes = res->body.size();
    ms.push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  t.median_ms = ms[ms.size() / 2];
  t.p95_ms = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
  return t;
}

Json GetJson(httplib::Client& client, const std::string& path) {
  auto res = client.Get(path);
  if (!res || res->status != 200) {
    std::fprintf(stderr, "api_bench: %s failed\n", path.c_str());
    std::exit(1);
  }
  return Json::parse(res->body);
}

// The requests, with parameters taken from the database itself.
std::vector<std::string> Requests(httplib::Client& client) {
  std::vector<std::string> paths = {"/healthz",
                                    "/api/graph",
                                    "/api/graph?level=actor",
                                    "/api/graph?code=05",
                                    "/api/blocs",
                                    "/api/events?limit=100",
                                    "/api/actors?limit=100",
                                    "/api/actors?name=minister&limit=100"};
  Json graph = GetJson(client, "/api/graph");
  const Json* top = nullptr;
  for (const Json& e : graph["edges"]) {
    if (!top || e["events"].get<int>() > (*top)["events"].get<int>()) top = &e;
  }
  if (top) {
    std::string a = (*top)["source"], b = (*top)["target"];
    paths.push_back("/api/events?actor=" + a + "&limit=100");
    paths.push_back("/api/actors/" + a);
    paths.push_back("/api/dyads/" + a + "/" + b);
  }
  Json events = GetJson(client, "/api/events?limit=1");
  if (!events["events"].empty()) {
    std::string doc = events["events"][0]["document"];
    std::string encoded;
    for (unsigned char c : doc) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : buf;
    }
    paths.push_back("/api/documents/" + encoded);
  }
  return paths;
}

int Bench(const std::string& db, int runs, const entente::Pipeline* pipeline) {
  ServerOptions options;
  options.db_path = db;
  options.port = 0;
  options.rate_limit = 0;
  options.pipeline = pipeline;
  auto server = Server::Create(options);
  if (!server.ok()) {
    std::fprintf(stderr, "api_bench: %s\n", server.status().ToString().c_str());
    return 1;
  }
  Server* s = server->get();
  std::thread thread([s] { (void)s->Run(); });
  while (!s->running())
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  httplib::Client client("127.0.0.1", s->port());
  client.set_keep_alive(true);

  Json health = GetJson(client, "/healthz");
  std::printf("%s: %lld documents, %lld actors, %lld events; %d runs each\n",
              db.c_str(), health["documents"].get<long long>(),
              health["actors"].get<long long>(),
              health["events"].get<long long>(), runs);
  std::printf("%-48s %6s %9s %9s %9s\n", "request", "status", "median_ms",
              "p95_ms", "bytes");
  auto print = [](const std::string& what, const Timing& t) {
    std::printf("%-48.48s %6d %9.2f %9.2f %9zu\n", what.c_str(), t.status,
                t.median_ms, t.p95_ms, t.bytes);
  };
  for (const std::string& path : Requests(client)) {
    print("GET " + path, Time(client, path, runs));
  }
  if (pipeline) {
    print("POST /api/extract (4 sentences)",
          Time(client, "/api/extract", std::max(5, runs / 5), kArticle));
  }
  s->Stop();
  thread.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 50;
  bool extract = false;
  std::vector<std::string> dbs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--extract") {
      extract = true;
    } else {
      dbs.push_back(arg);
    }
  }
  if (dbs.empty()) {
    std::fprintf(stderr,
                 "usage: api_bench [--runs N] [--extract] DB...\n"
                 "  e.g. build/entente ingest ../shared/news/wikinews.jsonl "
                 "--db /tmp/wk.db && build/api_bench /tmp/wk.db\n");
    return 2;
  }
  std::unique_ptr<const entente::Pipeline> pipeline;
  if (extract) {
    auto created = entente::Pipeline::Create(entente::PipelineOptions());
    if (!created.ok()) {
      std::fprintf(stderr, "api_bench: %s\n",
                   created.status().ToString().c_str());
      return 1;
    }
    pipeline = std::move(created).value();
  }
  for (const std::string& db : dbs) {
    if (int rc = Bench(db, runs, pipeline.get())) return rc;
  }
  return 0;
}
