// The first entity recognizer: countries, capitals, multi-word subdivisions,
// a few locations, and news outlets, from the built-in gazetteer.
//
// One left-to-right pass per sentence. At each token the longest candidate
// wins: an outlet ("Tehran Times", so no "Tehran"), a gazetteer surface
// ("Papua New Guinea", so no "Guinea"; "New Mexico", a subdivision, so no
// "Mexico"), or a blocker ("Latin American"), which consumes its tokens and
// yields nothing. Multi-word ISO 3166-2 subdivision names become GPE
// entities coded with their country: the state acts through them as little
// as through any place, but "East Azerbaijan" being Iran's is what a reader
// (and the event coder's location) needs.
#include "entities/country_recognizer.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/entities.h"
#include "entente/text.h"
#include "entities/gazetteer.h"
#include "entities/media_patterns.h"
#include "entities/place_matcher.h"

namespace entente {
namespace {

class CountryRecognizer final : public EntityRecognizer {
 public:
  explicit CountryRecognizer(Gazetteer gazetteer)
      : gazetteer_(std::move(gazetteer)) {}

  using EntityRecognizer::Recognize;
  std::vector<Entity> Recognize(std::string_view text,
                                const std::vector<Token>& tokens,
                                const std::vector<Sentence>& sentences,
                                std::string_view date) const override;

 private:
  Gazetteer gazetteer_;
};

// Collects mentions and groups them into entities in order of first mention.
class EntityCollector {
 public:
  explicit EntityCollector(std::string_view text) : text_(text) {}

  void Add(const std::string& key, const std::string& name, const char* type,
           const std::string& code, const std::string& country,
           const char* role, uint32_t start, uint32_t end, uint32_t sentence) {
    auto [it, inserted] = index_.try_emplace(key, entities_.size());
    if (inserted) {
      Entity e;
      e.id = "E" + std::to_string(entities_.size() + 1);
      e.name = name;
      e.type = type;
      e.code = code;
      e.country = country;
      e.role = role;
      entities_.push_back(std::move(e));
    }
    Mention m;
    m.start = start;
    m.end = end;
    m.sentence = sentence;
    m.text = ReplaceInvalidUtf8(text_.substr(start, end - start));
    entities_[it->second].mentions.push_back(std::move(m));
  }

  // Adds a mention of a gazetteer entry (not a blocker).
  void AddPlace(const GazetteerEntry& e, uint32_t start, uint32_t end,
                uint32_t sentence) {
    switch (e.kind) {
      case PlaceKind::kName:
      case PlaceKind::kDemonym:
        Add("C:" + e.code, e.name, "GPE", e.code, e.code, "", start, end,
            sentence);
        break;
      case PlaceKind::kCapital:
      case PlaceKind::kPlace:
        Add("G:" + e.code + ":" + e.name, e.name, "GPE", e.code, e.code, "",
            start, end, sentence);
        break;
      case PlaceKind::kSubdivision:
      case PlaceKind::kCity:
        // Only a location: its country, but no actor code, so it never
        // acts as the state (only capitals do, as metonyms).
        Add("G:" + e.code + ":" + e.name, e.name, "GPE", "", e.code, "", start,
            end, sentence);
        break;
      case PlaceKind::kLocation:
        Add("L:" + e.name, e.name, "LOC", "", "", "", start, end, sentence);
        break;
      case PlaceKind::kBlocker:
        break;
    }
  }

  std::vector<Entity> Take() { return std::move(entities_); }

