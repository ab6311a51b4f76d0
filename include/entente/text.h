// Text stage: UTF-8 validation, tokenization and sentence splitting.
//
// All functions are pure and thread-safe. Offsets are byte offsets into the
// text passed in.
#ifndef ENTENTE_TEXT_H_
#define ENTENTE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"

namespace entente {

// Returns the byte offset of every byte that is not part of a well-formed
// UTF-8 sequence (overlongs, surrogates, truncated sequences, stray
// continuation bytes, code points above U+10FFFF). Empty for valid text.
std::vector<size_t> FindInvalidUtf8(std::string_view text);

// Returns `text` with every invalid byte replaced by U+FFFD, for output.
std::string ReplaceInvalidUtf8(std::string_view text);

// Splits `text` into tokens. Hyphenated names ("Su-35", "President-elect"),
// abbreviations ("U.S.", "Gen."), numbers ("84,121", "2.5") and URLs stay
// whole; possessive "'s"/"’s" and negation "n't" are split off; quotes and
// dashes are their own tokens. Invalid UTF-8 bytes become kSymbol tokens.
std::vector<Token> Tokenize(std::string_view text);

// Groups tokens into sentences. Breaks at sentence-final punctuation (with
// closing quotes and brackets attached), but not after abbreviations or
// initials; always breaks at blank lines, and at line breaks that end a
// headline or dateline (a line without final punctuation).
std::vector<Sentence> SplitSentences(std::string_view text,
                                     const std::vector<Token>& tokens);

}  // namespace entente

#endif  // ENTENTE_TEXT_H_
