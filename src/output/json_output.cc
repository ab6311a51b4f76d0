#include <nlohmann/json.hpp>

#include "entente/pipeline.h"
#include "entente/text.h"

namespace entente {
namespace {

using nlohmann::ordered_json;

ordered_json SentencesJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Sentence& s : analysis.sentences) {
    out.push_back({{"start", s.start}, {"end", s.end}});
  }
  return out;
}

// Token spans with their syntax (when the syntax stage ran); heads are
// token indices within the document, -1 for a sentence root.
ordered_json TokensJson(const Document& document, const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  const bool has_syntax = analysis.syntax.size() == analysis.tokens.size();
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const Token& t = analysis.tokens[i];
    ordered_json token = {
        {"start", t.start},
        {"end", t.end},
        {"text", ReplaceInvalidUtf8(std::string_view(document.text)
                                        .substr(t.start, t.end - t.start))}};
    if (has_syntax) {
      const TokenSyntax& s = analysis.syntax[i];
      token["lemma"] = s.lemma;
      token["upos"] = s.upos;
      token["xpos"] = s.xpos;
      token["feats"] = s.feats;
      token["head"] = s.head;
      token["deprel"] = s.deprel;
    }
    out.push_back(std::move(token));
  }
  return out;
}

ordered_json EntitiesJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Entity& e : analysis.entities) {
    ordered_json mentions = ordered_json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back({{"start", m.start},
                          {"end", m.end},
                          {"sentence", m.sentence},
                          {"text", m.text}});
    }
    out.push_back({{"id", e.id},
                   {"name", e.name},
                   {"type", e.type},
                   {"code", e.code},
                   {"country", e.country},
                   {"role", e.role},
                   {"mentions", std::move(mentions)}});
  }
  return out;
}

// Optional references are null rather than empty strings, as in the
// output contract ("speaker": null when the text does not say).
ordered_json NullIfEmpty(const std::string& id) {
  return id.empty() ? ordered_json(nullptr) : ordered_json(id);
}

ordered_json EventsJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Event& v : analysis.events) {
    ordered_json e = {{"id", v.id},
                      {"sentence", v.sentence},
                      {"source", NullIfEmpty(v.source)},
                      {"target", NullIfEmpty(v.target)},
                      {"source_code", v.source_code},
                      {"target_code", v.target_code},
                      {"code", v.code},
                      {"root", v.root},
                      {"quad_class", v.quad_class},
                      {"goldstein", v.goldstein},
                      {"date", v.date},
                      {"modality", v.modality},
                      {"negated", v.negated},
                      {"attributed_to", NullIfEmpty(v.attributed_to)}};
    if (!v.instrument.empty()) e["instrument"] = v.instrument;
    if (!v.place.empty()) {
      e["place"] = {{"id", v.place}, {"text", v.place_text}};
    }
    e["evidence"] = {{"start", v.evidence.start},
                     {"end", v.evidence.end},
                     {"text", v.evidence.text}};
    out.push_back(std::move(e));
  }
  return out;
}

ordered_json QuotesJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Quote& q : analysis.quotes) {
    out.push_back({{"id", q.id},
                   {"text", q.text},
                   {"start", q.start},
                   {"end", q.end},
                   {"sentence", q.sentence},
                   {"speaker", NullIfEmpty(q.speaker)},
                   {"speaker_name", NullIfEmpty(q.speaker_name)},
                   {"cue", q.cue},
                   {"addressee", NullIfEmpty(q.addressee)},
                   {"addressee_name", NullIfEmpty(q.addressee_name)},
                   {"medium", NullIfEmpty(q.medium)},
                   {"medium_name", NullIfEmpty(q.medium_name)}});
  }
  return out;
}

ordered_json DatesJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const DateMention& d : analysis.dates) {
    out.push_back({{"text", d.text},
                   {"value", d.value},
                   {"start", d.start},
                   {"end", d.end},
                   {"sentence", d.sentence},
                   {"type", d.type},
                   {"granularity", d.granularity}});
  }
  return out;
}

ordered_json AttributionsJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Attribution& a : analysis.attributions) {
    out.push_back({{"id", a.id},
                   {"sentence", a.sentence},
                   {"source", NullIfEmpty(a.source)},
                   {"source_name", NullIfEmpty(a.source_name)},
                   {"cue", a.cue},
                   {"claim",
                    {{"start", a.claim_start},
                     {"end", a.claim_end},
                     {"text", a.claim}}}});
  }
  return out;
}

ordered_json WarningsJson(const Analysis& analysis) {
  ordered_json out = ordered_json::array();
  for (const Warning& w : analysis.warnings) {
    out.push_back({{"offset", w.offset}, {"message", w.message}});
  }
  return out;
}

// Strings were cleaned by their producers; `replace` guards against any stage
// that forgot, so one bad byte never aborts the batch.
std::string DumpCompact(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// One top-level field per line and one array element per line: fully
// indented JSON spreads a two-number span over four lines, which buries the
// content a person wants to read.
std::string DumpReadable(const ordered_json& doc) {
  std::string out = "{";
  bool first_field = true;
  for (const auto& [key, value] : doc.items()) {
    out += first_field ? "\n  " : ",\n  ";
    first_field = false;
    out += DumpCompact(key) + ": ";
    if (!value.is_array() || value.empty()) {
      out += DumpCompact(value);
      continue;
    }
    out += "[";
    bool first_item = true;
    for (const ordered_json& item : value) {
      out += first_item ? "\n    " : ",\n    ";
      first_item = false;
      out += DumpCompact(item);
    }
    out += "\n  ]";
  }
  out += "\n}";
  return out;
}

}  // namespace

std::string AnalysisToJson(const Document& document, const Analysis& analysis,
                           const JsonOptions& options) {
  ordered_json doc;
  doc["id"] = ReplaceInvalidUtf8(document.id);
  doc["date"] = ReplaceInvalidUtf8(document.date);
  doc["title"] = ReplaceInvalidUtf8(document.title);
  if (!document.source.empty()) {
    doc["source"] = ReplaceInvalidUtf8(document.source);
  }
  if (!document.url.empty()) doc["url"] = ReplaceInvalidUtf8(document.url);
  doc["sentences"] = SentencesJson(analysis);
  doc["entities"] = EntitiesJson(analysis);
  doc["events"] = EventsJson(analysis);
  doc["quotes"] = QuotesJson(analysis);
  doc["dates"] = DatesJson(analysis);
  doc["attributions"] = AttributionsJson(analysis);
  if (!analysis.warnings.empty()) doc["warnings"] = WarningsJson(analysis);
  if (options.tokens) doc["tokens"] = TokensJson(document, analysis);
  return options.pretty ? DumpReadable(doc) : DumpCompact(doc);
}

}  // namespace entente
