// Internal: the abbreviation and sentence-starter lexicons of the text stage.
#ifndef ENTENTE_TEXT_ABBREVIATIONS_H_
#define ENTENTE_TEXT_ABBREVIATIONS_H_

#include <string_view>

namespace entente::text_internal {

// How a word followed by '.' behaves.
enum class AbbrevKind {
  kNone,     // Not an abbreviation: the period is a separate token.
  kTitle,    // Precedes a name or number ("Mr.", "Gen.", "Jan."): the
             // period belongs to it and a sentence never ends there.
  kGeneral,  // "Inc.", "etc.", "U.S.", "a.m.": keeps its period but may end
             // a sentence when a typical sentence opener follows.
  kNumeric,  // "No.", "Vol.", "pp.": an abbreviation only before a number.
};

// Looks up `word` (without its final period). Matching is case-sensitive
// except for entries that are unambiguous in any case ("INC", "Corp").
// Thread-safe (the table is immutable after first use).
AbbrevKind LookupAbbreviation(std::string_view word);

// True for capitalised words that usually open a sentence ("The", "He",
// "But"); used to decide whether "U.S." or "etc." ended the sentence.
bool IsSentenceStarter(std::string_view word);

}  // namespace entente::text_internal

#endif  // ENTENTE_TEXT_ABBREVIATIONS_H_
