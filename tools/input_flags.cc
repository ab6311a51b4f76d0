#include "input_flags.h"

namespace entente::tools {
namespace {

StatusOr<InputFormat> ParseFormat(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "html") return InputFormat::kHtml;
  return InvalidArgumentError("unknown --format '" + name +
                              "' (expected auto, text, jsonl or html)");
}

bool ValidIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

void AddInputFlags(CLI::App* cmd, InputFlags* flags) {
  cmd->add_option("--date", flags->date,
                  "Publication date (YYYY-MM-DD) for documents that carry "
                  "none; a dateline at the top of a text file wins.");
  cmd->add_option("--format", flags->format,
                  "Input format: auto (by extension and content), text, "
                  "jsonl or html.")
      ->capture_default_str();
  cmd->add_option("--max-document-mb", flags->max_document_mb,
                  "Reject documents larger than this many megabytes.")
      ->capture_default_str();
  AddActorsFlag(cmd, &flags->actors);
}

void AddActorsFlag(CLI::App* cmd, std::vector<std::string>* files) {
  cmd->add_option("--actors", *files,
                  "A TABARI/PETRARCH actor dictionary (e.g. "
                  "Phoenix.Countries.actors.txt); repeat for several. Its "
                  "names are matched as actors and coded with the code valid "
                  "on the document date; they win over codes from titles.")
      ->type_name("FILE")
      ->allow_extra_args(false);
}

StatusOr<ReaderOptions> ToReaderOptions(const InputFlags& flags) {
  auto format = ParseFormat(flags.format);
  if (!format.ok()) return format.status();
  if (!flags.date.empty() && !ValidIsoDate(flags.date)) {
    return InvalidArgumentError("--date '" + flags.date +
                                "' is not a YYYY-MM-DD date");
  }
  ReaderOptions options;
  options.format = *format;
  options.default_date = flags.date;
  options.max_document_bytes = flags.max_document_mb << 20;
  return options;
}

}  // namespace entente::tools
