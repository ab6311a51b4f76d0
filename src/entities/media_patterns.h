// News outlets recognized by shape: a proper-noun sequence ending in a media
// word ("Tehran Times", "China Daily", "Kyodo News Agency", "Press TV"), or
// "Times of"/"Voice of" + a place ("Times of India", "Voice of America").
#ifndef ENTENTE_ENTITIES_MEDIA_PATTERNS_H_
#define ENTENTE_ENTITIES_MEDIA_PATTERNS_H_

#include <cstddef>
#include <string>

#include "entities/place_matcher.h"

namespace entente {

struct MediaMatch {
  size_t end_token = 0;  // One past the outlet's last token; 0: no match.
  std::string country;   // CAMEO code of the first place named inside
                         // ("Tehran" -> IRN); empty when none is.
};

// Matches an outlet name starting at token `i`, within the sentence whose
// tokens are [first, end). `i` must start a proper-noun run: a capitalized word
// not preceded by another capitalized word (function words like "In" or
// "The" do not count). Conservative on purpose: the media word must end the
// run ("Times Square", "UN Observer Mission" are not outlets), and "Agency",
// "Network", "Service"... count only after a media word, so "International
// Atomic Energy Agency" is not an outlet.
MediaMatch MatchMediaOutlet(const PlaceMatcher& matcher, size_t first, size_t i,
                            size_t end);

}  // namespace entente

#endif  // ENTENTE_ENTITIES_MEDIA_PATTERNS_H_
