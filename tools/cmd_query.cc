// entente query: events, actors, quotations, dyad timelines, blocs and a
// summary from an ingested database, as an aligned table, JSON or CSV.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "entente/blocs.h"
#include "entente/store.h"
#include "store/export.h"

namespace entente::tools {
namespace {

using Json = nlohmann::ordered_json;

enum class OutputFormat { kTable, kJson, kCsv };

struct QueryFlags {
  std::string db;
  bool json = false;
  bool csv = false;
  size_t limit = 0;
  bool wide = false;
  EventFilter events;
  bool clusters = false;
  ActorFilter actors;
  QuoteFilter quotes;
  TimelineFilter timeline;
  std::string unit = "month";
  std::string blocs_from, blocs_to;
  std::string blocs_by = "country";
  int min_events = 1;
};

// Display width of UTF-8 text: one column per code point.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Cuts `s` to `width` code points, marking the cut with an ellipsis.
std::string Truncate(const std::string& s, size_t width) {
  if (Width(s) <= width) return s;
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (points == width - 1) break;
      ++points;
    }
  }
  return s.substr(0, i) + "\xE2\x80\xA6";
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

// Rows of strings printed as an aligned table or CSV; JSON is built by each
// command from the records themselves.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> max_width;  // Per column; 0 = no limit.

  void Print(OutputFormat format, bool wide) const {
    if (format == OutputFormat::kCsv) {
      for (size_t i = 0; i < headers.size(); ++i) {
        std::printf("%s%s", i ? "," : "", store::CsvField(headers[i]).c_str());
      }
      std::printf("\n");
      for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
          std::printf("%s%s", i ? "," : "", store::CsvField(row[i]).c_str());
        }
        std::printf("\n");
      }
      return;
    }
    std::vector<std::vector<std::string>> cells;
    cells.push_back(headers);
    for (const auto& row : rows) {
      std::vector<std::string> r;
      for (size_t i = 0; i < row.size(); ++i) {
        std::string cell = OneLine(row[i]);
        if (!wide && i < max_width.size() && max_width[i] > 0) {
          cell = Truncate(cell, max_width[i]);
        }
        r.push_back(cell);
      }
      cells.push_back(std::move(r));
    }
    std::vector<size_t> widths(headers.size(), 0);
    for (const auto& r : cells) {
      for (size_t i = 0; i < r.size(); ++i) {
        widths[i] = std::max(widths[i], Width(r[i]));
      }
    }
    for (const auto& r : cells) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size())
          line += std::string(widths[i] - Width(r[i]) + 2, ' ');
      }
      std::printf("%s\n", line.c_str());
    }
    if (rows.empty()) std::fprintf(stderr, "(no results)\n");
  }
};

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string ActorLabel(const ActorRef& actor, const std::string& code) {
  if (actor.id == 0) return code.empty() ? "-" : code;
  if (code.empty()) return actor.name;
  return actor.name + " (" + code + ")";
}

Json ActorJson(const ActorRef& a) {
  if (a.id == 0) return nullptr;
  return {{"id", a.id},     {"name", a.name},       {"type", a.type},
          {"code", a.code}, {"country", a.country}, {"role", a.role}};
}

Json EventJson(const EventRecord& e) {
  return {{"id", e.id},
          {"document", e.document},
          {"local_id", e.local_id},
          {"date", e.date},
          {"source", ActorJson(e.source)},
          {"target", ActorJson(e.target)},
          {"source_code", e.source_code},
          {"target_code", e.target_code},
          {"code", e.code},
          {"root", e.root},
          {"quad_class", e.quad_class},
          {"goldstein", e.goldstein},
          {"modality", e.modality},
          {"negated", e.negated},
          {"attributed_to", e.attributed_to},
          {"instrument", e.instrument},
          {"place", e.place},
          {"evidence",
           {{"start", e.evidence.start},
            {"end", e.evidence.end},
            {"text", e.evidence.text}}},
          {"sentence", e.sentence_text},
          {"publisher", e.publisher},
          {"url", e.url},
          {"cluster", e.cluster},
          {"num_mentions", e.num_mentions},
          {"num_sources", e.num_sources},
          {"num_articles", e.num_articles}};
}

