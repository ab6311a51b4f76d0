// The input options shared by the commands that read documents (extract,
// ingest): --date, --format and --max-document-mb, and their validation.
#ifndef ENTENTE_TOOLS_INPUT_FLAGS_H_
#define ENTENTE_TOOLS_INPUT_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "entente/reader.h"
#include "entente/status.h"

namespace entente::tools {

struct InputFlags {
  std::string date;
  std::string format = "auto";
  size_t max_document_mb = 16;
  std::vector<std::string> actors;
};

// Adds --date, --format, --max-document-mb and --actors to `cmd`, bound to
// `flags` (which must outlive the command).
void AddInputFlags(CLI::App* cmd, InputFlags* flags);

// Adds the repeatable --actors FILE option (TABARI/PETRARCH actor
// dictionaries) to `cmd`, bound to `files`.
void AddActorsFlag(CLI::App* cmd, std::vector<std::string>* files);

// The reader options the flags ask for; InvalidArgument naming the flag for
// an unknown format or a date that is not YYYY-MM-DD.
StatusOr<ReaderOptions> ToReaderOptions(const InputFlags& flags);

}  // namespace entente::tools

#endif  // ENTENTE_TOOLS_INPUT_FLAGS_H_