 private:
  std::string_view text_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<Entity> entities_;
};

// For a guarded surface ("Jordan", "Chad", "Georgia"): true when the match
// of `n` tokens at `i` looks like part of a longer proper name: a
// capitalized word right before it ("Michael Jordan") or right after it
// ("Chad Smith", "Georgia Tech"), or a "Town, Georgia" pattern. Function
// words ("In Jordan"), weekdays and months ("Jordan Monday") and places
// ("Amman, Jordan") do not count.
bool LooksLikePartOfLongerName(const PlaceMatcher& m, size_t first, size_t end,
                               size_t i, size_t n) {
  const auto& tokens = m.tokens();
  const auto name_word = [&](size_t k) {
    if (tokens[k].kind != TokenKind::kWord) return false;
    const std::string_view w = m.Word(k);
    return IsCapitalizedWord(w) && !IsCapitalizedFunctionWord(w) &&
           !IsCalendarWord(w);
  };
  if (i + n < end && m.Joined(i + n) && name_word(i + n)) return true;
  if (i > first && m.Joined(i) && name_word(i - 1)) return true;
  if (i >= first + 2 && m.Word(i - 1) == "," && name_word(i - 2)) {
    const PlaceMatch before = m.LongestMatch(i - 2, i - 1);
    if (before.tokens == 0) return true;
    // "Atlanta, Georgia": a town of another state before the comma makes
    // this its province, not a state.
    const PlaceMatch self = m.LongestMatch(i, i + n);
    if ((before.entry->kind == PlaceKind::kCity ||
         before.entry->kind == PlaceKind::kSubdivision) &&
        self.entry != nullptr && before.entry->code != self.entry->code) {
      return true;
    }
  }
  return false;
}

std::vector<Entity> CountryRecognizer::Recognize(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<Sentence>& sentences, std::string_view /*date*/) const {
  EntityCollector out(text);
  const PlaceMatcher m(gazetteer_, text, tokens);

  std::vector<Sentence> whole;
  const std::vector<Sentence>* spans =
      &SentencesOrWhole(tokens, sentences, &whole);

  for (size_t s = 0; s < spans->size(); ++s) {
    const size_t first = (*spans)[s].first_token;
    const size_t end = std::min<size_t>((*spans)[s].end_token, tokens.size());
    const uint32_t sentence = static_cast<uint32_t>(s);
    size_t i = first;
    while (i < end) {
      if (m.Word(i).empty()) {  // A token outside the text: skip it.
        ++i;
        continue;
      }
      const MediaMatch media = MatchMediaOutlet(m, first, i, end);
      PlaceMatch place = m.LongestMatch(i, end);
      if (place.tokens > 0 && place.entry->guarded &&
          (place.folded ||
           LooksLikePartOfLongerName(m, first, end, i, place.tokens))) {
        place = PlaceMatch();
      }
      if (media.end_token > 0 && media.end_token - i >= place.tokens) {
        const uint32_t start = tokens[i].start;
        const uint32_t stop = tokens[media.end_token - 1].end;
        const std::string name =
            ReplaceInvalidUtf8(text.substr(start, stop - start));
        const std::string code =
            media.country.empty() ? "" : media.country + "MED";
        out.Add("M:" + name, name, "ORG", code, media.country, "MED", start,
                stop, sentence);
        i = media.end_token;
        continue;
      }
      if (place.tokens > 0) {
        out.AddPlace(*place.entry, tokens[i].start,
                     tokens[i + place.tokens - 1].end, sentence);
        i += place.tokens;
        continue;
      }
      // Parts of a hyphenated word: "Iran-backed", "Russia-Ukraine",
      // "U.S.-led", "anti-American".
      const std::string_view word = m.Word(i);
      if (tokens[i].kind == TokenKind::kWord &&
          word.find('-') != std::string_view::npos) {
        size_t p = 0;
        while (p <= word.size()) {
          size_t q = word.find('-', p);
          if (q == std::string_view::npos) q = word.size();
          const std::string_view part = word.substr(p, q - p);
          if (IsCapitalizedWord(part)) {
            const GazetteerEntry* e = m.MatchWord(part);
            if (e != nullptr && e->kind != PlaceKind::kSubdivision &&
                e->kind != PlaceKind::kCity) {
              out.AddPlace(*e, tokens[i].start + static_cast<uint32_t>(p),
                           tokens[i].start + static_cast<uint32_t>(q),
                           sentence);
            }
          }
          p = q + 1;
        }
      }
      ++i;
    }
  }
  return out.Take();
}

}  // namespace

std::unique_ptr<const EntityRecognizer> NewCountryRecognizer(
    Gazetteer gazetteer) {
  return std::make_unique<CountryRecognizer>(std::move(gazetteer));
}

const std::vector<Sentence>& SentencesOrWhole(
    const std::vector<Token>& tokens, const std::vector<Sentence>& sentences,
    std::vector<Sentence>* whole) {
  if (!sentences.empty() || tokens.empty()) return sentences;
  whole->assign(1, {tokens.front().start, tokens.back().end, 0,
                    static_cast<uint32_t>(tokens.size())});
  return *whole;
}

}  // namespace entente
