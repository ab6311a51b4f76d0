// Subcommands of the entente binary. Each Register* function adds one
// subcommand (with its options and --help text) to the app; the command's
// exit code is stored through `exit_code` when it runs.
#ifndef ENTENTE_TOOLS_COMMANDS_H_
#define ENTENTE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace entente::tools {

void RegisterExtract(CLI::App& app, int* exit_code);
void RegisterEval(CLI::App& app, int* exit_code);

}  // namespace entente::tools

#endif  // ENTENTE_TOOLS_COMMANDS_H_
