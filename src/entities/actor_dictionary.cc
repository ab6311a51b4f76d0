#include "entities/actor_dictionary.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "util/strings.h"

namespace entente {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Strip(std::string_view s) { return TrimChars(s, " \t\r"); }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// A TABARI date: YYMMDD (six or seven characters, as the reference reader
// reads them: the first six count; YY <= 30 is 20YY) or YYYYMMDD (the first
// eight digits). Returns 0 and sets *error when malformed.
int32_t ParseDictionaryDate(std::string_view s, std::string* error) {
  if (!AllDigits(s) || s.size() < 6) {
    *error = "date '" + std::string(s) + "' is not YYMMDD or YYYYMMDD";
    return 0;
  }
  int year, month, day;
  if (s.size() <= 7) {
    const int yy = std::stoi(std::string(s.substr(0, 2)));
    year = yy <= 30 ? 2000 + yy : 1900 + yy;
    month = std::stoi(std::string(s.substr(2, 2)));
    day = std::stoi(std::string(s.substr(4, 2)));
  } else {
    year = std::stoi(std::string(s.substr(0, 4)));
    month = std::stoi(std::string(s.substr(4, 2)));
    day = std::stoi(std::string(s.substr(6, 2)));
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    *error = "date '" + std::string(s) + "' has no such month or day";
    return 0;
  }
  return year * 10000 + month * 100 + day;
}

// The period part of a code: "", "<d", ">d", "d1-d2" or "d".
bool ParseSpan(std::string_view spec, DatedCode* code, std::string* error) {
  if (spec.empty()) {
    code->span = DatedCode::Span::kAlways;
    return true;
  }
  if (spec[0] == '<' || spec[0] == '>') {
    code->span =
        spec[0] == '<' ? DatedCode::Span::kBefore : DatedCode::Span::kFrom;
    const int32_t d = ParseDictionaryDate(spec.substr(1), error);
    (spec[0] == '<' ? code->to : code->from) = d;
    return d != 0;
  }
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos) {
    code->span = DatedCode::Span::kFrom;
    code->from = ParseDictionaryDate(spec, error);
    return code->from != 0;
  }
  code->span = DatedCode::Span::kRange;
  code->from = ParseDictionaryDate(spec.substr(0, dash), error);
  if (code->from == 0) return false;
  code->to = ParseDictionaryDate(spec.substr(dash + 1), error);
  return code->to != 0;
}

bool ValidCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '/' || c == '~' || c == '-' ||
         c == '+' || c == '#' || c == '_';
}

// Parses every "[CODE spec]" group in `s` (nothing else but spaces between
// them, except notes after the codes of a primary line). Date lines join all
// the tokens after the code ("> 140608"); inline codes on a primary line read
// only the first (the reference reader's behaviour).
bool ParseCodes(std::string_view s, bool join_tokens,
                std::vector<DatedCode>* out, std::string* error) {
  s = Strip(s);
  while (!s.empty()) {
    // Primary lines of company lists carry notes after the codes
    // ("[MNCMED]<TAB>Newspapers/Magazines"), which the reference ignores.
    if (s[0] != '[' && !join_tokens && !out->empty()) break;
    if (s[0] != '[') {
      *error = "expected '[CODE ...]', found '" + std::string(s) + "'";
      return false;
    }
    const size_t close = s.find(']');
    if (close == std::string_view::npos) {
      *error = "'[' without a closing ']'";
      return false;
    }
    std::string_view inner = Strip(s.substr(1, close - 1));
    s = Strip(s.substr(close + 1));
    size_t cut = 0;
    while (cut < inner.size() && !IsSpace(inner[cut])) ++cut;
    DatedCode code;
    code.code = std::string(inner.substr(0, cut));
    if (code.code.empty()) {
      *error = "empty code in '[...]'";
      return false;
    }
    for (char& c : code.code) {
      if (!ValidCodeChar(c)) {
        *error = "code '" + code.code + "' has a character that is not a " +
                 "letter, digit or one of / ~ - + # _";
        return false;
      }
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    std::string spec;
    std::string_view rest = Strip(inner.substr(cut));
    if (join_tokens) {
      for (char c : rest) {
        if (!IsSpace(c)) spec.push_back(c);
      }
    } else {
      size_t end = 0;
      while (end < rest.size() && !IsSpace(rest[end])) ++end;
      spec = std::string(rest.substr(0, end));
    }
    if (!ParseSpan(spec, &code, error)) return false;
    out->push_back(std::move(code));
  }
  return true;
}

// The primary line's phrase and inline-code part (FORMATS.md §3.2).
void SplitPrimary(std::string_view line, std::string_view* phrase,
                  std::string_view* codes) {
  std::vector<std::string_view> fields;
  for (std::string_view f : SplitFields(line, '\t')) {
    f = Strip(f);
    if (!f.empty()) fields.push_back(f);
  }
  if (fields.size() == 1) {
    fields.clear();
    size_t p = 0;
    while (p < line.size()) {
      while (p < line.size() && IsSpace(line[p])) ++p;
      size_t q = p;
      while (q < line.size() && !IsSpace(line[q])) ++q;
      if (q > p) fields.push_back(line.substr(p, q - p));
      p = q;
    }
  }
  *codes = {};
  if (fields.size() <= 1) {
    *phrase = line;
  } else if (fields.size() == 2 && fields[1][0] == '[') {
    *phrase = fields[0];
    *codes = line.substr(fields[1].data() - line.data());
  } else if (const size_t bracket = line.find('[');
             bracket != std::string_view::npos) {
    *phrase = Strip(line.substr(0, bracket));
    *codes = line.substr(bracket);
  } else {
    *phrase = line;
  }
}

}  // namespace