void PrintJson(const Json& j) {
  std::string s =
      j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::printf("%s\n", s.c_str());
}

int Fail(const Status& status) {
  std::fprintf(stderr, "entente query: %s\n", status.ToString().c_str());
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

StatusOr<std::unique_ptr<Store>> OpenForQuery(const QueryFlags& flags) {
  StoreOptions options;
  options.read_only = true;
  return Store::OpenSqlite(flags.db, options);
}

OutputFormat FormatOf(const QueryFlags& flags) {
  if (flags.json) return OutputFormat::kJson;
  if (flags.csv) return OutputFormat::kCsv;
  return OutputFormat::kTable;
}

int RunEvents(QueryFlags& flags) {
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  EventFilter filter = flags.events;
  filter.limit = flags.limit;
  filter.one_per_cluster = flags.clusters;
  auto events = (*store)->FindEvents(filter);
  if (!events.ok()) return Fail(events.status());
  OutputFormat format = FormatOf(flags);
  if (format == OutputFormat::kJson) {
    Json all = Json::array();
    for (const EventRecord& e : *events) all.push_back(EventJson(e));
    PrintJson(all);
    return 0;
  }
  Table table;
  table.headers = {"date",      "source",  "target",  "code",     "quad",
                   "goldstein", "reports", "sources", "document", "evidence"};
  table.max_width = {0, 28, 28, 0, 0, 0, 0, 0, 24, 60};
  for (const EventRecord& e : *events) {
    table.rows.push_back(
        {e.date, ActorLabel(e.source, e.source_code),
         ActorLabel(e.target, e.target_code), e.code,
         std::to_string(e.quad_class), Fixed(e.goldstein),
         std::to_string(e.num_mentions), std::to_string(e.num_sources),
         e.document,
         e.evidence.text.empty() ? e.sentence_text : e.evidence.text});
  }
  table.Print(format, flags.wide);
  return 0;
}

std::string Join(const std::vector<std::string>& items, size_t max) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) {
    if (i) out += "; ";
    out += items[i];
  }
  return out;
}

int RunActors(QueryFlags& flags) {
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  ActorFilter filter = flags.actors;
  filter.limit = flags.limit;
  auto actors = (*store)->FindActors(filter);
  if (!actors.ok()) return Fail(actors.status());
  OutputFormat format = FormatOf(flags);
  if (format == OutputFormat::kJson) {
    Json all = Json::array();
    for (const ActorRecord& a : *actors) {
      Json j = ActorJson(a.actor);
      j["first_seen"] = a.first_seen;
      j["last_seen"] = a.last_seen;
      j["documents"] = a.documents;
      j["mentions"] = a.mentions;
      j["events"] = a.events;
      j["aliases"] = a.aliases;
      all.push_back(std::move(j));
    }
    PrintJson(all);
    return 0;
  }
  Table table;
  table.headers = {"id",       "name",   "type",       "code",      "documents",
                   "mentions", "events", "first_seen", "last_seen", "aliases"};
  table.max_width = {0, 32, 0, 0, 0, 0, 0, 0, 0, 40};
  for (const ActorRecord& a : *actors) {
    table.rows.push_back({std::to_string(a.actor.id), a.actor.name,
                          a.actor.type, a.actor.code,
                          std::to_string(a.documents),
                          std::to_string(a.mentions), std::to_string(a.events),
                          a.first_seen, a.last_seen, Join(a.aliases, 5)});
  }
  table.Print(format, flags.wide);
  return 0;
}

