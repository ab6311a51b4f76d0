// A single-pass, allocation-free (apart from the output vector) tokenizer.
//
// The conventions follow Universal Dependencies English, which the syntax
// models are trained on, except where the extraction stages need more: names
// with hyphens and digits ("Su-35", "President-elect") stay whole, while
// lower-case compounds ("short-lived") are split as UD does.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "entente/text.h"
#include "text/abbreviations.h"
#include "text/utf8.h"

namespace entente {
namespace {

using text_internal::AbbrevKind;
using text_internal::CharAt;
using text_internal::CharClass;
using text_internal::ClassAt;
using text_internal::kAsciiClass;

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char AsciiLower(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c;
}

constexpr uint8_t kLetterFlag = 1, kUpperFlag = 2, kDigitFlag = 4;

// Per ASCII byte: letter, upper-case letter, digit; 0 for anything else.
constexpr auto kAlnumFlags = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetterFlag;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetterFlag | kUpperFlag;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigitFlag;
  return t;
}();

// Properties of one run of letters and digits, for the joining decisions.
struct Segment {
  size_t chars = 0;
  bool has_upper = false;
  bool has_digit = false;
  bool has_letter = false;
  bool starts_digit = false;
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : s_(text), n_(text.size()) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    // English news averages ~5.5 bytes per token; reserving once avoids the
    // repeated growth copies that dominate otherwise.
    tokens.reserve(n_ / 5 + 16);
    int newlines = 0;
    size_t i = 0;
    while (i < n_) {
      const unsigned char b = static_cast<unsigned char>(s_[i]);
      CharAt c = b < 0x80 ? CharAt{kAsciiClass[b], 1, b} : ClassAt(s_, i);
      if (b == ' ') {  // Fast path for the most common byte.
        ++i;
        continue;
      }
      if (c.cls == CharClass::kSpace) {
        if (b == '\n' || (b == '\r' && (i + 1 >= n_ || s_[i + 1] != '\n')) ||
            c.cp == 0x2028) {
          ++newlines;
        } else if (c.cp == 0x2029) {
          newlines += 2;
        }
        i += c.len;
        continue;
      }
      TokenKind kind = TokenKind::kPunctuation;
      const size_t end = ScanToken(i, c, &kind);
      Token token;
      token.start = static_cast<uint32_t>(i);
      token.end = static_cast<uint32_t>(end);
      token.kind = kind;
      token.newline_before = newlines > 0;
      token.paragraph_before = newlines > 1;
      tokens.push_back(token);
      newlines = 0;
      prev_end_ = end;
      prev_kind_ = kind;
      i = end;
    }
    return tokens;
  }

