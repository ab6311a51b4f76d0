#include <cstdlib>
#include <filesystem>

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
    words.clear();
    for (uint32_t t = first; t < end; ++t) words.push_back(word(t));
    AnalyzeWords(words, &result);
    for (uint32_t t = first; t < end; ++t) {
      TokenSyntax& r = result[t - first];
      if (r.head >= 0) r.head += static_cast<int>(first);
      (*out)[t] = std::move(r);
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
