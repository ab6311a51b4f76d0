// Rule-based sentence splitting over tokens.
//
// Abbreviations and initials keep their period inside the token (see the
// tokenizer), so a standalone ".", "!", "?" or ellipsis is a candidate end;
// whether it ends the sentence depends on what follows: a lower-case word or
// a comma continues it ("“Go!” he said").
#include <string_view>
#include <vector>

#include "entente/text.h"
#include "text/abbreviations.h"

namespace entente {
namespace {

using text_internal::AbbrevKind;

constexpr uint32_t kShortWord = 3;

class Splitter {
 public:
  Splitter(std::string_view text, const std::vector<Token>& tokens)
      : s_(text), t_(tokens) {}

  std::vector<Sentence> Run() {
    std::vector<Sentence> out;
    const size_t n = t_.size();
    if (n == 0) return out;
    out.reserve(n / 20 + 1);
    size_t first = 0;
    auto close = [&](size_t end_token) {
      Sentence sentence;
      sentence.start = t_[first].start;
      sentence.end = t_[end_token - 1].end;
      sentence.first_token = static_cast<uint32_t>(first);
      sentence.end_token = static_cast<uint32_t>(end_token);
      out.push_back(sentence);
      first = end_token;
    };
    size_t i = 0;
    while (i < n) {
      if (i > first && (t_[i].paragraph_before ||
                        (t_[i].newline_before && EndsHeadline(first, i)))) {
        close(i);
      }
      if (IsTerminal(i) && !IsElision(i)) {
        size_t k = i + 1;
        // Closing quotes and brackets glued to the terminal belong to the
        // sentence: `peace.”`, `(sic.)`, `?!"`.
        while (k < n && t_[k].start == t_[k - 1].end &&
               (IsCloser(k) || IsTerminal(k))) {
          ++k;
        }
        // Wikipedia-style citation marks after the period: ". [17]".
        while (k + 2 < n && !t_[k].newline_before && IsChar(k, '[') &&
               t_[k + 1].kind == TokenKind::kNumber && IsChar(k + 2, ']')) {
          k += 3;
        }
        if (k < n && !t_[k].paragraph_before &&
            (OpensSentence(k) || (k == i + 1 && ContinuesLowerCase(i, k)))) {
          close(k);
        }
        i = k;
        continue;
      }
      if (i + 1 < n && !t_[i + 1].paragraph_before && EndsAbbreviation(i) &&
          (text_internal::IsSentenceStarter(Text(i + 1)) ||
           (t_[i + 1].newline_before && OpensSentence(i + 1)))) {
        close(i + 1);
      }
      ++i;
    }
    if (first < n) close(n);
    return out;
  }

 private:
  std::string_view Text(size_t i) const {
    return s_.substr(t_[i].start, t_[i].end - t_[i].start);
  }

  bool IsChar(size_t i, char c) const {
    return t_[i].end - t_[i].start == 1 && s_[t_[i].start] == c;
  }

  // ".", "!", "?", "?!", "...", "…" and full-width forms.
  bool IsTerminal(size_t i) const {
    if (t_[i].kind != TokenKind::kPunctuation) return false;
    const char c = s_[t_[i].start];
    if (c == '.' || c == '!' || c == '?') return true;
    if (static_cast<unsigned char>(c) < 0x80) return false;
    const std::string_view w = Text(i);
    return w == "\xE2\x80\xA6" || w == "\xE3\x80\x82" || w == "\xEF\xBC\x81" ||
           w == "\xEF\xBC\x9F" || w == "\xE2\x80\xBC" || w == "\xE2\x81\x89";
  }

  // An ellipsis in brackets, "[...]" or "(…)", marks words left out of a
  // quotation, not the end of a sentence.
  bool IsElision(size_t i) const {
    return i > 0 && i + 1 < t_.size() &&
           (IsChar(i - 1, '[') || IsChar(i - 1, '(')) &&
           (IsChar(i + 1, ']') || IsChar(i + 1, ')')) &&
           s_[t_[i].start] != '!' && s_[t_[i].start] != '?' &&
           t_[i].end - t_[i].start > 1;
  }