 private:
  CharAt At(size_t i) const {
    const unsigned char b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) return {kAsciiClass[b], 1, b};
    return ClassAt(s_, i);
  }

  bool IsWordChar(size_t i) const {
    if (i >= n_) return false;
    const CharClass cls = At(i).cls;
    return cls == CharClass::kLetter || cls == CharClass::kDigit;
  }

  bool IsLetter(size_t i) const {
    return i < n_ && At(i).cls == CharClass::kLetter;
  }

  // Length of an apostrophe (' or U+2019) at `i`, or 0.
  int ApostropheAt(size_t i) const {
    if (i >= n_) return 0;
    if (s_[i] == '\'') return 1;
    if (static_cast<unsigned char>(s_[i]) == 0xE2 && i + 2 < n_ &&
        static_cast<unsigned char>(s_[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s_[i + 2]) == 0x99) {
      return 3;
    }
    return 0;
  }

  // Length of a hyphen at `i` ('-', U+2010, U+2011), or 0.
  int HyphenAt(size_t i) const {
    if (i >= n_) return 0;
    if (s_[i] == '-') return 1;
    if (static_cast<unsigned char>(s_[i]) == 0xE2 && i + 2 < n_ &&
        static_cast<unsigned char>(s_[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s_[i + 2]) == 0x90 ||
         static_cast<unsigned char>(s_[i + 2]) == 0x91)) {
      return 3;
    }
    return 0;
  }

  // Scans letters, digits and combining marks from `i`; returns the end.
  // The ASCII loop is the tokenizer's hot path.
  size_t ScanAlnum(size_t i, Segment* seg) const {
    *seg = Segment();
    if (i < n_) seg->starts_digit = IsAsciiDigit(s_[i]);
    unsigned flags = 0;
    size_t chars = 0;
    while (i < n_) {
      const unsigned char b = static_cast<unsigned char>(s_[i]);
      if (b < 0x80) {
        const unsigned f = kAlnumFlags[b];
        if (f == 0) break;
        flags |= f;
        ++i;
      } else {
        const CharAt c = ClassAt(s_, i);
        if (c.cls != CharClass::kLetter) break;
        flags |= kLetterFlag;
        // Latin-1/Latin Extended and Cyrillic capitals, so "Đoković-Federer"
        // counts as a name; other scripts are treated as lower case.
        if ((c.cp >= 0xC0 && c.cp <= 0xDE && c.cp != 0xD7) ||
            (c.cp >= 0x100 && c.cp < 0x180 && c.cp % 2 == 0) ||
            (c.cp >= 0x410 && c.cp <= 0x42F)) {
          flags |= kUpperFlag;
        }
        i += c.len;
      }
      ++chars;
    }
    seg->chars = chars;
    seg->has_letter = flags & kLetterFlag;
    seg->has_upper = flags & kUpperFlag;
    seg->has_digit = flags & kDigitFlag;
    return i;
  }

  // "'s", "'m", "'d", "'ll", "'re", "'ve" (straight or curly) at `i`, ending
  // at a word boundary: returns the clitic's length, else 0.
  size_t CliticAt(size_t i) const {
    const int a = ApostropheAt(i);
    if (a == 0) return 0;
    const size_t k = i + a;
    if (k >= n_) return 0;
    const char c0 = AsciiLower(s_[k]);
    size_t len = 0;
    if (c0 == 's' || c0 == 'm' || c0 == 'd') {
      len = 1;
    } else if (k + 1 < n_) {
      const char c1 = AsciiLower(s_[k + 1]);
      if ((c0 == 'l' && c1 == 'l') || (c0 == 'r' && c1 == 'e') ||
          (c0 == 'v' && c1 == 'e')) {
        len = 2;
      }
    }
    if (len == 0 || IsWordChar(k + len)) return 0;
    return a + len;
  }

  // "n't" (straight or curly) at `i`, ending at a word boundary: its
  // length, else 0.
  size_t NotAt(size_t i) const {
    if (i >= n_ || AsciiLower(s_[i]) != 'n') return 0;
    const int a = ApostropheAt(i + 1);
    if (a == 0) return 0;
    const size_t t = i + 1 + a;
    if (t >= n_ || AsciiLower(s_[t]) != 't' || IsWordChar(t + 1)) return 0;
    return t + 1 - i;
  }

  bool StartsWithNoCase(size_t i, std::string_view prefix) const {
    if (n_ - i < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
      if (AsciiLower(s_[i + k]) != prefix[k]) return false;
    }
    return true;
  }

  bool IsUrlStart(size_t i) const {
    switch (AsciiLower(s_[i])) {
      case 'h':
        return StartsWithNoCase(i, "http://") ||
               StartsWithNoCase(i, "https://");
      case 'f':
        return StartsWithNoCase(i, "ftp://");
      case 'w':
        return StartsWithNoCase(i, "www.") && IsWordChar(i + 4);
      case 'm':
        return StartsWithNoCase(i, "mailto:");
      default:
        return false;
    }
  }

  // A URL runs to the next space or quote; trailing sentence punctuation
  // and unbalanced closing brackets belong to the text around it.
  size_t ScanUrl(size_t i) const {
    size_t j = i;
    while (j < n_) {
      const CharAt c = At(j);
      if (c.cls == CharClass::kSpace || c.cls == CharClass::kInvalid ||
          c.cls == CharClass::kQuote || c.cls == CharClass::kApostrophe ||
          s_[j] == '<' || s_[j] == '>') {
        break;
      }
      j += c.len;
    }
    while (j > i) {
      const char last = s_[j - 1];
      if (last == '.' || last == ',' || last == ';' || last == ':' ||
          last == '!' || last == '?') {
        --j;
        continue;
      }
      if (last == ')' || last == ']') {
        const char open = last == ')' ? '(' : '[';
        int depth = 0;
        for (size_t k = i; k < j; ++k) {
          if (s_[k] == open) ++depth;
          if (s_[k] == last) --depth;
        }
        if (depth < 0) {
          --j;
          continue;
        }
      }
      break;
    }
    return j;
  }

  // An e-mail address starting at `i`: local@domain.tld. Returns its end,
  // or 0 when there is none.
  size_t ScanEmail(size_t i) const {
    size_t j = i;
    auto local = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             IsAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
             c == '-';
    };
    while (j < n_ && local(s_[j])) ++j;
    if (j == i || j >= n_ || s_[j] != '@') return 0;
    ++j;
    size_t labels = 0, end = 0, last_label_letters = 0;
    while (j < n_) {
      const size_t label_start = j;
      size_t letters = 0;
      for (; j < n_; ++j) {
        const char c = s_[j];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          ++letters;
        } else if (!IsAsciiDigit(c) && c != '-') {
          break;
        }
      }
      if (j == label_start) break;
      ++labels;
      end = j;
      last_label_letters = letters;
      if (j + 1 < n_ && s_[j] == '.' && IsWordChar(j + 1)) {
        ++j;
      } else {
        break;
      }
    }
    if (labels < 2 || last_label_letters < 2) return 0;
    return end;
  }

  // Lower-case compounds are split the UD way ("short - lived"); anything
  // with a capital or a digit on either side is a name or model number and
  // stays whole ("Su-35", "President-elect", "S-400", "COVID-19"), as do
  // single-letter prefixes ("e-mail", "x-ray").
  static bool JoinHyphen(const Segment& left, const Segment& right) {
    return left.has_upper || left.has_digit || right.has_upper ||
           right.has_digit || left.chars == 1;
  }

  // Scans a word or number starting at `i` (a letter or digit).
  size_t ScanWord(size_t i, TokenKind* kind) const {
    const size_t start = i;
    Segment seg;
    size_t j = ScanAlnum(i, &seg);
    const bool starts_digit = seg.starts_digit;
    bool dotted_letters = true;   // Every '.'-separated part is letters...
    size_t max_part = seg.chars;  // ...at most this long.
    int dots = 0;
    bool digits_only = !seg.has_letter;
    while (j < n_) {
      const char b = s_[j];
      if (b == ' ' || b == '\n') break;  // By far the most common case.
      if (b == '.') {
        if (!IsWordChar(j + 1)) break;
        Segment next;
        const size_t k = ScanAlnum(j + 1, &next);
        // "2.5", "1.2.3" and "U.S", "e.g", "Ph.D", "wikinews.org".
        if (seg.has_letter != next.has_letter && !seg.has_letter) break;
        ++dots;
        dotted_letters &= !next.has_digit && !seg.has_digit;
        if (next.chars > max_part) max_part = next.chars;
        digits_only &= !next.has_letter;
        seg = next;
        j = k;
        continue;
      }
      if (b == ',') {
        // Thousands separators: "84,121", "1,000,000".
        if (digits_only && starts_digit && j + 3 < n_ &&
            IsAsciiDigit(s_[j + 1]) && IsAsciiDigit(s_[j + 2]) &&
            IsAsciiDigit(s_[j + 3]) && !IsWordChar(j + 4)) {
          j += 4;
          continue;
        }
        break;
      }
      if (b == ':' || b == '/') {
        // Times and ratios: "10:30", "24/7", "9/11".
        if (digits_only && IsAsciiDigit(s_[j - 1]) && j + 1 < n_ &&
            IsAsciiDigit(s_[j + 1])) {
          Segment next;
          j = ScanAlnum(j + 1, &next);
          digits_only &= !next.has_letter;
          seg = next;
          continue;
        }
        break;
      }
      if (const int h = HyphenAt(j); h > 0) {
        if (!IsWordChar(j + h)) break;
        Segment next;
        const size_t k = ScanAlnum(j + h, &next);
        if (!JoinHyphen(seg, next)) break;
        digits_only &= !next.has_letter;
        dotted_letters = false;
        seg = next;
        j = k;
        continue;
      }
      if (const int a = ApostropheAt(j); a > 0) {
        if (!IsLetter(j + a)) break;
        // "don't" -> "do" + "n't"; a bare "n't" is handled by the caller.
        if (j - 1 > start && NotAt(j - 1) > 0)
          return Finish(start, j - 1, kind);
        if (CliticAt(j) > 0) break;  // "Russia's" -> "Russia" + "'s".
        // "O'Brien", "rock'n'roll".
        Segment next;
        j = ScanAlnum(j + a, &next);
        dotted_letters = false;
        digits_only = false;
        seg = next;
        continue;
      }
      if (b == '&') {
        // "AT&T", "S&P": all capitals on both sides.
        if (seg.has_upper && j + 1 < n_ && IsAsciiUpper(s_[j + 1])) {
          Segment next;
          j = ScanAlnum(j + 1, &next);
          dotted_letters = false;
          seg = next;
          continue;
        }
        break;
      }
      if (b == '@' || b == '_' || b == '+') {
        if (const size_t e = ScanEmail(start); e > 0) {
          *kind = TokenKind::kUrl;
          return e;
        }
        break;
      }
      break;
    }
    size_t end = j;
    // UD splits these fused forms: "gonna" -> "gon" + "na".
    if (dots == 0 && (end - start == 5 || end - start == 6) &&
        ((s_[start] | 0x20) == 'g' || (s_[start] | 0x20) == 'w' ||
         (s_[start] | 0x20) == 'c')) {
      const std::string_view w = s_.substr(start, end - start);
      static constexpr std::string_view kFused[] = {"gonna", "gotta", "wanna",
                                                    "cannot"};
      for (std::string_view f : kFused) {
        if (w.size() != f.size()) continue;
        bool same = true;
        for (size_t k = 0; k < f.size() && same; ++k) {
          same = AsciiLower(w[k]) == f[k];
        }
        if (same) return Finish(start, start + 3, kind);
      }
    }
    // The final period of an abbreviation or initial is part of the token.
    if (end < n_ && s_[end] == '.' && !starts_digit &&
        !(end + 1 < n_ && s_[end + 1] == '.')) {
      const std::string_view w = s_.substr(start, end - start);
      bool take = false;
      if (dots > 0) {
        take = dotted_letters && max_part <= 2;  // "U.S.", "e.g.", "Ph.D."
      } else if (w.size() == 1 && IsAsciiUpper(w[0])) {
        take = true;  // Initials: "J. R. R. Tolkien".
      } else {
        switch (text_internal::LookupAbbreviation(w)) {
          case AbbrevKind::kTitle:
          case AbbrevKind::kGeneral:
            take = true;
            break;
          case AbbrevKind::kNumeric: {
            size_t k = end + 1;
            while (k < n_ && (s_[k] == ' ' || s_[k] == '\t')) ++k;
            take = k < n_ && IsAsciiDigit(s_[k]);
            break;
          }
          case AbbrevKind::kNone:
            break;
        }
      }
      if (take) ++end;
    }
    return Finish(start, end, kind);
  }

  size_t Finish(size_t start, size_t end, TokenKind* kind) const {
    *kind = IsAsciiDigit(s_[start]) ? TokenKind::kNumber : TokenKind::kWord;
    return end;
  }

  // Returns the end of the token starting at `i` (not a space) and its kind.
  size_t ScanToken(size_t i, const CharAt& c, TokenKind* kind) const {
    switch (c.cls) {
      case CharClass::kLetter:
      case CharClass::kDigit: {
        if (c.cls == CharClass::kLetter && c.len == 1) {
          if (IsUrlStart(i)) {
            *kind = TokenKind::kUrl;
            return ScanUrl(i);
          }
          if (const size_t nt = (s_[i] | 0x20) == 'n' ? NotAt(i) : 0; nt > 0) {
            *kind = TokenKind::kWord;
            return i + nt;
          }
        }
        return ScanWord(i, kind);
      }
      case CharClass::kApostrophe: {
        // A clitic glued to the preceding word or number: "Russia's".
        if (prev_end_ == i && i > 0 &&
            (prev_kind_ == TokenKind::kWord ||
             prev_kind_ == TokenKind::kNumber)) {
          if (const size_t len = CliticAt(i); len > 0) {
            *kind = TokenKind::kWord;
            return i + len;
          }
        }
        *kind = TokenKind::kQuote;
        if (s_[i] == '\'' && i + 1 < n_ && s_[i + 1] == '\'') return i + 2;
        return i + c.len;
      }
      case CharClass::kQuote:
        *kind = TokenKind::kQuote;
        if (s_[i] == '`' && i + 1 < n_ && s_[i + 1] == '`') return i + 2;
        return i + c.len;
      case CharClass::kPeriod: {
        *kind = TokenKind::kPunctuation;
        size_t j = i;
        while (j < n_ && s_[j] == '.') ++j;  // "." or an ellipsis "...".
        return j;
      }
      case CharClass::kTerminal: {
        *kind = TokenKind::kPunctuation;
        size_t j = i + c.len;
        while (j < n_ && (s_[j] == '!' || s_[j] == '?')) ++j;  // "?!", "!!!"
        return j;
      }
      case CharClass::kHyphen: {
        *kind = TokenKind::kPunctuation;
        size_t j = i + c.len;
        if (s_[i] == '-') {
          while (j < n_ && s_[j] == '-') ++j;  // "--" is a dash.
        }
        return j;
      }
      case CharClass::kDash:
      case CharClass::kEllipsis:
      case CharClass::kOpen:
      case CharClass::kClose:
      case CharClass::kPunct:
        *kind = TokenKind::kPunctuation;
        return i + c.len;
      case CharClass::kSymbol: {
        *kind = TokenKind::kSymbol;
        size_t j = i + c.len;
        if (c.len > 1) j = ExtendEmoji(j);
        return j;
      }
      case CharClass::kInvalid:
      case CharClass::kSpace:
        break;
    }
    *kind = TokenKind::kSymbol;
    return i + 1;  // One invalid byte.
  }

  // Keeps an emoji sequence together: variation selectors, skin tones,
  // keycaps, and zero-width-joiner sequences ("👩‍🚒").
  size_t ExtendEmoji(size_t j) const {
    while (j < n_) {
      const CharAt c = At(j);
      if (c.cp == 0xFE0F || c.cp == 0xFE0E || c.cp == 0x20E3 ||
          (c.cp >= 0x1F3FB && c.cp <= 0x1F3FF) ||
          (c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF)) {
        j += c.len;
      } else if (c.cp == 0x200D && j + c.len < n_ &&
                 At(j + c.len).cls == CharClass::kSymbol) {
        j += c.len + At(j + c.len).len;
      } else {
        break;
      }
    }
    return j;
  }

  std::string_view s_;
  size_t n_;
  size_t prev_end_ = std::numeric_limits<size_t>::max();
  TokenKind prev_kind_ = TokenKind::kPunctuation;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  // Offsets are 32-bit; readers cap documents far below 4 GiB.
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max());
  }
  return Tokenizer(text).Run();
}

}  // namespace entente
