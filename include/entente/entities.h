// Entity stage: mentions of countries, capitals, regions and organisations,
// with their CAMEO actor codes.
#ifndef ENTENTE_ENTITIES_H_
#define ENTENTE_ENTITIES_H_

#include <memory>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

class EntityRecognizer {
 public:
  // Loads the built-in gazetteer (compiled into the binary at build time
  // from iso-codes, world-countries, countries-list and data/). Fails with
  // DataLoss if the built-in data is malformed.
  static StatusOr<std::unique_ptr<const EntityRecognizer>> Create();

  virtual ~EntityRecognizer() = default;

  // Finds entity mentions in `text` and groups them into entities (one per
  // country, capital or organisation), ids "E1".. in order of first mention.
  // Thread-safe: the recognizer is immutable after Create().
  virtual std::vector<Entity> Recognize(
      std::string_view text, const std::vector<Token>& tokens,
      const std::vector<Sentence>& sentences) const = 0;
};

}  // namespace entente

#endif  // ENTENTE_ENTITIES_H_