  // Closing quotation marks and brackets.
  bool IsCloser(size_t i) const {
    if (t_[i].kind == TokenKind::kWord || t_[i].kind == TokenKind::kNumber) {
      return false;
    }
    const std::string_view w = Text(i);
    if (t_[i].kind == TokenKind::kQuote) {
      // Opening curly/angle quotes never close a sentence.
      return w != "\xE2\x80\x9C" && w != "\xE2\x80\x98" && w != "\xC2\xAB" &&
             w != "\xE2\x80\xB9" && w != "\xE2\x80\x9E" && w != "``";
    }
    return w == ")" || w == "]" || w == "}";
  }

  // Whether token `i` can open a sentence after a candidate end: anything
  // but a lower-case word or punctuation that continues the sentence.
  bool OpensSentence(size_t i) const {
    const std::string_view w = Text(i);
    const char c = w[0];
    if (c >= 'a' && c <= 'z') return false;
    if (t_[i].kind == TokenKind::kPunctuation) {
      return c == '(' || c == '[' || c == '-' ||
             static_cast<unsigned char>(c) >= 0x80;  // Dashes, bullets.
    }
    if (t_[i].kind == TokenKind::kQuote) return !IsClosingOnly(w);
    return true;
  }

  static bool IsClosingOnly(std::string_view w) {
    return w == "\xE2\x80\x9D" || w == "\xC2\xBB" || w == "''";
  }

  // A lower-case word after an unquoted terminal still opens a sentence in
  // informal text ("Really? why not"), but not after an ellipsis or a
  // period that may belong to an unlisted abbreviation ("approx. ten").
  bool ContinuesLowerCase(size_t terminal, size_t next) const {
    const std::string_view w = Text(next);
    if (w[0] < 'a' || w[0] > 'z' || t_[next].kind != TokenKind::kWord) {
      return false;
    }
    const std::string_view p = Text(terminal);
    if (p == "." && terminal > 0) {
      if (t_[terminal - 1].kind != TokenKind::kWord) return false;
      if (t_[terminal - 1].end - t_[terminal - 1].start <= kShortWord)
        return false;
      return true;
    }
    return p == "?" || p == "!";
  }

  // "U.S.", "Inc.", "etc.": an abbreviation that may also end a sentence.
  bool EndsAbbreviation(size_t i) const {
    if (t_[i].kind != TokenKind::kWord || s_[t_[i].end - 1] != '.') {
      return false;
    }
    const std::string_view w = Text(i);
    if (w.size() < 3) return false;
    const std::string_view stem = w.substr(0, w.size() - 1);
    if (stem.find('.') != std::string_view::npos) return true;
    return text_internal::LookupAbbreviation(stem) == AbbrevKind::kGeneral;
  }

  // A line break before token `i` ends a headline or dateline: the current
  // sentence began at the start of a line, the line has no final
  // punctuation or trailing connector, and the next line does not continue
  // in lower case (as hard-wrapped prose does).
  bool EndsHeadline(size_t first, size_t i) const {
    if (first > 0 && !t_[first].newline_before) return false;
    const size_t last = i - 1;
    if (IsTerminal(last)) return false;  // Decided by the terminal rule.
    const std::string_view prev = Text(last);
    if (t_[last].kind == TokenKind::kPunctuation) {
      const char c = prev[0];
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == '[' ||
          c == '-' || static_cast<unsigned char>(c) >= 0x80) {
        return false;
      }
    }
    if (prev == "&" || prev == "/" || IsFunctionWord(prev)) return false;
    return OpensSentence(i);
  }

  // Words a headline does not end with but wrapped prose often does.
  static bool IsFunctionWord(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "a",    "an",   "and",   "as",    "at",   "but",   "by",    "for",
        "from", "her",  "his",   "in",    "into", "its",   "nor",   "of",
        "on",   "or",   "our",   "than",  "that", "the",   "their", "to",
        "with", "was",  "were",  "is",    "are",  "be",    "has",   "have",
        "had",  "will", "would", "which", "who",  "whose", "this",  "these"};
    for (std::string_view f : kWords) {
      if (w == f) return true;
    }
    return false;
  }

  std::string_view s_;
  const std::vector<Token>& t_;
};

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text,
                                     const std::vector<Token>& tokens) {
  return Splitter(text, tokens).Run();
}

}  // namespace entente
