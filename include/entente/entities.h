// Entity stage: mentions of people, organisations, countries, places and
// weapons, with their CAMEO actor codes and within-document coreference.
#ifndef ENTENTE_ENTITIES_H_
#define ENTENTE_ENTITIES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

struct EntityOptions {
  // Directory holding the NER model (ner.bin). Empty: $ENTENTE_MODELS when
  // set and non-empty, else the source tree's models/.
  std::string models_dir;
  // Only the gazetteer: countries, capitals, subdivisions, locations and
  // outlets recognized by shape (the first recognizer; no NER model, no
  // lexicons, no coreference).
  bool gazetteer_only = false;
  // TABARI/PETRARCH actor dictionaries to load (`--actors FILE`; format in
  // docs/actors.md). Their phrases are matched as actors and coded with the
  // code valid on the document date; they win over codes composed from
  // titles. Ignored when `gazetteer_only`.
  std::vector<std::string> actor_files;
  // The built-in roster of officials (data/officials.tsv: heads of state
  // and government, foreign and defence ministers, heads of IGOs, with the
  // dates of their roles). Its people are coded with the role they held on
  // the document date; a country named in the text and `actor_files` win
  // over it. Ignored when `gazetteer_only`.
  bool officials = true;
};

class EntityRecognizer {
 public:
  // Create(EntityOptions()).
  static StatusOr<std::unique_ptr<const EntityRecognizer>> Create();

  // Loads the built-in gazetteer and lexicons (compiled into the binary at
  // build time from iso-codes, world-countries, countries-list and data/)
  // and, unless `gazetteer_only`, the NER model from the models directory.
  // DataLoss if the built-in data, the model or an actor dictionary is
  // malformed (the message names the file, and the line for a dictionary);
  // NotFound if the model or a dictionary is missing.
  static StatusOr<std::unique_ptr<const EntityRecognizer>> Create(
      const EntityOptions& options);

  virtual ~EntityRecognizer() = default;

  // Finds entity mentions in `text` and groups them into entities, ids
  // "E1".. in order of first mention. Each entity carries its fullest name,
  // type (PERSON, ORG, GPE, LOC, WEAPON), CAMEO code, country and role, and
  // every mention, including coreferent short names and pronouns.
  // Thread-safe: the recognizer is immutable after Create().
  std::vector<Entity> Recognize(std::string_view text,
                                const std::vector<Token>& tokens,
                                const std::vector<Sentence>& sentences) const {
    return Recognize(text, tokens, sentences, std::string_view());
  }
  // The same, for a document dated `date` (YYYY-MM-DD, or empty when
  // unknown): dated codes of actor dictionaries apply on that date.
  virtual std::vector<Entity> Recognize(std::string_view text,
                                        const std::vector<Token>& tokens,
                                        const std::vector<Sentence>& sentences,
                                        std::string_view date) const = 0;
};

}  // namespace entente

#endif  // ENTENTE_ENTITIES_H_
