// The document model shared by every pipeline stage.
//
// All offsets are UTF-8 byte offsets into Document::text, end exclusive. A
// Document owns its text; every analysis refers to it by offsets only, so an
// Analysis stays valid as long as the Document it was made from.
#ifndef ENTENTE_DOCUMENT_H_
#define ENTENTE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace entente {

// One input article, as produced by the readers (see reader.h).
struct Document {
  std::string id;      // Unique within a batch; from the file name or JSON.
  std::string date;    // ISO 8601 "YYYY-MM-DD", or empty when unknown.
  std::string source;  // Publisher or feed name; may be empty.
  std::string url;     // May be empty.
  std::string title;   // May be empty.
  std::string text;    // The body; offsets everywhere point into this.
  std::string origin;  // Where it came from ("dir/a.txt", "feed.jsonl:12").
};

enum class TokenKind : uint8_t {
  kWord,         // Letters, possibly with inner hyphens/apostrophes/periods.
  kNumber,       // "84,121", "2.5", "1990s".
  kPunctuation,  // . , ; : ! ? ( ) [ ] and dashes.
  kQuote,        // Straight or curly, single or double quotation marks.
  kUrl,          // URLs and e-mail addresses.
  kSymbol,       // Anything else ($, %, &, emoji, replaced invalid bytes).
};

// A token is a span of the text; the token's string is text[start, end).
struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  // True when a line break separates this token from the previous one.
  bool newline_before = false;
  // True when a blank line (paragraph break) precedes this token.
  bool paragraph_before = false;
};

// A sentence covers tokens [first_token, end_token) and the byte span
// [start, end) from its first token's start to its last token's end.
struct Sentence {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t first_token = 0;
  uint32_t end_token = 0;
};

// One occurrence of an entity in the text.
struct Mention {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t sentence = 0;  // Index into Analysis::sentences.
  std::string text;       // text[start, end), invalid UTF-8 replaced.
};

// An actor or place, with every mention of it in one document.
struct Entity {
  std::string id;       // "E1", "E2"… in order of first mention.
  std::string name;     // Canonical name ("Russia" for "Russian", "Moscow").
  std::string type;     // PERSON, ORG, GPE, LOC or WEAPON.
  std::string code;     // CAMEO actor code ("RUS", "IRNMED"); empty if unknown.
  std::string country;  // CAMEO country code; empty if none.
  std::string role;     // CAMEO role code ("GOV", "MED"); empty if none.
  std::vector<Mention> mentions;
};

// A problem found in a document that did not stop its analysis, such as
// invalid UTF-8. Reported on stderr and in the JSON output ("warnings").
struct Warning {
  uint32_t offset = 0;
  std::string message;
};

// Everything the pipeline found in one document.
struct Analysis {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Entity> entities;
  std::vector<Warning> warnings;
};

}  // namespace entente

#endif  // ENTENTE_DOCUMENT_H_
