// entente export: the database in formats other tools read (GDELT 2.0
// Events, PLOVER-style JSON Lines, GraphML, node/edge CSV).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "entente/store.h"
#include "store/export.h"

namespace entente::tools {
namespace {

struct ExportFlags {
  std::string db;
  std::string format;
  std::string output = "-";
  std::string nodes;
  std::string edges;
  bool header = false;
  EventFilter filter;
};

int Fail(const Status& status) {
  std::fprintf(stderr, "entente export: %s\n", status.ToString().c_str());
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

// Writes through `write` to `path` ("-" = standard output); the file is
// written beside and renamed into place so a failed export leaves no
// half-written file.
template <typename Writer>
Status WriteTo(const std::string& path, Writer write) {
  if (path == "-") {
    Status status = write(std::cout);
    std::cout.flush();
    if (status.ok() && !std::cout) {
      status = IoError("writing standard output failed");
    }
    return status;
  }
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(path + ": cannot write");
    Status status = write(out);
    out.close();
    if (status.ok() && !out) status = IoError(path + ": writing failed");
    if (!status.ok()) {
      std::remove(temporary.c_str());
      return Status(status.code(), path + ": " + status.message());
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return IoError(path + ": cannot rename the finished export into place");
  }
  return Status::Ok();
}

int RunExport(const ExportFlags& flags) {
  StoreOptions options;
  options.read_only = true;
  auto store = Store::OpenSqlite(flags.db, options);
  if (!store.ok()) return Fail(store.status());
  Status status;
  if (flags.format == "gdelt") {
    status = WriteTo(flags.output, [&](std::ostream& out) {
      return store::WriteGdelt(**store, flags.filter, flags.header, out);
    });
  } else if (flags.format == "plover") {
    status = WriteTo(flags.output, [&](std::ostream& out) {
      return store::WritePlover(**store, flags.filter, out);
    });
  } else if (flags.format == "graphml" || flags.format == "csv") {
    auto graph = (*store)->BuildActorGraph(flags.filter.from, flags.filter.to);
    if (!graph.ok()) return Fail(graph.status());
    if (flags.format == "graphml") {
      status = WriteTo(flags.output, [&](std::ostream& out) {
        return store::WriteGraphMl(*graph, out);
      });
    } else {
      if (flags.nodes.empty() || flags.edges.empty()) {
        return Fail(InvalidArgumentError(
            "--format csv writes two files: give --nodes FILE and --edges "
            "FILE"));
      }
      status = WriteTo(flags.nodes, [&](std::ostream& out) {
        return store::WriteGraphNodesCsv(*graph, out);
      });
      if (status.ok()) {
        status = WriteTo(flags.edges, [&](std::ostream& out) {
          return store::WriteGraphEdgesCsv(*graph, out);
        });
      }
    }
  } else {
    return Fail(
        InvalidArgumentError("unknown --format '" + flags.format +
                             "' (expected gdelt, plover, graphml or csv)"));
  }
  if (!status.ok()) return Fail(status);
  return 0;
}

}  // namespace

void RegisterExport(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export a database made by 'entente ingest': events as GDELT 2.0 "
      "Events or PLOVER-style JSON Lines (one row per real event, with its "
      "number of reports), or the actor graph as GraphML or node/edge CSV.");
  cmd->add_option("--db", flags->db, "The database file.")->required();
  cmd->add_option("-f,--format", flags->format,
                  "gdelt (61 tab-separated columns, GDELT's order), plover "
                  "(JSON Lines), graphml, or csv (--nodes and --edges).")
      ->required();
  cmd->add_option("-o,--output", flags->output,
                  "Output file for gdelt, plover and graphml (default: "
                  "standard output).");
  cmd->add_option("--nodes", flags->nodes, "Node CSV file (--format csv).");
  cmd->add_option("--edges", flags->edges, "Edge CSV file (--format csv).");
  cmd->add_flag("--header", flags->header,
                "gdelt: start with a line of column names (GDELT's own "
                "files have none).");
  EventFilter& f = flags->filter;
  cmd->add_option("--from", f.from, "First date (YYYY-MM-DD), inclusive.");
  cmd->add_option("--to", f.to, "Last date (YYYY-MM-DD), inclusive.");
  cmd->add_option("--actor", f.actor, "gdelt/plover: events of this actor.");
  cmd->add_option("--code", f.code, "gdelt/plover: CAMEO code prefix.");
  cmd->add_option("--min-sources", f.min_sources,
                  "gdelt/plover: events reported by this many sources.");
  cmd->footer(
      "Exit status: 0 on success, 1 when the database cannot be read or the "
      "output written, 2 for bad options.\n"
      "Examples: entente export --db entente.db -f gdelt -o events.tsv\n"
      "          entente export --db entente.db -f csv --nodes n.csv --edges "
      "e.csv");
  cmd->callback([flags, exit_code] { *exit_code = RunExport(*flags); });
}

}  // namespace entente::tools
