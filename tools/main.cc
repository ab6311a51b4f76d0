// The entente command-line tool: one binary, one subcommand per file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "entente: reads news and builds a temporal knowledge graph of who did "
      "what to whom, when, where and according to whom."};
  app.set_version_flag("--version", std::string("entente ") + ENTENTE_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'entente <command> --help' for a command's options.");
  int exit_code = 0;
  entente::tools::RegisterExtract(app, &exit_code);
  entente::tools::RegisterEval(app, &exit_code);
  entente::tools::RegisterExplain(app, &exit_code);
  entente::tools::RegisterTrain(app, &exit_code);
  entente::tools::RegisterTrainNer(app, &exit_code);
  entente::tools::RegisterIngest(app, &exit_code);
  entente::tools::RegisterQuery(app, &exit_code);
  entente::tools::RegisterExport(app, &exit_code);
  entente::tools::RegisterServe(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "entente: fatal: %s\n", e.what());
    return 70;
  }
  return exit_code;
}
