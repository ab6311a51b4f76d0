// The gazetteer-only recognizer (countries, capitals, subdivisions,
// locations, outlets by shape), used on its own for
// EntityOptions::gazetteer_only and as the first pass of the full one.
#ifndef ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_
#define ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_

#include <memory>
#include <vector>

#include "entente/entities.h"
#include "entities/gazetteer.h"

namespace entente {

std::unique_ptr<const EntityRecognizer> NewCountryRecognizer(
    Gazetteer gazetteer);

// The sentences to scan: `sentences`, or, when there are none, one sentence
// over all `tokens` stored in `*whole`.
const std::vector<Sentence>& SentencesOrWhole(
    const std::vector<Token>& tokens, const std::vector<Sentence>& sentences,
    std::vector<Sentence>* whole);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_