int RunQuotes(QueryFlags& flags) {
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  QuoteFilter filter = flags.quotes;
  filter.limit = flags.limit;
  auto quotes = (*store)->FindQuotes(filter);
  if (!quotes.ok()) return Fail(quotes.status());
  OutputFormat format = FormatOf(flags);
  if (format == OutputFormat::kJson) {
    Json all = Json::array();
    for (const QuoteRecord& q : *quotes) {
      all.push_back({{"id", q.id},
                     {"document", q.document},
                     {"date", q.date},
                     {"text", q.text},
                     {"speaker", ActorJson(q.speaker)},
                     {"speaker_name", q.speaker_name},
                     {"cue", q.cue},
                     {"addressee", q.addressee},
                     {"medium", q.medium},
                     {"start", q.span.start},
                     {"end", q.span.end},
                     {"url", q.url}});
    }
    PrintJson(all);
    return 0;
  }
  Table table;
  table.headers = {"date", "speaker", "cue", "quotation", "document"};
  table.max_width = {0, 28, 0, 70, 24};
  for (const QuoteRecord& q : *quotes) {
    std::string speaker = q.speaker.id ? q.speaker.name : q.speaker_name;
    table.rows.push_back(
        {q.date, speaker.empty() ? "?" : speaker, q.cue, q.text, q.document});
  }
  table.Print(format, flags.wide);
  return 0;
}

int RunTimeline(QueryFlags& flags) {
  TimelineFilter filter = flags.timeline;
  if (flags.unit == "day") {
    filter.unit = TimelineUnit::kDay;
  } else if (flags.unit == "week") {
    filter.unit = TimelineUnit::kWeek;
  } else if (flags.unit == "month") {
    filter.unit = TimelineUnit::kMonth;
  } else {
    return Fail(InvalidArgumentError("--by must be day, week or month, not '" +
                                     flags.unit + "'"));
  }
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  auto buckets = (*store)->Timeline(filter);
  if (!buckets.ok()) return Fail(buckets.status());
  OutputFormat format = FormatOf(flags);
  if (format == OutputFormat::kJson) {
    Json all = Json::array();
    for (const TimelineBucket& b : *buckets) {
      all.push_back({{"period", b.period},
                     {"events", b.events},
                     {"goldstein_sum", b.goldstein_sum},
                     {"cooperation", b.cooperation},
                     {"conflict", b.conflict}});
    }
    PrintJson(all);
    return 0;
  }
  Table table;
  table.headers = {"period", "events", "goldstein_sum", "cooperation",
                   "conflict"};
  for (const TimelineBucket& b : *buckets) {
    table.rows.push_back({b.period, std::to_string(b.events),
                          Fixed(b.goldstein_sum), std::to_string(b.cooperation),
                          std::to_string(b.conflict)});
  }
  table.Print(format, flags.wide);
  return 0;
}

