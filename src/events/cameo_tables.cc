#include "events/cameo_tables.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "util/strings.h"

namespace entente::events {
namespace {

std::string_view Trim(std::string_view s) { return TrimChars(s); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits on spaces or commas, dropping empty words.
std::vector<std::string> Words(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (std::string_view w : SplitFields(s, sep)) {
    w = Trim(w);
    if (!w.empty() && w != "-") out.push_back(Lower(w));
  }
  return out;
}

// Calls `row(line_number, fields)` for every non-comment, non-blank line.
template <typename Fn>
Status ForEachRow(std::string_view content, std::string_view name, Fn row) {
  return ForEachLine(content, [&](size_t line_no, std::string_view line) {
    if (Trim(line).empty() || line.front() == '#') return Status::Ok();
    Status s = row(static_cast<int>(line_no), SplitFields(line, '\t'));
    if (s.ok()) return s;
    return InvalidArgumentError(std::string(name) + ":" +
                                std::to_string(line_no) + ": " + s.message());
  });
}

bool IsCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Status ParseCodes(std::string_view content, std::string_view name,
                  Tables* tables) {
  return ForEachRow(
      content, name,
      [&](int, const std::vector<std::string_view>& f) -> Status {
        if (f.size() != 4) return InvalidArgumentError("expected 4 columns");
        CameoCode c;
        c.code = std::string(Trim(f[0]));
        if (!IsCode(c.code)) {
          return InvalidArgumentError("bad CAMEO code '" + c.code + "'");
        }
        c.description = std::string(Trim(f[1]));
        std::string g(Trim(f[2]));
        char* end = nullptr;
        c.goldstein = std::strtod(g.c_str(), &end);
        if (g.empty() || *end != '\0' || c.goldstein < -10 ||
            c.goldstein > 10) {
          return InvalidArgumentError("bad Goldstein score '" + g + "'");
        }
        std::string_view q = Trim(f[3]);
        if (q.size() != 1 || q[0] < '1' || q[0] > '4') {
          return InvalidArgumentError("bad QuadClass '" + std::string(q) + "'");
        }
        c.quad_class = q[0] - '0';
        if (!tables->codes.emplace(c.code, c).second) {
          return InvalidArgumentError("duplicate code " + c.code);
        }
        return Status::Ok();
      });
}

Status ParseLexicon(std::string_view content, std::string_view name,
                    Tables* tables) {
  return ForEachRow(
      content, name,
      [&](int line, const std::vector<std::string_view>& f) -> Status {
        // A seventh column may hold a comment (the generated WordNet rows
        // name the word they were expanded from).
        if (f.size() != 6 &&
            !(f.size() == 7 && Trim(f[6]).substr(0, 1) == "#")) {
          return InvalidArgumentError("expected 6 columns");
        }
        Pattern p;
        p.line = line;
        p.code = std::string(Trim(f[0]));
        if (!tables->codes.count(p.code)) {
          return InvalidArgumentError("unknown CAMEO code '" + p.code + "'");
        }
        std::string_view kind = Trim(f[1]);
        if (kind == "noun") {
          p.noun = true;
        } else if (kind != "verb") {
          return InvalidArgumentError("kind must be verb or noun, not '" +
                                      std::string(kind) + "'");
        }
        std::vector<std::string> trigger = Words(f[2], ' ');
        if (trigger.empty()) return InvalidArgumentError("empty trigger");
        if (p.noun) {
          // "telephone conversation": the head is the last word.
          p.lemma = trigger.back();
          trigger.pop_back();
          p.extra = std::move(trigger);
        } else {
          // "crack down": the verb is the first word, then its particle.
          p.lemma = trigger.front();
          p.extra.assign(trigger.begin() + 1, trigger.end());
        }
        p.objects = Words(f[3], ',');
        if (p.noun && !p.objects.empty()) {
          return InvalidArgumentError("nouns take no object column");
        }
        p.target = Words(f[4], ' ');
        std::string_view flags = Trim(f[5]);
        if (flags == "sym") {
          p.symmetric = true;
        } else if (flags == "exp") {
          p.experiencer = true;
        } else if (flags != "-" && !flags.empty()) {
          return InvalidArgumentError("unknown flags '" + std::string(flags) +
                                      "'");
        }
        auto& map = p.noun ? tables->nouns : tables->verbs;
        std::string key = p.lemma;
        map[key].push_back(std::move(p));
        return Status::Ok();
      });
}

Status ParseModality(std::string_view content, std::string_view name,
                     Tables* tables) {
  static const std::pair<std::string_view, ModalClass> kClasses[] = {
      {"intent", ModalClass::kIntent},
      {"threat", ModalClass::kThreat},
      {"refuse", ModalClass::kRefuse},
      {"demand", ModalClass::kDemand},
      {"hypothetical", ModalClass::kHypothetical},
      {"negate", ModalClass::kNegate},
      {"speech", ModalClass::kSpeech},
  };
  return ForEachRow(
      content, name,
      [&](int, const std::vector<std::string_view>& f) -> Status {
        if (f.size() != 2) return InvalidArgumentError("expected 2 columns");
        std::string_view cls = Trim(f[1]);
        for (const auto& [label, value] : kClasses) {
          if (cls == label) {
            tables->modality[Lower(Trim(f[0]))] = value;
            return Status::Ok();
          }
        }
        return InvalidArgumentError("unknown class '" + std::string(cls) + "'");
      });
}

std::string_view WordNetLexicon() {
  return std::string_view(internal::kCameoWordNetLexicon,
                          internal::kCameoWordNetLexiconSize);
}

Status LoadTables(const std::string& dir, Tables* tables) {
  auto read = [&](const char* file, std::string* out) -> Status {
    std::string path = dir + "/" + file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return NotFoundError(path +
                           ": cannot open (set ENTENTE_DATA to the "
                           "directory holding the event tables)");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return Status::Ok();
  };
  std::string codes, lexicon, modality;
  ENTENTE_RETURN_IF_ERROR(read("cameo_codes.tsv", &codes));
  ENTENTE_RETURN_IF_ERROR(read("cameo_lexicon.tsv", &lexicon));
  ENTENTE_RETURN_IF_ERROR(read("cameo_modality.tsv", &modality));
  ENTENTE_RETURN_IF_ERROR(ParseCodes(codes, dir + "/cameo_codes.tsv", tables));
  // The team's rows first: within a lemma, file order breaks ties.
  ENTENTE_RETURN_IF_ERROR(
      ParseLexicon(lexicon, dir + "/cameo_lexicon.tsv", tables));
  ENTENTE_RETURN_IF_ERROR(ParseLexicon(
      WordNetLexicon(), "cameo_lexicon_wordnet.tsv (generated)", tables));
  ENTENTE_RETURN_IF_ERROR(
      ParseModality(modality, dir + "/cameo_modality.tsv", tables));
  return Status::Ok();
}

}  // namespace entente::events
