// Attribution stage: quotations with their speakers, and reported claims.
//
// Quotations: straight and curly double quotes, a quotation running over
// several sentences or paragraphs (an unclosed quote continued by an opening
// mark at the start of the next paragraph), partial quotes inside a sentence
// (labeled the “axis of evil”), single quotes nested inside. The span is the
// quoted words without the marks.
//
// Speakers come from a cue (said, told, wrote, added, noted, stated,
// described, according to, quoted as saying, said in a statement …) and its
// subject, before or after the quote in either order ("said KCNA", "KCNA
// said", "he wrote"); passive cues take the agent ("labeled the “axis of
// evil” by expert Mykhailo Samus"). The addressee comes from "told X", the
// medium from "in X", "in an interview with X", or "according to X" when
// the speaker is named otherwise. Without a cue the speaker stays empty:
// never guessed.
//
// Pronoun speakers (he, she) resolve to the person most recently named as
// the subject of a sentence or as a speaker before the quote; "it" to the
// most recent organization speaker. This is a first step, to be replaced by
// the coreference chains of the entities stage when they land.
//
// All functions are pure and thread-safe; nothing is an error.
#ifndef ENTENTE_ATTRIBUTION_H_
#define ENTENTE_ATTRIBUTION_H_

#include <string_view>
#include <vector>

#include "entente/document.h"

namespace entente {

// Finds the quotations in `text`, ids "Q1".. in text order. `sentences`
// (from SplitSentences; may be empty, then each paragraph is one sentence)
// bounds the search for cues and gives Quote::sentence. `entities` links
// speaker, addressee and medium to entity ids when the name found overlaps
// one of their mentions; otherwise only the *_name fields are set. `tokens`
// is not needed by the current rules (the text is scanned directly so that
// quote pairing does not depend on tokenizer details) and may be empty.
std::vector<Quote> FindQuotes(std::string_view text,
                              const std::vector<Token>& tokens,
                              const std::vector<Sentence>& sentences,
                              const std::vector<Entity>& entities);

// Finds reported claims outside quotation marks: "according to X, …",
// "X reported/said/told Y that …", "…, X said." One Attribution per
// sentence at most, ids "A1".. in text order. Same inputs as FindQuotes.
std::vector<Attribution> FindAttributions(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<Sentence>& sentences,
    const std::vector<Entity>& entities);

}  // namespace entente

#endif  // ENTENTE_ATTRIBUTION_H_
