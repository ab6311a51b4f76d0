#include "entente/pipeline.h"

#include <time.h>

#include <chrono>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "entente/attribution.h"
#include "entente/entities.h"
#include "entente/events.h"
#include "entente/syntax.h"
#include "entente/text.h"
#include "entente/time.h"

namespace entente {
namespace {

// Reports invalid UTF-8 as warnings, one per run of bad bytes, so that a
// binary-ish document does not produce thousands of lines.
std::vector<Warning> Utf8Warnings(std::string_view text) {
  std::vector<Warning> warnings;
  std::vector<size_t> bad = FindInvalidUtf8(text);
  for (size_t i = 0; i < bad.size();) {
    size_t j = i + 1;
    while (j < bad.size() && bad[j] == bad[j - 1] + 1) ++j;
    Warning w;
    w.offset = static_cast<uint32_t>(bad[i]);
    w.message = "invalid UTF-8: " + std::to_string(j - i) +
                " byte(s) replaced by U+FFFD at offset " +
                std::to_string(bad[i]);
    warnings.push_back(std::move(w));
    i = j;
  }
  return warnings;
}

// Entities of unnamed groups ("Serbia police", Entity::collective) exist
// to be the actors of events, quotations and attributions; the entity list
// is otherwise one of names. Drops those that take part in none and
// renumbers the rest ("E1".. in order of first mention) everywhere.
void DropIdleCollectives(Analysis* a) {
  std::unordered_set<std::string> used;
  auto use = [&](const std::string& id) {
    if (!id.empty()) used.insert(id);
  };
  for (const Event& e : a->events) {
    use(e.source);
    use(e.target);
    use(e.attributed_to);
    use(e.instrument);
    use(e.place);
  }
  for (const Quote& q : a->quotes) {
    use(q.speaker);
    use(q.addressee);
    use(q.medium);
  }
  for (const Attribution& at : a->attributions) use(at.source);
  std::unordered_map<std::string, std::string> renamed;
  std::vector<Entity> kept;
  kept.reserve(a->entities.size());
  for (Entity& e : a->entities) {
    if (e.collective && used.count(e.id) == 0) continue;
    std::string id = "E" + std::to_string(kept.size() + 1);
    renamed.emplace(e.id, id);
    e.id = std::move(id);
    kept.push_back(std::move(e));
  }
  if (kept.size() == a->entities.size()) {
    a->entities = std::move(kept);
    return;  // Nothing dropped: the ids are unchanged.
  }
  a->entities = std::move(kept);
  auto rename = [&](std::string* id) {
    if (id->empty()) return;
    auto it = renamed.find(*id);
    if (it != renamed.end()) *id = it->second;
  };
  for (Event& e : a->events) {
    rename(&e.source);
    rename(&e.target);
    rename(&e.attributed_to);
    rename(&e.instrument);
    rename(&e.place);
  }
  for (Quote& q : a->quotes) {
    rename(&q.speaker);
    rename(&q.addressee);
    rename(&q.medium);
  }
  for (Attribution& at : a->attributions) rename(&at.source);
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Adds the time from construction (or the last Next) to the stage named in
// Next; does nothing, and reads no clock, when `times` is null.
class StageClock {
 public:
  explicit StageClock(StageTimes* times) : times_(times) {
    if (times_) Mark();
  }
  void Next(StageTimes::Stage finished) {
    if (!times_) return;
    double wall = wall_, cpu = cpu_;
    Mark();
    times_->wall[finished] += wall_ - wall;
    times_->cpu[finished] += cpu_ - cpu;
  }

 private:
  void Mark() {
    wall_ = std::chrono::duration<double>(
                std::chrono::steady_clock::now().time_since_epoch())
                .count();
    cpu_ = ThreadCpuSeconds();
  }
  StageTimes* times_;
  double wall_ = 0, cpu_ = 0;
};

// The resources every stage reads; immutable once loaded, so one instance
// serves all threads.
struct Resources {
  std::unique_ptr<const EntityRecognizer> entities;
  std::shared_ptr<const SyntaxModel> syntax;
  std::unique_ptr<const EventCoder> events;
};

class PipelineImpl final : public Pipeline {
 public:
  explicit PipelineImpl(Resources resources)
      : resources_(std::move(resources)) {}

  const EventCoder* event_coder() const override {
    return resources_.events.get();
  }

 private:
  Analysis Run(const Document& document, std::string* event_trace,
               StageTimes* times) const override {
    StageClock clock(times);
    Analysis analysis;
    std::string_view text = document.text;
    analysis.warnings = Utf8Warnings(text);
    analysis.tokens = Tokenize(text);
    analysis.sentences = SplitSentences(text, analysis.tokens);
    clock.Next(StageTimes::kText);
    if (resources_.syntax) {
      resources_.syntax->Analyze(text, analysis.tokens, analysis.sentences,
                                 &analysis.syntax);
    }
    clock.Next(StageTimes::kSyntax);
    if (resources_.entities) {
      analysis.entities = resources_.entities->Recognize(
          text, analysis.tokens, analysis.sentences, document.date);
    }
    clock.Next(StageTimes::kEntities);
    analysis.dates =
        FindDates(text, analysis.tokens, analysis.sentences, document.date);
    clock.Next(StageTimes::kTime);
    analysis.quotes = FindQuotes(text, analysis.tokens, analysis.sentences,
                                 analysis.entities);
    analysis.attributions = FindAttributions(
        text, analysis.tokens, analysis.sentences, analysis.entities);
    clock.Next(StageTimes::kAttribution);
    if (resources_.events) {
      analysis.events = resources_.events->Code(document, analysis,
                                                analysis.syntax, event_trace);
      DropIdleCollectives(&analysis);
    }
    clock.Next(StageTimes::kEvents);
    return analysis;
  }

  Resources resources_;
};

}  // namespace

const char* StageTimes::Name(Stage stage) {
  switch (stage) {
    case kText:
      return "text";
    case kSyntax:
      return "syntax";
    case kEntities:
      return "entities";
    case kTime:
      return "time";
    case kAttribution:
      return "attribution";
    case kEvents:
      return "events";
    case kStageCount:
      break;
  }
  return "?";
}

StatusOr<std::unique_ptr<const Pipeline>> Pipeline::Create(
    const PipelineOptions& options) {
  Resources resources;
  if (options.entities || options.events) {
    EntityOptions entity_options;
    entity_options.actor_files = options.actor_files;
    auto recognizer = EntityRecognizer::Create(entity_options);
    if (!recognizer.ok()) return recognizer.status();
    resources.entities = std::move(recognizer).value();
  }
  if (options.syntax || options.events) {
    auto syntax = SyntaxModel::Load(options.models_dir);
    if (!syntax.ok()) return syntax.status();
    resources.syntax = std::move(syntax).value();
  }
  if (options.events) {
    EventCoderOptions coder_options;
    coder_options.data_dir = options.data_dir;
    coder_options.keep_negated = options.keep_negated;
    auto coder = EventCoder::Create(coder_options);
    if (!coder.ok()) return coder.status();
    resources.events = std::move(coder).value();
  }
  return std::unique_ptr<const Pipeline>(
      std::make_unique<PipelineImpl>(std::move(resources)));
}

}  // namespace entente
