// The gazetteer-only recognizer (countries, capitals, subdivisions,
// locations, outlets by shape), used on its own for
// EntityOptions::gazetteer_only and as the first pass of the full one.
#ifndef ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_
#define ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_

#include <memory>

#include "entente/entities.h"
#include "entities/gazetteer.h"

namespace entente {

std::unique_ptr<const EntityRecognizer> NewCountryRecognizer(
    Gazetteer gazetteer);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_COUNTRY_RECOGNIZER_H_
