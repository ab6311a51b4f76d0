#include "corpus/conllu.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "util/strings.h"

namespace entente {
namespace {

bool ParseInt(std::string_view s, int* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string_view CommentValue(std::string_view line, std::string_view key) {
  // "# key = value"
  std::string_view rest = line.substr(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.substr(0, key.size()) != key) return {};
  rest.remove_prefix(key.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '=') return {};
  rest.remove_prefix(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

bool HasSpaceAfterNo(std::string_view misc) {
  size_t pos = misc.find("SpaceAfter=No");
  return pos != std::string_view::npos;
}

}  // namespace

StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view content,
                                                  std::string_view name) {
  std::vector<ConlluSentence> sentences;
  ConlluSentence current;
  bool pending_doc = false, pending_par = false;
  // Multiword token awaiting its last word: its range and SpaceAfter.
  int mwt_last = -1;
  size_t line_no = 0;
  size_t pos = 0;
  auto error = [&](const std::string& what) {
    return InvalidArgumentError(std::string(name) + ":" +
                                std::to_string(line_no) + ": " + what);
  };
  auto flush = [&] {
    if (current.words.empty()) return;
    sentences.push_back(std::move(current));
    current = ConlluSentence();
    mwt_last = -1;
  };
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      if (nl == content.size()) break;
      continue;
    }
    if (line.front() == '#') {
      if (line.rfind("# newdoc", 0) == 0) pending_doc = pending_par = true;
      if (line.rfind("# newpar", 0) == 0 &&
          (line.size() == 8 || line[8] == ' ')) {
        pending_par = true;
      }
      if (auto v = CommentValue(line, "sent_id"); !v.empty()) {
        current.id = std::string(v);
      }
      if (auto v = CommentValue(line, "text"); !v.empty()) {
        current.text = std::string(v);
      }
      continue;
    }
    auto fields = SplitFields(line, '\t');
    if (fields.size() != 10) {
      return error("expected 10 tab-separated columns, found " +
                   std::to_string(fields.size()));
    }
    if (current.words.empty() && current.tokens.empty()) {
      current.new_document = pending_doc;
      current.new_paragraph = pending_par;
      pending_doc = pending_par = false;
    }
    std::string_view id = fields[0];
    if (id.find('.') != std::string_view::npos) continue;  // Empty node.
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      int first, last;
      if (!ParseInt(id.substr(0, dash), &first) ||
          !ParseInt(id.substr(dash + 1), &last) || last < first) {
        return error("bad multiword token range '" + std::string(id) + "'");
      }
      // The range covers the words that follow it ("3-4" before word 3).
      if (first != static_cast<int>(current.words.size()) + 1) {
        return error("multiword token range '" + std::string(id) +
                     "' does not start at the next word");
      }
      ConlluToken token;
      token.form = std::string(fields[1]);
      token.first_word = first - 1;
      token.last_word = last - 1;
      token.space_after = !HasSpaceAfterNo(fields[9]);
      current.tokens.push_back(std::move(token));
      mwt_last = last - 1;
      continue;
    }
    int index, head = 0;
    if (!ParseInt(id, &index) ||
        index != static_cast<int>(current.words.size()) + 1) {
      return error("word id '" + std::string(id) + "' out of sequence");
    }
    if (fields[6] != "_" && !ParseInt(fields[6], &head)) {
      return error("bad head '" + std::string(fields[6]) + "'");
    }
    ConlluWord word;
    word.form = std::string(fields[1]);
    word.lemma = std::string(fields[2]);
    word.upos = std::string(fields[3]);
    word.xpos = std::string(fields[4]);
    word.feats = std::string(fields[5]);
    word.head = head;
    word.deprel = std::string(fields[7]);
    word.misc = std::string(fields[9]);
    int w = index - 1;
    current.words.push_back(std::move(word));
    if (mwt_last >= w) {
      if (mwt_last == w) mwt_last = -1;
      continue;  // Covered by a multiword token.
    }
    ConlluToken token;
    token.form = current.words.back().form;
    token.first_word = token.last_word = w;
    token.space_after = !HasSpaceAfterNo(current.words.back().misc);
    current.tokens.push_back(std::move(token));
  }
  flush();
  for (const auto& s : sentences) {
    if (!s.tokens.empty() &&
        s.tokens.back().last_word >= static_cast<int>(s.words.size())) {
      return InvalidArgumentError(std::string(name) + ": sentence " + s.id +
                                  ": multiword token range past its words");
    }
    for (const auto& w : s.words) {
      if (w.head < 0 || w.head > static_cast<int>(s.words.size())) {
        return InvalidArgumentError(std::string(name) + ": sentence " + s.id +
                                    ": head out of range");
      }
    }
  }
  return sentences;
}

StatusOr<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return ParseConllu(buffer.str(), path);
}

}  // namespace entente
