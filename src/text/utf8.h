// Internal helpers of the text stage: UTF-8 decoding and the character
// classes the tokenizer and sentence splitter work with. Not a public header:
// include/entente/text.h is the stage's contract.
#ifndef ENTENTE_TEXT_UTF8_H_
#define ENTENTE_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace entente::text_internal {

// Decodes the well-formed UTF-8 sequence that starts at `s[i]` (Unicode
// Table 3-7: no overlongs, surrogates or code points above U+10FFFF).
// Returns its length (1-4) and stores the code point in `*cp`; returns 0 when
// the byte at `s[i]` does not start a well-formed sequence, in which case
// exactly that one byte is invalid. Requires i < s.size().
inline int DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t left = s.size() - i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  auto cont = [&](size_t k) { return (p[k] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (left < 2 || !cont(1)) return 0;
    *cp = (char32_t{b0} & 0x1F) << 6 | (p[1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    // E0 needs A0..BF (no overlongs); ED needs 80..9F (no surrogates).
    if (b0 == 0xE0 && p[1] < 0xA0) return 0;
    if (b0 == 0xED && p[1] > 0x9F) return 0;
    *cp = (char32_t{b0} & 0x0F) << 12 | (char32_t{p[1]} & 0x3F) << 6 |
          (p[2] & 0x3F);
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    // F0 needs 90..BF (no overlongs); F4 needs 80..8F (<= U+10FFFF).
    if (b0 == 0xF0 && p[1] < 0x90) return 0;
    if (b0 == 0xF4 && p[1] > 0x8F) return 0;
    *cp = (char32_t{b0} & 0x07) << 18 | (char32_t{p[1]} & 0x3F) << 12 |
          (char32_t{p[2]} & 0x3F) << 6 | (p[3] & 0x3F);
    return 4;
  }
  return 0;  // C0, C1, F5..FF or a stray continuation byte.
}

// What a character means to the tokenizer.
enum class CharClass : uint8_t {
  kSpace,       // Separates tokens; never part of one.
  kLetter,      // Letters of any script, combining marks, joiners.
  kDigit,       // ASCII digits.
  kHyphen,      // '-', U+2010, U+2011: joins words, otherwise punctuation.
  kDash,        // En/em dashes, minus sign, horizontal bar.
  kQuote,       // Straight, curly and angle quotation marks.
  kApostrophe,  // ' and U+2019: a quote, or part of a word / clitic.
  kPeriod,      // '.'
  kEllipsis,    // U+2026
  kTerminal,    // ! ? and their full-width forms (sentence enders).
  kOpen,        // ( [ {
  kClose,       // ) ] }
  kPunct,       // , ; : and other punctuation.
  kSymbol,      // $ % & # @ currency, math, emoji, ...
  kInvalid,     // A byte that is not well-formed UTF-8.
};

// Classifies a non-ASCII code point. Anything not listed as space,
// punctuation or symbol counts as a letter, so words in any script stay whole.
inline CharClass ClassifyNonAscii(char32_t c) {
  if (c < 0x2000) {
    switch (c) {
      case 0x85:
      case 0xA0:
      case 0x1680:
        return CharClass::kSpace;
      case 0xAB:
      case 0xBB:
        return CharClass::kQuote;
      case 0xA1:
      case 0xBF:
      case 0xB7:
        return CharClass::kPunct;
      case 0xA2:
      case 0xA3:
      case 0xA4:
      case 0xA5:
      case 0xA6:
      case 0xA7:
      case 0xA8:
      case 0xA9:
      case 0xAC:
      case 0xAE:
      case 0xAF:
      case 0xB0:
      case 0xB1:
      case 0xB4:
      case 0xB6:
      case 0xD7:
      case 0xF7:
        return CharClass::kSymbol;
      default:
        return CharClass::kLetter;
    }
  }
  if (c <= 0x206F) {
    if (c <= 0x200B || c == 0x2028 || c == 0x2029 || c == 0x202F ||
        c == 0x205F || c == 0x2060) {
      return CharClass::kSpace;
    }
    if (c == 0x200C || c == 0x200D) return CharClass::kLetter;  // Joiners.
    if (c == 0x2010 || c == 0x2011) return CharClass::kHyphen;
    if (c >= 0x2012 && c <= 0x2015) return CharClass::kDash;
    if (c == 0x2019) return CharClass::kApostrophe;
    if ((c >= 0x2018 && c <= 0x201F) || c == 0x2039 || c == 0x203A) {
      return CharClass::kQuote;
    }
    if (c == 0x2026) return CharClass::kEllipsis;
    if (c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049) {
      return CharClass::kTerminal;
    }
    return CharClass::kSymbol;  // Daggers, bullets, primes, per mille, ...
  }
  if (c == 0x2212) return CharClass::kDash;                   // Minus sign.
  if (c >= 0x20A0 && c <= 0x2BFF) return CharClass::kSymbol;  // Currency..
  if (c == 0x3000 || c == 0xFEFF) return CharClass::kSpace;
  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E) {
    return CharClass::kTerminal;
  }
  if (c == 0x3001 || c == 0xFF0C || c == 0xFF1A || c == 0xFF1B) {
    return CharClass::kPunct;
  }
  if (c >= 0xFE00 && c <= 0xFE0F) return CharClass::kLetter;  // Selectors.
  if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0000 && c <= 0xE007F)) {
    return CharClass::kSymbol;  // Emoji, flags, tags.
  }
  return CharClass::kLetter;
}

// Classes of the 128 ASCII characters.
inline constexpr CharClass kAsciiClass[128] = {
#define S CharClass::kSpace
#define L CharClass::kLetter
#define D CharClass::kDigit
#define Y CharClass::kSymbol
#define P CharClass::kPunct
    // 0x00-0x1F: controls; \t \n \v \f \r are spaces, the rest symbols.
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    S,
    S,
    S,
    S,
    S,
    Y,
    Y,  //
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,
    Y,  //
    // ' ' ! " # $ % & ' ( ) * + , - . /
    S,
    CharClass::kTerminal,
    CharClass::kQuote,
    Y,
    Y,
    Y,
    Y,
    CharClass::kApostrophe,
    CharClass::kOpen,
    CharClass::kClose,
    Y,
    Y,
    P,
    CharClass::kHyphen,
    CharClass::kPeriod,
    Y,
    // 0-9 : ; < = > ?
    D,
    D,
    D,
    D,
    D,
    D,
    D,
    D,
    D,
    D,
    P,
    P,
    Y,
    Y,
    Y,
    CharClass::kTerminal,
    // @ A-O
    Y,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    // P-Z [ \ ] ^ _
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    CharClass::kOpen,
    Y,
    CharClass::kClose,
    Y,
    Y,
    // ` a-o
    CharClass::kQuote,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    // p-z { | } ~ DEL
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    L,
    CharClass::kOpen,
    Y,
    CharClass::kClose,
    Y,
    Y,
#undef S
#undef L
#undef D
#undef Y
#undef P
};

// One decoded character: its class and length in bytes (>= 1).
struct CharAt {
  CharClass cls;
  int len;
  char32_t cp;
};

// Decodes and classifies the character at `s[i]`. Requires i < s.size().
inline CharAt ClassAt(std::string_view s, size_t i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {kAsciiClass[b], 1, b};
  char32_t cp = 0;
  const int len = DecodeUtf8(s, i, &cp);
  if (len == 0) return {CharClass::kInvalid, 1, b};
  return {ClassifyNonAscii(cp), len, cp};
}

}  // namespace entente::text_internal

#endif  // ENTENTE_TEXT_UTF8_H_
