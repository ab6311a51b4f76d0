// Query latency of the SQLite store on a synthetic database.
//
//   store_bench [DB] [DOCUMENTS]
//
// Builds DB (default /tmp/entente-store-bench.db, rebuilt when absent) with
// DOCUMENTS documents (default 5000), each with four actors, three events and
// a quote, then times the common queries (median of 20 runs, milliseconds).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "entente/store.h"

namespace {

using entente::Analysis;
using entente::Document;
using entente::Entity;
using entente::Event;
using entente::Store;

const char* kCountries[][2] = {
    {"Russia", "RUS"},  {"China", "CHN"},   {"United States", "USA"},
    {"Iran", "IRN"},    {"India", "IND"},   {"France", "FRA"},
    {"Germany", "DEU"}, {"Ukraine", "UKR"}, {"Turkey", "TUR"},
    {"Brazil", "BRA"},  {"Japan", "JPN"},   {"Israel", "ISR"}};
const char* kCodes[] = {"010", "036", "042", "051", "057", "112",
                        "138", "173", "190", "061", "071", "120"};

int Build(const std::string& path, int documents) {
  auto store = Store::OpenSqlite(path);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  unsigned seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, seed >> 8; };
  auto started = std::chrono::steady_clock::now();
  if (!(*store)->BeginBatch().ok()) return 1;
  for (int i = 0; i < documents; ++i) {
    Document d;
    d.id = "doc-" + std::to_string(i);
    int day = 1 + static_cast<int>(next() % 28);
    int month = 1 + static_cast<int>(next() % 12);
    char date[16];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
    d.date = date;
    d.source = "Outlet " + std::to_string(next() % 40);
    d.text = std::string(800, 'x');
    Analysis a;
    for (int e = 0; e < 4; ++e) {
      const auto& c = kCountries[next() % 12];
      Entity entity;
      entity.id = "E" + std::to_string(e + 1);
      entity.name = c[0];
      entity.type = "GPE";
      entity.code = c[1];
      entity.country = c[1];
      entity.mentions.push_back({0, 5, 0, c[0]});
      a.entities.push_back(entity);
    }
    for (int v = 0; v < 3; ++v) {
      Event event;
      event.id = "V" + std::to_string(v + 1);
      int s = static_cast<int>(next() % 4), t = (s + 1) % 4;
      event.source = a.entities[s].id;
      event.target = a.entities[t].id;
      event.source_code = a.entities[s].code;
      event.target_code = a.entities[t].code;
      event.code = kCodes[next() % 12];
      event.root = event.code.substr(0, 2);
      event.quad_class = event.root < "10" ? 1 : 3;
      event.goldstein = event.quad_class == 1 ? 3.0 : -5.0;
      event.date = d.date;
      event.evidence.text = a.entities[s].name + " and " + a.entities[t].name;
      a.events.push_back(event);
    }
    entente::Quote q;
    q.id = "Q1";
    q.text = "a statement";
    q.speaker = "E1";
    a.quotes.push_back(q);
    auto put = (*store)->PutDocument(d, a);
    if (!put.ok()) {
      std::fprintf(stderr, "%s\n", put.status().ToString().c_str());
      return 1;
    }
    if (i % 500 == 499) {
      if (!(*store)->CommitBatch().ok() || !(*store)->BeginBatch().ok()) {
        return 1;
      }
    }
  }
  if (!(*store)->CommitBatch().ok()) return 1;
  double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  std::printf("built %d documents in %.1f s (%.0f documents/s)\n", documents, s,
              documents / s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "/tmp/entente-store-bench.db";
  int documents = argc > 2 ? std::atoi(argv[2]) : 5000;
  if (!std::filesystem::exists(path) && Build(path, documents) != 0) return 1;
  auto store = Store::OpenSqlite(path, {.read_only = true});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto counts = (*store)->Counts();
  if (counts.ok()) {
    std::printf("%lld documents, %lld actors, %lld events, %lld clusters\n",
                static_cast<long long>(counts->documents),
                static_cast<long long>(counts->actors),
                static_cast<long long>(counts->events),
                static_cast<long long>(counts->clusters));
  }
  Store& s = **store;
  struct Case {
    const char* name;
    std::function<size_t()> run;
  };
  std::vector<Case> cases = {
      {"events --source Russia --target China -n 100",
       [&] {
         return s
             .FindEvents({.source = "Russia", .target = "China", .limit = 100})
             ->size();
       }},
      {"events --actor IRN --code 05 --from 2024-03-01 --to 2024-05-31",
       [&] {
         return s
             .FindEvents({.actor = "IRN",
                          .code = "05",
                          .from = "2024-03-01",
                          .to = "2024-05-31"})
             ->size();
       }},
      {"events --clusters --min-sources 3 -n 100",
       [&] {
         return s
             .FindEvents(
                 {.min_sources = 3, .one_per_cluster = true, .limit = 100})
             ->size();
       }},
      {"events --text Ukraine -n 100",
       [&] { return s.FindEvents({.text = "Ukraine", .limit = 100})->size(); }},
      {"actors -n 20", [&] { return s.FindActors({.limit = 20})->size(); }},
      {"quotes --speaker Russia -n 100",
       [&] {
         return s.FindQuotes({.speaker = "Russia", .limit = 100})->size();
       }},
      {"timeline --source USA --target CHN --both --by week",
       [&] {
         return s
             .Timeline({.source = "USA",
                        .target = "CHN",
                        .both_directions = true,
                        .unit = entente::TimelineUnit::kWeek})
             ->size();
       }},
  };
  for (const Case& c : cases) {
    std::vector<double> ms;
    size_t rows = 0;
    for (int i = 0; i < 20; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      rows = c.run();
      ms.push_back(std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - t0)
                       .count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%8.2f ms  %5zu rows  %s\n", ms[ms.size() / 2], rows, c.name);
  }
  return 0;
}