// Counts, events by root code and the busiest dyads: what a database holds.
int RunSummary(QueryFlags& flags) {
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  EventFilter all;
  all.one_per_cluster = true;
  auto events = (*store)->FindEvents(all);
  if (!events.ok()) return Fail(events.status());
  std::map<std::string, int64_t> roots;
  std::map<std::pair<std::string, std::string>, int64_t> dyads;
  for (const EventRecord& e : *events) {
    ++roots[e.root];
    ++dyads[{ActorLabel(e.source, e.source_code),
             ActorLabel(e.target, e.target_code)}];
  }
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> top;
  for (auto& [dyad, n] : dyads) top.push_back({-n, dyad});
  std::sort(top.begin(), top.end());
  if (top.size() > 10) top.resize(10);
  if (FormatOf(flags) == OutputFormat::kJson) {
    Json j = {{"documents", counts->documents}, {"actors", counts->actors},
              {"entities", counts->entities},   {"mentions", counts->mentions},
              {"events", counts->events},       {"clusters", counts->clusters},
              {"quotes", counts->quotes},       {"dates", counts->dates}};
    j["clusters_by_root"] = roots;
    Json dyad_list = Json::array();
    for (auto& [n, dyad] : top) {
      dyad_list.push_back(
          {{"source", dyad.first}, {"target", dyad.second}, {"clusters", -n}});
    }
    j["top_dyads"] = dyad_list;
    PrintJson(j);
    return 0;
  }
  std::printf(
      "%lld documents, %lld actors (%lld mentions), %lld events in %lld "
      "clusters, %lld quotations, %lld dates\n",
      static_cast<long long>(counts->documents),
      static_cast<long long>(counts->actors),
      static_cast<long long>(counts->mentions),
      static_cast<long long>(counts->events),
      static_cast<long long>(counts->clusters),
      static_cast<long long>(counts->quotes),
      static_cast<long long>(counts->dates));
  if (!roots.empty()) {
    std::printf("\nevents (clusters) by CAMEO root:\n");
    Table t;
    t.headers = {"root", "clusters"};
    for (auto& [root, n] : roots) t.rows.push_back({root, std::to_string(n)});
    t.Print(OutputFormat::kTable, true);
    std::printf("\ntop dyads:\n");
    Table d;
    d.headers = {"source", "target", "clusters"};
    for (auto& [n, dyad] : top) {
      d.rows.push_back({dyad.first, dyad.second, std::to_string(-n)});
    }
    d.Print(OutputFormat::kTable, true);
  }
  return 0;
}

// The nodes of the bloc graph: countries (the first three letters of the
// actors' CAMEO codes, so a president and his capital count for the state)
// or the actors themselves.
struct BlocNodes {
  std::vector<std::string> keys;    // Country code, or actor id.
  std::vector<std::string> labels;  // "Russia (RUS)".
  std::map<int64_t, int> node_of_actor;
};

BlocNodes MakeBlocNodes(const ActorGraph& graph, bool by_country) {
  BlocNodes nodes;
  std::map<std::string, int> index;
  for (const ActorRecord& record : graph.nodes) {
    const ActorRef& a = record.actor;
    std::string key = by_country ? a.code.substr(0, 3) : std::to_string(a.id);
    if (key.empty()) continue;  // Uncoded actors belong to no state.
    auto [it, added] = index.emplace(key, static_cast<int>(nodes.keys.size()));
    if (added) {
      nodes.keys.push_back(key);
      nodes.labels.push_back(by_country ? key : ActorLabel(a, a.code));
    }
    // The state's own entity names the country node ("Russia (RUS)").
    if (by_country && a.code == key && a.type == "GPE" &&
        nodes.labels[it->second] == key) {
      nodes.labels[it->second] = a.name + " (" + key + ")";
    }
    nodes.node_of_actor[a.id] = it->second;
  }
  return nodes;
}

