// The input options shared by the commands that read documents (extract,
// ingest): --date, --format and --max-document-mb, and their validation.
#ifndef ENTENTE_TOOLS_INPUT_FLAGS_H_
#define ENTENTE_TOOLS_INPUT_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

#include "entente/reader.h"
#include "entente/status.h"

namespace entente::tools {

struct InputFlags {
  std::string date;
  std::string format = "auto";
  size_t max_document_mb = 16;
};

// Adds --date, --format and --max-document-mb to `cmd`, bound to `flags`
// (which must outlive the command).
void AddInputFlags(CLI::App* cmd, InputFlags* flags);

// The reader options the flags ask for; InvalidArgument naming the flag for
// an unknown format or a date that is not YYYY-MM-DD.
StatusOr<ReaderOptions> ToReaderOptions(const InputFlags& flags);

}  // namespace entente::tools

#endif  // ENTENTE_TOOLS_INPUT_FLAGS_H_
