#include "server/json_writers.h"

#include <algorithm>

namespace entente::server {
namespace {

// UTF-16 units a byte contributes when it starts a character: none for
// continuation bytes, two for the lead byte of a 4-byte (astral) character.
uint32_t Units(unsigned char byte) {
  if ((byte & 0xC0) == 0x80) return 0;
  return byte >= 0xF0 ? 2 : 1;
}

}  // namespace

Utf16Index::Utf16Index(std::string_view text) : text_(text) {
  block_units_.reserve(text.size() / kBlock + 1);
  uint32_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_units_.push_back(units);
    units += Units(static_cast<unsigned char>(text[i]));
  }
}

uint32_t Utf16Index::At(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  if (offset == 0) return 0;
  uint32_t block = (offset - 1) / kBlock;
  uint32_t units = block_units_[block];
  for (uint32_t i = block * kBlock; i < offset; ++i) {
    units += Units(static_cast<unsigned char>(text_[i]));
  }
  return units;
}

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void AddSpan(Json& out, uint32_t start, uint32_t end, const Utf16Index* text) {
  out["start"] = start;
  out["end"] = end;
  if (text) {
    out["char_start"] = text->At(start);
    out["char_end"] = text->At(end);
  } else {
    out["char_start"] = nullptr;
    out["char_end"] = nullptr;
  }
}

Json ActorRefJson(const ActorRef& actor) {
  return {{"id", actor.id},           {"name", actor.name},
          {"type", actor.type},       {"code", actor.code},
          {"country", actor.country}, {"role", actor.role}};
}

Json EventJson(const EventRecord& e, const Utf16Index* text) {
  Json evidence = Json::object();
  AddSpan(evidence, e.evidence.start, e.evidence.end, text);
  evidence["text"] = e.evidence.text;
  Json j = {{"id", e.id},
            {"document", e.document},
            {"local_id", e.local_id},
            {"date", e.date},
            {"document_date", e.document_date},
            {"publisher", e.publisher},
            {"url", e.url},
            {"title", e.title},
            {"sentence", e.sentence},
            {"sentence_text", e.sentence_text},
            {"source", ActorRefJson(e.source)},
            {"target", ActorRefJson(e.target)},
            {"source_code", e.source_code},
            {"target_code", e.target_code},
            {"code", e.code},
            {"root", e.root},
            {"description", ""},
            {"quad_class", e.quad_class},
            {"goldstein", e.goldstein},
            {"modality", e.modality},
            {"negated", e.negated},
            {"attributed_to", e.attributed_to},
            {"instrument", e.instrument},
            {"evidence", std::move(evidence)},
            {"cluster",
             {{"id", e.cluster},
              {"mentions", e.num_mentions},
              {"sources", e.num_sources},
              {"articles", e.num_articles}}}};
  return j;
}

Json ActorJson(const ActorRecord& a) {
  return {{"id", a.actor.id},           {"name", a.actor.name},
          {"type", a.actor.type},       {"code", a.actor.code},
          {"country", a.actor.country}, {"role", a.actor.role},
          {"first_seen", a.first_seen}, {"last_seen", a.last_seen},
          {"documents", a.documents},   {"mentions", a.mentions},
          {"events", a.events},         {"aliases", a.aliases}};
}

Json QuoteJson(const QuoteRecord& q, const Utf16Index* text) {
  Json j = {{"id", q.id},
            {"document", q.document},
            {"date", q.date},
            {"url", q.url},
            {"text", q.text},
            {"speaker", ActorRefJson(q.speaker)},
            {"speaker_name", q.speaker_name},
            {"cue", q.cue}};
  AddSpan(j, q.span.start, q.span.end, text);
  return j;
}

Json BucketJson(const TimelineBucket& b) {
  return {{"period", b.period},
          {"events", b.events},
          {"goldstein_sum", b.goldstein_sum},
          {"cooperation", b.cooperation},
          {"conflict", b.conflict}};
}

}  // namespace entente::server
