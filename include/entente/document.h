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

// The syntactic analysis of one token (one UD word).
struct TokenSyntax {
  std::string lemma;  // "go" for "went"; proper nouns keep their case.
  std::string upos;   // Universal POS tag: "NOUN", "VERB", "PROPN", ...
  std::string xpos;   // Penn Treebank tag: "NNS", "VBD", ...
  // UD FEATS ("Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
  // empty when the word has none.
  std::string feats;
  // Index of the head token, or -1 for the root of its sentence (and for
  // tokens outside every sentence). Analyze(): an index into the document's
  // tokens; AnalyzeWords(): an index into the sentence's words.
  int head = -1;
  std::string deprel;  // UD relation: "nsubj", "obl:tmod", "root", ...
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
  // An unnamed group or body named by a common noun ("protesters", "the
  // police") and coded from where the text is set ("Serbia police"). The
  // pipeline keeps such an entity only when it takes part in an event,
  // quotation or attribution (DropIdleCollectives).
  bool collective = false;
};

// A date or time expression normalized against the document date.
struct DateMention {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t sentence = 0;
  std::string text;  // text[start, end).
  // ISO 8601 value at the precision the text gives: "2024-05-19",
  // "2024-05", "2024", "2024-W20"; empty when it cannot be resolved.
  // For a duration, an ISO 8601 duration ("P2D", "PT48H", "P3Y").
  std::string value;
  // "date" for a point in time, "duration" for a length of time ("within
  // 48 hours", "for two years"); durations are never event dates.
  std::string type = "date";
  // Precision of `value`: "day", "week", "month" or "year"; for a duration
  // its unit ("hour", "day", "week", "month", "year"). Empty if unresolved.
  std::string granularity;
};

// A quotation and who said it.
struct Quote {
  std::string id;      // "Q1", "Q2"… in text order.
  uint32_t start = 0;  // The quoted words, without the quotation marks.
  uint32_t end = 0;
  uint32_t sentence = 0;
  std::string text;
  std::string speaker;       // Entity id, or empty when the text does not say.
  std::string speaker_name;  // The speaker as named in the text.
  std::string cue;           // "said", "told", "according to"…
  std::string addressee;     // Entity id of whom it was said to, or empty.
  std::string medium;        // Entity id of where it was published, or empty.
  // The addressee and medium as named in the text ("RIA Novosti", "Tehran
  // Times"), also when no entity was recognized for them; empty if none.
  std::string addressee_name;
  std::string medium_name;
};

// A claim the article reports someone else making: "according to X", "X
// reported that …", "…, X said." Lets a user tell what the article asserts
// from what it reports others asserting.
struct Attribution {
  std::string id;  // "A1", "A2"… in text order.
  uint32_t sentence = 0;
  std::string source;        // Entity id of who claims it, or empty.
  std::string source_name;   // The source as named in the text; may be empty.
  std::string cue;           // "according to", "reported", "said"…
  uint32_t claim_start = 0;  // The claim itself, without the cue phrase.
  uint32_t claim_end = 0;
  std::string claim;  // text[claim_start, claim_end).
};

// A byte span with its text, for evidence.
struct Evidence {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
};

// A CAMEO-coded event between two actors.
struct Event {
  std::string id;  // "V1", "V2"…
  uint32_t sentence = 0;
  std::string source;  // Entity ids; empty when the actor is absent.
  std::string target;
  std::string source_code;  // CAMEO actor codes.
  std::string target_code;
  std::string code;  // CAMEO event code, e.g. "051".
  std::string root;  // Its first two digits.
  int quad_class = 0;
  double goldstein = 0;
  std::string date;  // ISO date of the event.
  // asserted, intended, demanded, hypothetical or reported.
  std::string modality = "asserted";
  bool negated = false;
  std::string attributed_to;  // Entity id of whoever claims it, or empty.
  std::string instrument;     // Entity id of a thing involved, or empty.
  // Where it happened: entity id of the place (GPE or LOC) of an "in/at X"
  // phrase of the event, and that mention's text; empty when none.
  std::string place;
  std::string place_text;
  Evidence evidence;
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
  // Parallel to `tokens` when the syntax stage ran, else empty.
  std::vector<TokenSyntax> syntax;
  std::vector<Entity> entities;
  std::vector<Event> events;
  std::vector<Quote> quotes;
  std::vector<DateMention> dates;
  std::vector<Attribution> attributions;
  std::vector<Warning> warnings;
};

}  // namespace entente

#endif  // ENTENTE_DOCUMENT_H_
