// Subcommands of the entente binary. Each Register* function adds one
// subcommand (with its options and --help text) to the app; the command's
// exit code is stored through `exit_code` when it runs.
#ifndef ENTENTE_TOOLS_COMMANDS_H_
#define ENTENTE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string_view>

namespace entente::tools {

void RegisterExtract(CLI::App& app, int* exit_code);

// Adds the `eval` parent command, then every subcommand registered with
// RegisterEvalSubcommand (in name order), e.g. `eval segmentation`.
void RegisterEval(CLI::App& app, int* exit_code);

// Adds one `entente eval <name>` subcommand to `eval` (with its options and
// --help text); the command's exit code is stored through `exit_code`.
using EvalRegistrar = void (*)(CLI::App& eval, int* exit_code);

// Lets any tools/*.cc file contribute an eval subcommand without editing
// cmd_eval.cc, from a namespace-scope initializer:
//   const bool kSyntaxRegistered =
//       RegisterEvalSubcommand("syntax", &RegisterEvalSyntax);
// Must run before RegisterEval (static initialization does). Returns true.
bool RegisterEvalSubcommand(std::string_view name, EvalRegistrar registrar);

// Adds `train tagger` and `train parser` (tools/cmd_train.cc).
void RegisterTrain(CLI::App& app, int* exit_code);
// Adds `train ner` to the `train` command (tools/train_ner.cc); call after
// RegisterTrain.
void RegisterTrainNer(CLI::App& app, int* exit_code);
// Adds `explain "sentence"` (tools/cmd_explain.cc): tokens, parse, actors,
// matched event patterns and events for one sentence.
void RegisterExplain(CLI::App& app, int* exit_code);
// The knowledge-graph store (docs/store.md): cmd_ingest.cc, cmd_query.cc,
// cmd_export.cc.
void RegisterIngest(CLI::App& app, int* exit_code);
void RegisterQuery(CLI::App& app, int* exit_code);
void RegisterExport(CLI::App& app, int* exit_code);
// The HTTP API and web explorer (tools/cmd_serve.cc, server/).
void RegisterServe(CLI::App& app, int* exit_code);

}  // namespace entente::tools

#endif  // ENTENTE_TOOLS_COMMANDS_H_