int RunBlocs(QueryFlags& flags) {
  if (flags.blocs_by != "country" && flags.blocs_by != "actor") {
    return Fail(InvalidArgumentError("--by must be country or actor"));
  }
  auto store = OpenForQuery(flags);
  if (!store.ok()) return Fail(store.status());
  auto graph = (*store)->BuildActorGraph(flags.blocs_from, flags.blocs_to);
  if (!graph.ok()) return Fail(graph.status());
  BlocNodes nodes = MakeBlocNodes(*graph, flags.blocs_by == "country");
  std::vector<SignedEdge> edges;
  std::map<std::pair<int, int>, int> events_between;
  for (const GraphEdge& e : graph->edges) {
    auto a = nodes.node_of_actor.find(e.source);
    auto b = nodes.node_of_actor.find(e.target);
    if (a == nodes.node_of_actor.end() || b == nodes.node_of_actor.end()) {
      continue;
    }
    edges.push_back(
        {a->second, b->second, e.goldstein_sum, static_cast<int>(e.events)});
    events_between[std::minmax(a->second, b->second)] += e.events;
  }
  // Too few events between two nodes is noise, not a relationship.
  std::erase_if(edges, [&](const SignedEdge& e) {
    return events_between[std::minmax(e.a, e.b)] < flags.min_events;
  });
  const int n = static_cast<int>(nodes.keys.size());
  BlocAnalysis result = FindBlocs(n, edges);
  std::vector<bool> connected(n, false);
  for (const SignedEdge& e : edges) {
    if (e.a != e.b) connected[e.a] = connected[e.b] = true;
  }
  auto ties_text = [&](const std::vector<Tie>& ties) {
    std::string text;
    for (const Tie& t : ties) {
      if (!text.empty()) text += ", ";
      text += nodes.labels[t.node] + " " + Fixed(t.weight);
    }
    return text;
  };
  OutputFormat format = FormatOf(flags);
  if (format == OutputFormat::kJson) {
    Json blocs = Json::array();
    for (const auto& members : result.blocs) {
      if (!connected[members.front()]) continue;
      Json bloc = Json::array();
      for (int i : members) {
        Json partners = Json::array(), rivals = Json::array();
        for (const Tie& t : result.partners[i]) {
          partners.push_back({{"actor", nodes.labels[t.node]},
                              {"goldstein_sum", t.weight},
                              {"events", t.events}});
        }
        for (const Tie& t : result.rivals[i]) {
          rivals.push_back({{"actor", nodes.labels[t.node]},
                            {"goldstein_sum", t.weight},
                            {"events", t.events}});
        }
        bloc.push_back({{"key", nodes.keys[i]},
                        {"actor", nodes.labels[i]},
                        {"partners", partners},
                        {"rivals", rivals}});
      }
      blocs.push_back(std::move(bloc));
    }
    PrintJson({{"modularity", result.modularity}, {"blocs", blocs}});
    return 0;
  }
  Table table;
  table.headers = {"bloc", "actor", "partners", "rivals"};
  table.max_width = {0, 32, 60, 60};
  int shown = 0;
  for (const auto& members : result.blocs) {
    if (!connected[members.front()]) continue;
    ++shown;
    for (int i : members) {
      table.rows.push_back({std::to_string(shown), nodes.labels[i],
                            ties_text(result.partners[i]),
                            ties_text(result.rivals[i])});
    }
  }
  table.Print(format, flags.wide);
  if (format == OutputFormat::kTable && shown > 0) {
    std::printf("\n%d bloc(s), signed modularity %.3f\n", shown,
                result.modularity);
  }
  return 0;
}

void AddDateRange(CLI::App* cmd, std::string& from, std::string& to) {
  cmd->add_option("--from", from, "First date (YYYY-MM-DD), inclusive.");
  cmd->add_option("--to", to, "Last date (YYYY-MM-DD), inclusive.");
}

}  // namespace

