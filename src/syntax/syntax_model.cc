#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "entente/syntax.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace entente {

struct SyntaxModel::Impl {
  syntax::Tagger tagger;
  syntax::Parser parser;
};

SyntaxModel::SyntaxModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SyntaxModel::~SyntaxModel() = default;

std::string SyntaxModel::DefaultModelsDir() {
  if (const char* env = std::getenv("ENTENTE_MODELS"); env && *env) return env;
  return std::string(ENTENTE_SOURCE_DIR) + "/models";
}

StatusOr<std::shared_ptr<const SyntaxModel>> SyntaxModel::Load(
    const std::string& models_dir) {
  std::string dir = models_dir.empty() ? DefaultModelsDir() : models_dir;
  auto tagger = syntax::Tagger::Load(dir + "/tagger.bin");
  if (!tagger.ok()) return tagger.status();
  auto parser = syntax::Parser::Load(dir + "/parser.bin");
  if (!parser.ok()) return parser.status();
  auto impl = std::make_unique<Impl>(
      Impl{std::move(tagger).value(), std::move(parser).value()});
  return std::shared_ptr<const SyntaxModel>(new SyntaxModel(std::move(impl)));
}

void SyntaxModel::TagWords(const std::vector<std::string_view>& words,
                           std::vector<TokenSyntax>* out) const {
  std::vector<syntax::WordTags> tags;
  impl_->tagger.Tag(words, &tags);
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    TokenSyntax& t = (*out)[i];
    t.lemma = std::move(tags[i].lemma);
    t.upos = std::move(tags[i].upos);
    t.xpos = std::move(tags[i].xpos);
    t.feats = std::move(tags[i].feats);
    t.head = -1;
    t.deprel.clear();
  }
}

void SyntaxModel::AnalyzeWords(const std::vector<std::string_view>& words,
                               std::vector<TokenSyntax>* out) const {
  TagWords(words, out);
  std::vector<syntax::ParserWord> parser_words(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    parser_words[i] = {words[i], (*out)[i].upos, (*out)[i].xpos};
  }
  std::vector<int> heads, labels;
  impl_->parser.Parse(parser_words, &heads, &labels);
  const auto& names = impl_->parser.label_names();
  for (size_t i = 0; i < words.size(); ++i) {
    (*out)[i].head = heads[i];
    (*out)[i].deprel = names[labels[i]];
  }
}

namespace {

std::string_view TokenText(std::string_view text, const Token& tok) {
  if (tok.start > tok.end || tok.end > text.size()) return {};
  return text.substr(tok.start, tok.end - tok.start);
}

bool StartsWithLetter(std::string_view w) {
  return !w.empty() && std::isalpha(static_cast<unsigned char>(w[0]));
}

bool IsQuoteMark(std::string_view w) {
  return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D";
}

// True if token t is the "#" of a hashtag: a lone "#" glued to the word
// after it, within the sentence's tokens [.., end).
bool IsHashMark(std::string_view text, const std::vector<Token>& tokens,
                uint32_t t, uint32_t end) {
  if (t + 1 >= end || TokenText(text, tokens[t]) != "#") return false;
  return tokens[t + 1].start == tokens[t].end &&
         StartsWithLetter(TokenText(text, tokens[t + 1]));
}

// True if token t is a quotation mark around a single word glued to both
// marks, a scare quote (had "unintentionally" shot down), within the
// sentence's tokens [first, end).
bool IsScareQuote(std::string_view text, const std::vector<Token>& tokens,
                  uint32_t t, uint32_t first, uint32_t end) {
  if (!IsQuoteMark(TokenText(text, tokens[t]))) return false;
  auto around = [&](uint32_t open) {
    return open >= first && open + 2 < end &&
           IsQuoteMark(TokenText(text, tokens[open])) &&
           IsQuoteMark(TokenText(text, tokens[open + 2])) &&
           tokens[open + 1].start == tokens[open].end &&
           tokens[open + 2].start == tokens[open + 1].end &&
           StartsWithLetter(TokenText(text, tokens[open + 1]));
  };
  return around(t) || (t >= first + 2 && around(t - 2));
}

}  // namespace

void SyntaxModel::Analyze(std::string_view text,
                          const std::vector<Token>& tokens,
                          const std::vector<Sentence>& sentences,
                          std::vector<TokenSyntax>* out) const {
  out->assign(tokens.size(), TokenSyntax());
  std::vector<bool> covered(tokens.size(), false);
  std::vector<std::string_view> words;
  std::vector<TokenSyntax> result;
  auto word = [&](uint32_t t) {
    const Token& tok = tokens[t];
    if (tok.start > tok.end || tok.end > text.size()) return std::string_view();
    return text.substr(tok.start, tok.end - tok.start);
  };
  for (const Sentence& s : sentences) {
    uint32_t first = s.first_token;
    uint32_t end = std::min<uint32_t>(s.end_token, tokens.size());
    if (first >= end) continue;
    // The "#" of a hashtag ("#US", "#Iran") is no word: the models never
    // saw one, and it breaks the parse of the tweet around it. The parser
    // reads the tagged word alone; the "#" hangs on it.
    words.clear();
    std::vector<uint32_t> kept;
    for (uint32_t t = first; t < end; ++t) {
      if (IsHashMark(text, tokens, t, end) ||
          IsScareQuote(text, tokens, t, first, end)) {
        continue;
      }
      kept.push_back(t);
      words.push_back(word(t));
    }
    AnalyzeWords(words, &result);
    for (size_t i = 0; i < kept.size(); ++i) {
      TokenSyntax& r = result[i];
      if (r.head >= 0) r.head = static_cast<int>(kept[r.head]);
      (*out)[kept[i]] = std::move(r);
      covered[kept[i]] = true;
    }
    for (uint32_t t = first; t < end; ++t) {
      if (covered[t]) continue;
      TokenSyntax& r = (*out)[t];
      r.lemma = std::string(word(t));
      if (r.lemma == "#") {
        r.upos = "SYM";
        r.xpos = "NN";
        r.head = static_cast<int>(t + 1);
        r.deprel = "dep";
      } else {
        // A scare quote hangs on the word it marks, before or after it.
        const bool opening = t + 1 < end &&
                             tokens[t + 1].start == tokens[t].end &&
                             StartsWithLetter(word(t + 1));
        r.upos = "PUNCT";
        r.xpos = opening ? "``" : "''";
        r.head = static_cast<int>(opening ? t + 1 : t - 1);
        r.deprel = "punct";
      }
      covered[t] = true;
    }
  }
  // Tokens outside sentences: tag each maximal run as its own sentence.
  for (uint32_t t = 0; t < tokens.size();) {
    if (covered[t]) {
      ++t;
      continue;
    }
    uint32_t end = t;
    words.clear();
    while (end < tokens.size() && !covered[end]) words.push_back(word(end++));
    TagWords(words, &result);
    for (uint32_t i = t; i < end; ++i) (*out)[i] = std::move(result[i - t]);
    t = end;
  }
}

}  // namespace entente