bool DatedCode::AppliesOn(int32_t date) const {
  switch (span) {
    case Span::kAlways:
      return true;
    case Span::kBefore:
      return date != 0 && date < to;
    case Span::kFrom:
      return date != 0 && date >= from;
    case Span::kRange:
      return date != 0 && from <= date && date < to;
  }
  return false;
}

std::string_view ActorDictionaryEntry::CodeOn(int32_t date) const {
  for (const DatedCode& c : codes) {
    if (c.span != DatedCode::Span::kAlways && c.AppliesOn(date)) return c.code;
  }
  for (const DatedCode& c : codes) {
    if (c.span == DatedCode::Span::kAlways) return c.code;
  }
  return {};
}

std::string ActorDictionary::NormalizeKey(std::string_view phrase) {
  std::string out;
  out.reserve(phrase.size());
  bool space = false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    char c = phrase[i];
    if (c == '_' || c == '-' || IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    // U+2018/U+2019 as a straight apostrophe.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < phrase.size() &&
        static_cast<unsigned char>(phrase[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(phrase[i + 2]) == 0x98 ||
         static_cast<unsigned char>(phrase[i + 2]) == 0x99)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out.push_back(c);
  }
  return out;
}

void ActorDictionary::Add(const std::string& key, const std::string& name,
                          const std::vector<DatedCode>& codes) {
  if (key.empty()) return;
  auto [it, inserted] = entries_.try_emplace(key);
  if (inserted) {
    it->second.name = name;
    first_words_.emplace(key.substr(0, key.find(' ')));
    max_words_ =
        std::max(max_words_,
                 1 + static_cast<int>(std::count(key.begin(), key.end(), ' ')));
  }
  it->second.codes.insert(it->second.codes.end(), codes.begin(), codes.end());
}

StatusOr<ActorDictionary> ActorDictionary::Parse(std::string_view text,
                                                 std::string_view origin) {
  ActorDictionary dict;
  std::vector<std::string> phrases;  // The current record's keys.
  std::string name;
  std::vector<DatedCode> codes;
  auto flush = [&] {
    for (const std::string& key : phrases) dict.Add(key, name, codes);
    phrases.clear();
    codes.clear();
  };
  bool in_comment = false;  // Inside an unclosed mid-line "<!--".
  Status status =
      ForEachLine(text, [&](size_t line_no, std::string_view line) -> Status {
        auto fail = [&](const std::string& what) {
          return DataLossError(std::string(origin) + ":" +
                               std::to_string(line_no) + ": " + what);
        };
        if (in_comment) {
          // The closing line is skipped too, as the reference reader does.
          if (line.find("-->") != std::string_view::npos) in_comment = false;
          return Status::Ok();
        }
        if (line.empty() || line[0] == '#' || line.starts_with("<!")) {
          return Status::Ok();
        }
        line = line.substr(0, line.find('#'));
        std::string cleaned;
        for (size_t open;
             (open = line.find("<!--")) != std::string_view::npos;) {
          const size_t close = line.find("-->", open + 4);
          cleaned += line.substr(0, open);
          if (close == std::string_view::npos) {
            in_comment = true;
            line = {};
            break;
          }
          line = line.substr(close + 3);
        }
        cleaned += line;
        const std::string_view l = Strip(cleaned);
        if (l.empty()) return Status::Ok();
        std::string error;
        if (l[0] == '+') {
          if (phrases.empty()) {
            return fail("synonym '" + std::string(l) +
                        "' before any actor phrase");
          }
          std::string_view phrase = l.substr(1);
          std::string_view inline_codes;
          if (const size_t b = phrase.find('['); b != std::string_view::npos) {
            inline_codes = phrase.substr(b);
            phrase = phrase.substr(0, b);
          }
          const std::string key = NormalizeKey(phrase);
          if (key.empty()) return fail("empty synonym '+'");
          if (!inline_codes.empty() &&
              !ParseCodes(inline_codes, false, &codes, &error)) {
            return fail(error);
          }
          phrases.push_back(key);
          return Status::Ok();
        }
        if (l[0] == '[') {
          if (phrases.empty()) {
            return fail("code line '" + std::string(l) +
                        "' before any actor phrase");
          }
          if (!ParseCodes(l, true, &codes, &error)) return fail(error);
          return Status::Ok();
        }
        flush();
        std::string_view phrase, inline_codes;
        SplitPrimary(l, &phrase, &inline_codes);
        const std::string key = NormalizeKey(phrase);
        if (key.empty()) return fail("actor line without a phrase");
        if (!inline_codes.empty() &&
            !ParseCodes(inline_codes, false, &codes, &error)) {
          return fail(error);
        }
        phrases.push_back(key);
        name = key;
        return Status::Ok();
      });
  if (!status.ok()) return status;
  if (in_comment) {
    return DataLossError(std::string(origin) +
                         ": '<!--' comment not closed by the end of the file");
  }
  flush();  // The reference reader drops the last record; we keep it.
  return dict;
}

StatusOr<ActorDictionary> ActorDictionary::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open actor dictionary " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read actor dictionary " + path);
  return Parse(buffer.str(), path);
}

void ActorDictionary::Merge(const ActorDictionary& other) {
  for (const auto& [key, entry] : other.entries_) {
    Add(key, entry.name, entry.codes);
  }
}

const ActorDictionaryEntry* ActorDictionary::Find(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

int32_t IsoDateToInt(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return 0;
  std::string digits;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return 0;
    digits.push_back(iso[i]);
  }
  return std::stoi(digits);
}

}  // namespace entente
