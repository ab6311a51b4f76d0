// Fuzzes the loaders of the team-written tables: the first byte picks the
// table, the rest is its content.
//   0  data/cameo_codes.tsv       (events::ParseCodes)
//   1  data/cameo_lexicon.tsv     (events::ParseLexicon, over the real codes)
//   2  data/cameo_modality.tsv    (events::ParseModality)
//   3  data/organizations.tsv  \
//   4  data/media_outlets.tsv   | ActorLexicon::Parse, the other three tables
//   5  data/weapons.tsv         | being the built-in ones
//   6  data/actor_roles.tsv    /
//   7  the gazetteer table        (Gazetteer::Parse)
//   8  a CoNLL-U treebank         (ParseConllu, the training-data reader)
//   9  data/officials.tsv         (Roster::Parse, then lookups and dates)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/conllu.h"
#include "entente/events.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/roster.h"
#include "events/cameo_tables.h"
#include "fuzz_util.h"

namespace {

namespace events = entente::events;
events::Tables* real_codes = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  real_codes = new events::Tables;
  std::string codes = entente::fuzz::Slurp(
      entente::EventCoder::DefaultDataDir() + "/cameo_codes.tsv");
  entente::fuzz::Require(
      events::ParseCodes(codes, "cameo_codes.tsv", real_codes).ok(),
      "data/cameo_codes.tsv parses");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const int table = data[0] % 10;
  switch (table) {
    case 0: {
      events::Tables tables;
      (void)events::ParseCodes(content, "fuzz", &tables);
      break;
    }
    case 1: {
      events::Tables tables = *real_codes;
      (void)events::ParseLexicon(content, "fuzz", &tables);
      break;
    }
    case 2: {
      events::Tables tables;
      (void)events::ParseModality(content, "fuzz", &tables);
      break;
    }
    case 3:
    case 4:
    case 5:
    case 6: {
      namespace in = entente::internal;
      entente::LexiconSources sources{
          {in::kOrganizationsTable, in::kOrganizationsTableSize},
          {in::kMediaOutletsTable, in::kMediaOutletsTableSize},
          {in::kWeaponsTable, in::kWeaponsTableSize},
          {in::kActorRolesTable, in::kActorRolesTableSize}};
      std::string_view* slot[] = {&sources.organizations, &sources.media,
                                  &sources.weapons, &sources.roles};
      *slot[table - 3] = content;
      auto lexicon = entente::ActorLexicon::Parse(sources);
      if (lexicon.ok()) (void)lexicon->Find("United Nations");
      break;
    }
    case 7: {
      auto gazetteer = entente::Gazetteer::Parse(content);
      (void)gazetteer;
      break;
    }
    case 8: {
      auto sentences = entente::ParseConllu(content, "fuzz.conllu");
      if (sentences.ok()) {
        for (const auto& s : *sentences) {
          for (const auto& w : s.words) {
            entente::fuzz::Require(
                w.head >= 0 && w.head <= static_cast<int>(s.words.size()),
                "CoNLL-U head in sentence");
          }
          for (const auto& t : s.tokens) {
            entente::fuzz::Require(
                t.first_word >= 0 && t.first_word <= t.last_word &&
                    t.last_word < static_cast<int>(s.words.size()),
                "CoNLL-U token covers words of its sentence");
          }
        }
      }
      break;
    }
    case 9: {
      auto roster = entente::Roster::Parse(content, "fuzz.tsv");
      const std::string key = entente::Roster::Key(content);
      if (roster.ok()) {
        for (const entente::RosterPerson& p : roster->people()) {
          entente::fuzz::Require(!p.roles.empty() && !p.surname.empty(),
                                 "a roster person has roles and a surname");
          (void)p.CodeOn(20200101);
          (void)p.CodeOn(0);
          (void)p.Fits(key);
        }
        (void)roster->FindName(key);
        (void)roster->FindSurname(key);
      }
      break;
    }
  }
  return 0;
}
