// entente explain: runs the pipeline on one sentence (or a short text) and
// shows every step the event coder sees: tokens with their parse, the
// actors, each lexicon pattern that matched (with the actors it found or
// why it was dropped) and the events. The tool to reach for when a coding
// looks wrong.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "entente/events.h"
#include "entente/pipeline.h"
#include "input_flags.h"

namespace entente::tools {
namespace {

struct ExplainFlags {
  std::string text;
  std::string date;
  bool keep_negated = false;
  std::vector<std::string> actors;
};

int RunExplain(const ExplainFlags& flags) {
  Document doc;
  doc.id = "explain";
  doc.date = flags.date;
  doc.text = flags.text;
  PipelineOptions options;
  options.keep_negated = flags.keep_negated;
  options.actor_files = flags.actors;
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "entente explain: %s\n",
                 pipeline.status().ToString().c_str());
    return 1;
  }
  std::string trace;
  Analysis a = (*pipeline)->AnalyzeWithTrace(doc, &trace);
  const std::vector<TokenSyntax>& parse = a.syntax;
  const EventCoder* coder = (*pipeline)->event_coder();

  // Which entity each token belongs to, for the token table.
  std::vector<std::string> entity_of(a.tokens.size());
  for (const Entity& e : a.entities) {
    for (const Mention& m : e.mentions) {
      for (size_t t = 0; t < a.tokens.size(); ++t) {
        if (a.tokens[t].start >= m.start && a.tokens[t].end <= m.end) {
          entity_of[t] = e.id;
        }
      }
    }
  }

  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& sent = a.sentences[s];
    std::printf("sentence %zu: %s\n", s,
                doc.text.substr(sent.start, sent.end - sent.start).c_str());
    std::printf("  %-4s %-18s %-14s %-6s %-5s %-5s %-12s %s\n", "#", "token",
                "lemma", "upos", "xpos", "head", "deprel", "entity");
    for (uint32_t t = sent.first_token; t < sent.end_token; ++t) {
      const Token& tok = a.tokens[t];
      const TokenSyntax& ts = parse[t];
      std::string head = ts.head < 0 ? "root" : std::to_string(ts.head);
      std::printf("  %-4u %-18s %-14s %-6s %-5s %-5s %-12s %s\n", t,
                  doc.text.substr(tok.start, tok.end - tok.start).c_str(),
                  ts.lemma.c_str(), ts.upos.c_str(), ts.xpos.c_str(),
                  head.c_str(), ts.deprel.c_str(), entity_of[t].c_str());
    }
  }
  std::printf("\nactors:\n");
  for (const Entity& e : a.entities) {
    std::printf("  %-4s %-7s %-10s %s\n", e.id.c_str(), e.type.c_str(),
                e.code.empty() ? "(no code)" : e.code.c_str(), e.name.c_str());
  }
  std::printf("\npatterns:\n%s",
              trace.empty() ? "  (no trigger matched)\n" : trace.c_str());
  std::printf("\nevents:\n");
  if (a.events.empty()) std::printf("  (none)\n");
  for (const Event& e : a.events) {
    const CameoCode* row = coder->Lookup(e.code);
    std::printf("  %s %s -> %s %s (%s, Goldstein %.1f, quad %d) %s%s%s\n",
                e.id.c_str(), e.source_code.c_str(), e.target_code.c_str(),
                e.code.c_str(), row ? row->description.c_str() : "?",
                e.goldstein, e.quad_class, e.modality.c_str(),
                e.negated ? " negated" : "",
                e.attributed_to.empty()
                    ? ""
                    : (" attributed_to " + e.attributed_to).c_str());
    std::printf("      date %s%s  evidence \"%s\"\n", e.date.c_str(),
                e.place.empty()
                    ? ""
                    : ("  place " + e.place + " " + e.place_text).c_str(),
                e.evidence.text.c_str());
  }
  return 0;
}

}  // namespace

void RegisterExplain(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Show how one sentence is analysed: tokens, parse, actors, the event "
      "patterns that matched (or why they were dropped) and the events.");
  cmd->add_option("text", flags->text, "The sentence (or short text).")
      ->required();
  cmd->add_option("--date", flags->date,
                  "Document date (YYYY-MM-DD) for event dates and for the "
                  "roles of officials (without it, their latest role).");
  cmd->add_flag("--negated", flags->keep_negated,
                "Also show negated events (dropped by default).");
  AddActorsFlag(cmd, &flags->actors);
  cmd->footer(
      "Example: entente explain \"Russia and Iran will sign a partnership "
      "agreement.\"");
  cmd->callback([flags, exit_code] { *exit_code = RunExplain(*flags); });
}

}  // namespace entente::tools
