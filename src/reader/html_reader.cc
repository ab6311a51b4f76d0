// HTML pages: gumbo builds the tree (and decodes entities); we pick the
// article's container, drop page furniture and turn block elements into
// paragraphs separated by blank lines, which the sentence splitter treats as
// hard boundaries.
//
// Every walk over the tree is iterative: pages nest deeply enough (and
// hostile ones arbitrarily deep) to overflow the stack otherwise.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/reader.h"
#include "reader/reader_internal.h"

namespace entente {
namespace {

// JSON-LD graphs are shallow; a bound keeps a hostile one from recursing.
constexpr int kMaxJsonLdDepth = 16;

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT;
}

const char* Attr(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return nullptr;
  const GumboAttribute* attr =
      gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? attr->value : nullptr;
}

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// gumbo checks the stack of open elements on every tag, so its time grows
// with the square of the nesting depth (minutes at 100k levels). Real pages
// nest a few dozen levels; browsers stop at 512.
constexpr int kMaxHtmlDepth = 512;

bool IsTagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == ':';
}

// Elements that never have an end tag, and raw-text elements whose content
// is not markup.
bool IsVoidTag(std::string_view lower) {
  static constexpr std::array<std::string_view, 16> kVoid = {
      "area", "base", "br",    "col",    "embed", "hr",  "img",    "input",
      "link", "meta", "param", "source", "track", "wbr", "keygen", "frame"};
  return std::find(kVoid.begin(), kVoid.end(), lower) != kVoid.end();
}
bool IsRawTextTag(std::string_view lower) {
  return lower == "script" || lower == "style" || lower == "textarea" ||
         lower == "title" || lower == "xmp" || lower == "noscript";
}

// Finds `needle` (lower case) in `s` from `from`, ignoring ASCII case.
size_t FindNoCase(std::string_view s, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() &&
           (s[i + k] | (s[i + k] >= 'A' && s[i + k] <= 'Z' ? 0x20 : 0)) ==
               needle[k]) {
      ++k;
    }
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// When start tags nest deeper than kMaxHtmlDepth (counting start tags minus
// end tags, a cheap over-estimate of the tree depth), returns the page with
// the tags below that depth removed: their text stays, in the element at the
// limit. nullopt when the page is shallow enough to parse as it is.
std::optional<std::string> FlattenDeepNesting(std::string_view html) {
  std::string out;
  bool flattening = false;
  int depth = 0;
  size_t copied = 0;  // html[0, copied) is in `out` (when flattening).
  size_t i = 0;
  auto drop = [&](size_t begin, size_t end) {
    if (!flattening) {
      out.reserve(html.size());
      flattening = true;
    }
    out.append(html.substr(copied, begin - copied));
    copied = end;
  };
  while ((i = html.find('<', i)) != std::string_view::npos) {
    const size_t begin = i;
    if (html.substr(i, 4) == "<!--") {
      size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_begin = i + (end_tag ? 2 : 1);
    size_t name_end = name_begin;
    while (name_end < html.size() && IsTagNameChar(html[name_end])) ++name_end;
    if (name_end == name_begin ||
        !std::isalpha(static_cast<unsigned char>(html[name_begin]))) {
      ++i;  // "<!DOCTYPE", "<?xml", "a < b": not an element tag.
      continue;
    }
    size_t close = html.find('>', name_end);
    const size_t end =
        close == std::string_view::npos ? html.size() : close + 1;
    std::string name =
        Lowercase(html.substr(name_begin, name_end - name_begin));
    i = end;
    if (end_tag) {
      if (depth > kMaxHtmlDepth) drop(begin, end);
      if (depth > 0) --depth;
      continue;
    }
    const bool self_closing = end >= 2 && html[end - 2] == '/';
    if (IsRawTextTag(name)) {
      // Skip the content; the element itself is shallow.
      size_t stop = FindNoCase(html, "</" + name, end);
      i = stop == std::string_view::npos ? html.size() : stop;
      continue;
    }
    if (IsVoidTag(name) || self_closing) continue;
    if (++depth > kMaxHtmlDepth) drop(begin, end);
  }
  if (!flattening) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Builds text with runs of whitespace (including NBSP) collapsed to one
// space and no space at either end.
class CollapsedText {
 public:
  void Append(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (IsAsciiSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (pending_space_ && !text_.empty()) text_ += ' ';
      pending_space_ = false;
      text_ += c;
    }
  }
  void Space() { pending_space_ = true; }
  bool empty() const { return text_.empty(); }
  std::string Take() {
    pending_space_ = false;
    return std::exchange(text_, std::string());
  }

 private:
  std::string text_;
  bool pending_space_ = false;
};

// All text below `node`, collapsed (for <title>, <h1>, itemprop values).
std::string TextContent(const GumboNode* node) {
  CollapsedText out;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      out.Append(n->v.text.text);
    } else if (n->type == GUMBO_NODE_WHITESPACE) {
      out.Space();
    } else if (IsElement(n) || n->type == GUMBO_NODE_TEMPLATE) {
      GumboTag tag = n->v.element.tag;
      if (n != node && (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE)) {
        continue;
      }
      const GumboVector& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
  }
  return out.Take();
}

// Elements that never hold the story.
bool IsDroppedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_MENU:
    // Captions repeat the story or credit the photographer; as text they
    // would also cut sentences in two.
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a paragraph.
bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    // <br> ends a line; in articles a line on its own is a paragraph
    // (old CMSes separate paragraphs with <br><br>).
    case GUMBO_TAG_BR:
      return true;
    default:
      return false;
  }
}