void RegisterQuery(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<QueryFlags>();
  CLI::App* cmd =
      app.add_subcommand("query", "Query a database made by 'entente ingest'.");
  cmd->require_subcommand(1);
  cmd->fallthrough();  // --db and the output options work after the verb.
  cmd->add_option("--db", flags->db, "The database file.")->required();
  auto* json = cmd->add_flag("--json", flags->json, "Print JSON.");
  cmd->add_flag("--csv", flags->csv, "Print CSV with a header line.")
      ->excludes(json);
  cmd->add_option("-n,--limit", flags->limit, "At most this many rows.");
  cmd->add_flag("--wide", flags->wide, "Do not shorten long table cells.");
  cmd->footer(
      "Actors are matched by name or alias, case-insensitively; a name in "
      "capitals (RUS, USAGOV) also matches CAMEO codes starting with it.\n"
      "Exit status: 0 (also for no results), 1 when the database cannot be "
      "read, 2 for bad options.\n"
      "Example: entente query --db entente.db events --source Russia --code "
      "05");

  CLI::App* events = cmd->add_subcommand(
      "events", "Events with their actors, evidence and cluster counts.");
  EventFilter& ef = flags->events;
  events->add_option("--actor", ef.actor, "Either actor (name, alias, code).");
  events->add_option("--source", ef.source, "The source actor.");
  events->add_option("--target", ef.target, "The target actor.");
  events->add_option("--country", ef.country,
                     "CAMEO country code of either actor.");
  events->add_option("--code", ef.code,
                     "CAMEO event code or prefix: 05 (a root), 051, 0511.");
  events->add_option("--quad", ef.quad_class, "Quad class 1..4.")
      ->check(CLI::Range(1, 4));
  AddDateRange(events, ef.from, ef.to);
  events->add_option("--text", ef.text,
                     "Words in the evidence or its sentence.");
  events->add_option("--min-sources", ef.min_sources,
                     "Only events reported by this many sources.");
  events->add_option("--document", ef.document, "Only this document's.");
  events->add_flag("--clusters", flags->clusters,
                   "One row per real event (its earliest report).");
  events->callback([flags, exit_code] { *exit_code = RunEvents(*flags); });

  CLI::App* actors = cmd->add_subcommand(
      "actors", "Actors (most documents first) with codes and aliases.");
  ActorFilter& af = flags->actors;
  actors->add_option("--name", af.name, "Part of the name or an alias.");
  actors->add_option("--type", af.type, "PERSON, ORG, GPE, LOC or WEAPON.");
  actors->add_option("--code", af.code, "CAMEO code prefix.");
  actors->add_option("--country", af.country, "CAMEO country code.");
  AddDateRange(actors, af.from, af.to);
  actors->callback([flags, exit_code] { *exit_code = RunActors(*flags); });

  CLI::App* quotes =
      cmd->add_subcommand("quotes", "Quotations, optionally by speaker.");
  QuoteFilter& qf = flags->quotes;
  quotes->add_option("--speaker", qf.speaker,
                     "The speaker (name, alias, code).");
  quotes->add_option("--text", qf.text, "Words in the quotation.");
  AddDateRange(quotes, qf.from, qf.to);
  quotes->callback([flags, exit_code] { *exit_code = RunQuotes(*flags); });

  CLI::App* timeline = cmd->add_subcommand(
      "timeline",
      "A dyad over time: events, Goldstein sum, cooperation (quad 1-2) and "
      "conflict (quad 3-4) per day, week or month.");
  TimelineFilter& tf = flags->timeline;
  timeline->add_option("--source", tf.source, "The source actor.")->required();
  timeline->add_option("--target", tf.target, "The target actor.")->required();
  timeline->add_flag("--both", tf.both_directions,
                     "Count both directions of the dyad.");
  timeline->add_option("--by", flags->unit, "day, week (ISO) or month.")
      ->capture_default_str();
  timeline->add_flag("--clusters", tf.one_per_cluster,
                     "Count real events, not reports.");
  AddDateRange(timeline, tf.from, tf.to);
  timeline->callback([flags, exit_code] { *exit_code = RunTimeline(*flags); });

  CLI::App* summary = cmd->add_subcommand(
      "summary", "Counts, events by root code and the top dyads.");
  summary->callback([flags, exit_code] { *exit_code = RunSummary(*flags); });

  CLI::App* blocs = cmd->add_subcommand(
      "blocs",
      "Blocs of actors from the signed, Goldstein-weighted interaction "
      "graph (signed-modularity communities), with each actor's strongest "
      "partners and rivals.");
  AddDateRange(blocs, flags->blocs_from, flags->blocs_to);
  blocs
      ->add_option("--by", flags->blocs_by,
                   "country (actors grouped by the first three letters of "
                   "their CAMEO code) or actor.")
      ->capture_default_str();
  blocs
      ->add_option("--min-events", flags->min_events,
                   "Ignore pairs with fewer events between them.")
      ->capture_default_str();
  blocs->callback([flags, exit_code] { *exit_code = RunBlocs(*flags); });
}

}  // namespace entente::tools