// Splits a class or id value into lower-case words: "share-bar
// articleComments" -> {"share", "bar", "articlecomments"}.
std::vector<std::string> AttributeWords(std::string_view value) {
  std::vector<std::string> words;
  std::string word;
  for (char c : value) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9');
    if (alnum) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// True when a class/id word names page furniture. Words are matched by
// prefix ("comments", "navbar", "advertisement") but not anywhere inside,
// so "canvas" or "unavailable" do not count; "commentary" is an article
// genre, not a comment thread.
bool IsBoilerplateWord(std::string_view word) {
  static constexpr std::array<std::string_view, 17> kPrefixes = {
      "nav",       "menu",         "footer",     "share",      "social",
      "comment",   "related",      "cookie",     "advert",     "promo",
      "subscribe", "subscription", "newsletter", "breadcrumb", "sidebar",
      "sharing",   "sponsor"};
  if (word == "ad" || word == "ads" || word == "banner") return true;
  if (word.substr(0, 10) == "commentary") return false;
  for (std::string_view prefix : kPrefixes) {
    if (word.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

bool HasBoilerplateName(const GumboNode* node) {
  for (const char* name : {"class", "id"}) {
    const char* value = Attr(node, name);
    if (value == nullptr) continue;
    for (const std::string& word : AttributeWords(value)) {
      if (IsBoilerplateWord(word)) return true;
    }
  }
  const char* role = Attr(node, "role");
  if (role != nullptr) {
    std::string r = Lowercase(role);
    if (r == "navigation" || r == "banner" || r == "contentinfo" ||
        r == "complementary" || r == "search" || r == "dialog") {
      return true;
    }
  }
  return false;
}

bool IsHidden(const GumboNode* node) {
  if (Attr(node, "hidden") != nullptr) return true;
  const char* aria = Attr(node, "aria-hidden");
  if (aria != nullptr && Lowercase(aria) == "true") return true;
  const char* style = Attr(node, "style");
  if (style != nullptr) {
    std::string s;
    for (char c : std::string_view(style)) {
      if (!IsAsciiSpace(c)) s += c;
    }
    s = Lowercase(s);
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The story's paragraphs below `root`, in document order.
std::vector<std::string> ExtractParagraphs(const GumboNode* root) {
  std::vector<std::string> paragraphs;
  CollapsedText current;
  auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(current.Take());
  };
  // A closing item after a block's children marks the block's end.
  struct Item {
    const GumboNode* node;
    bool closing;
  };
  std::vector<Item> stack = {{root, false}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    if (item.closing) {
      flush();
      continue;
    }
    const GumboNode* node = item.node;
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        current.Append(node->v.text.text);
        continue;
      case GUMBO_NODE_WHITESPACE:
        current.Space();
        continue;
      case GUMBO_NODE_ELEMENT:
        break;
      default:
        continue;  // Comments, templates, the document node.
    }
    GumboTag tag = node->v.element.tag;
    if (IsDroppedTag(tag) || IsHidden(node)) continue;
    // The containers themselves are judged by where they are, not by their
    // class ("<body class='nav-open'>" still holds the page).
    bool container = node == root || tag == GUMBO_TAG_HTML ||
                     tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_MAIN ||
                     tag == GUMBO_TAG_ARTICLE;
    if (!container && HasBoilerplateName(node)) continue;
    bool block = IsBlockTag(tag);
    if (block) {
      flush();
      stack.push_back({node, true});
    } else {
      // Table cells, images with alt text etc. are not worth more than a
      // word break; inline elements (<b>, <a>, <span>) add nothing.
      if (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_WBR) current.Space();
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i]), false});
    }
  }
  flush();
  return paragraphs;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

// What one pass over the whole page collects.
struct PageInfo {
  // First content per lower-cased meta property/name/itemprop.
  std::unordered_map<std::string, std::string> meta;
  std::string title_element;
  std::string first_h1;
  std::string canonical_url;
  std::vector<std::string> json_ld;
  // Candidate containers for the story, in document order.
  std::vector<const GumboNode*> article_bodies;  // itemprop=articleBody
  std::vector<const GumboNode*> articles;
  std::vector<const GumboNode*> mains;  // <main>, role=main
  const GumboNode* body = nullptr;
  // Every <time> element, in document order.
  std::vector<const GumboNode*> times;
};

void AddMeta(PageInfo& info, std::string key, std::string value) {
  if (key.empty() || value.empty()) return;
  info.meta.emplace(std::move(key), std::move(value));
}

PageInfo ScanPage(const GumboNode* root) {
  PageInfo info;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (!IsElement(node)) {
      if (node->type == GUMBO_NODE_DOCUMENT) {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = children.length; i-- > 0;) {
          stack.push_back(static_cast<const GumboNode*>(children.data[i]));
        }
      }
      continue;
    }
    GumboTag tag = node->v.element.tag;
    const char* itemprop = Attr(node, "itemprop");
    std::string prop = itemprop ? Lowercase(itemprop) : std::string();
    switch (tag) {
      case GUMBO_TAG_META: {
        const char* content = Attr(node, "content");
        if (content == nullptr) break;
        for (const char* key_attr : {"property", "name", "itemprop"}) {
          if (const char* key = Attr(node, key_attr)) {
            AddMeta(info, Lowercase(key), content);
          }
        }
        break;
      }
      case GUMBO_TAG_TITLE:
        if (info.title_element.empty()) info.title_element = TextContent(node);
        break;
      case GUMBO_TAG_H1:
        if (info.first_h1.empty()) info.first_h1 = TextContent(node);
        break;
      case GUMBO_TAG_LINK: {
        const char* rel = Attr(node, "rel");
        const char* href = Attr(node, "href");
        if (rel && href && Lowercase(rel) == "canonical" &&
            info.canonical_url.empty()) {
          info.canonical_url = href;
        }
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        const char* type = Attr(node, "type");
        if (type && Lowercase(type) == "application/ld+json") {
          info.json_ld.push_back(TextContent(node));
        }
        break;
      }
      case GUMBO_TAG_ARTICLE:
        info.articles.push_back(node);
        break;
      case GUMBO_TAG_MAIN:
        info.mains.push_back(node);
        break;
      case GUMBO_TAG_BODY:
        if (info.body == nullptr) info.body = node;
        break;
      case GUMBO_TAG_TIME:
        info.times.push_back(node);
        break;
      default:
        break;
    }
    if (tag != GUMBO_TAG_MAIN) {
      const char* role = Attr(node, "role");
      if (role && Lowercase(role) == "main") info.mains.push_back(node);
    }
    if (prop == "articlebody") info.article_bodies.push_back(node);
    // Microdata on ordinary elements: <span itemprop="datePublished"
    // content="..."> or <time itemprop="datePublished" datetime="...">.
    if (tag != GUMBO_TAG_META &&
        (prop == "datepublished" || prop == "datecreated")) {
      const char* value = Attr(node, "datetime");
      if (value == nullptr) value = Attr(node, "content");
      AddMeta(info, prop, value ? std::string(value) : TextContent(node));
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return info;
}

std::optional<std::string> FindJsonLdDate(const nlohmann::json& j, int depth) {
  if (depth > kMaxJsonLdDepth) return std::nullopt;
  if (j.is_object()) {
    for (const char* key : {"datePublished", "dateCreated"}) {
      auto it = j.find(key);
      if (it != j.end() && it->is_string()) {
        if (auto date = NormalizeDate(it->get<std::string>())) return date;
      }
    }
    for (const auto& [key, value] : j.items()) {
      if (value.is_structured()) {
        if (auto date = FindJsonLdDate(value, depth + 1)) return date;
      }
    }
  } else if (j.is_array()) {
    for (const auto& value : j) {
      if (auto date = FindJsonLdDate(value, depth + 1)) return date;
    }
  }
  return std::nullopt;
}

bool IsInside(const GumboNode* node, const GumboNode* ancestor) {
  for (const GumboNode* n = node; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

std::optional<std::string> FindDate(const PageInfo& info,
                                    const GumboNode* story_root) {
  // In order of how reliably each names the first publication.
  static constexpr std::array<const char*, 24> kKeys = {
      "article:published_time",
      "og:published_time",
      "og:article:published_time",
      "article:published",
      "datepublished",
      "datecreated",
      "parsely-pub-date",
      "sailthru.date",
      "dc.date.issued",
      "dc.date",
      "dc.date.created",
      "dcterms.issued",
      "dcterms.date",
      "dcterms.created",
      "citation_publication_date",
      "citation_date",
      "pubdate",
      "publishdate",
      "publish-date",
      "publish_date",
      "publication_date",
      "article.published",
      "date",
      "originalpublicationdate"};
  for (const char* key : kKeys) {
    auto it = info.meta.find(key);
    if (it == info.meta.end()) continue;
    if (auto date = NormalizeDate(it->second)) return date;
  }
  for (const std::string& script : info.json_ld) {
    nlohmann::json j = nlohmann::json::parse(script, nullptr,
                                             /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    if (auto date = FindJsonLdDate(j, 0)) return date;
  }
  // A <time> inside the story dates it; elsewhere on the page it may be a
  // clock or a related story, so only an explicit pubdate counts there.
  for (const GumboNode* time : info.times) {
    bool inside = story_root != info.body && IsInside(time, story_root);
    if (!inside && Attr(time, "pubdate") == nullptr) continue;
    const char* value = Attr(time, "datetime");
    if (auto date = NormalizeDate(value ? value : TextContent(time))) {
      return date;
    }
  }
  return std::nullopt;
}

std::string FirstMeta(const PageInfo& info,
                      std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = info.meta.find(key);
    if (it != info.meta.end()) {
      CollapsedText text;
      text.Append(it->second);
      std::string value = text.Take();
      if (!value.empty()) return value;
    }
  }
  return {};
}

StatusOr<Document> ParseHtmlOrThrow(std::string_view name,
                                    std::string_view html,
                                    const ReaderOptions& options) {
  std::string label = name.empty() ? "stdin" : std::string(name);
  if (html.size() > options.max_document_bytes) {
    return ResourceExhaustedError(
        label + ": document is " + std::to_string(html.size()) +
        " bytes, more than max_document_bytes (" +
        std::to_string(options.max_document_bytes) + ")");
  }
  html = StripBom(html);
  if (IsBlank(html)) return InvalidArgumentError(label + ": empty document");

  std::optional<std::string> flattened = FlattenDeepNesting(html);
  if (flattened) html = *flattened;

  GumboOptions gumbo_options = kGumboDefaultOptions;
  // Parse errors are of no use to us and broken pages produce thousands.
  gumbo_options.max_errors = 0;
  GumboOutputPtr output(
      gumbo_parse_with_options(&gumbo_options, html.data(), html.size()));
  if (output == nullptr) {
    return InternalError(label + ": the HTML parser failed");
  }
  PageInfo info = ScanPage(output->document);

  // The story's container: explicit microdata first, then the <article>
  // with the most text (pages list teasers as small <article>s), then
  // <main>, then the whole body.
  const GumboNode* story_root = nullptr;
  std::vector<std::string> paragraphs;
  auto try_roots = [&](const std::vector<const GumboNode*>& roots) {
    size_t best_size = 0;
    for (const GumboNode* root : roots) {
      std::vector<std::string> candidate = ExtractParagraphs(root);
      size_t size = 0;
      for (const std::string& p : candidate) size += p.size();
      if (size > best_size) {
        best_size = size;
        story_root = root;
        paragraphs = std::move(candidate);
      }
    }
    return best_size > 0;
  };
  const GumboNode* page_root = info.body ? info.body : output->root;
  if (!try_roots(info.article_bodies) && !try_roots(info.articles) &&
      !try_roots(info.mains) && !try_roots({page_root})) {
    return InvalidArgumentError(label + ": empty document (no text in HTML)");
  }

  Document doc;
  doc.id = FileStem(name);
  doc.origin = label;
  doc.text = JoinParagraphs(paragraphs);
  doc.title = FirstMeta(info, {"og:title", "twitter:title"});
  if (doc.title.empty()) doc.title = info.title_element;
  if (doc.title.empty()) doc.title = info.first_h1;
  doc.source = FirstMeta(info, {"og:site_name", "application-name"});
  doc.url = FirstMeta(info, {"og:url"});
  if (doc.url.empty()) doc.url = info.canonical_url;

  if (auto date = FindDate(info, story_root)) {
    doc.date = *std::move(date);
  } else {
    // Pages converted from wire copy keep the dateline in the first
    // paragraphs.
    int fallback_year = YearOfDate(options.default_date);
    for (size_t i = 0; i < paragraphs.size() && i < 3; ++i) {
      if (auto dateline = ParseDateline(paragraphs[i], fallback_year)) {
        doc.date = *std::move(dateline);
        break;
      }
    }
    if (doc.date.empty()) doc.date = options.default_date;
  }
  return doc;
}

}  // namespace

StatusOr<Document> ParseHtml(std::string_view name, std::string_view html,
                             const ReaderOptions& options) {
  try {
    return ParseHtmlOrThrow(name, html, options);
  } catch (const std::exception& e) {
    // nlohmann (JSON-LD) and allocation failures; gumbo itself is C.
    return InternalError(
        (name.empty() ? std::string("stdin") : std::string(name)) + ": " +
        e.what());
  }
}

}  // namespace entente
