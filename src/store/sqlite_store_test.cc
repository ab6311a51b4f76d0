#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "entente/store.h"
#include "gtest/gtest.h"
#include "store/civil_date.h"
#include "store/name_norm.h"
#include "store/sha256.h"
#include "store/sqlite_schema.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

// A fresh temporary directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("entente-store-" + std::to_string(getpid()) + "-" +
             std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::unique_ptr<Store> MustOpen(const std::string& path,
                                StoreOptions options = StoreOptions()) {
  auto store = Store::OpenSqlite(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

Entity MakeEntity(const std::string& id, const std::string& name,
                  const std::string& type, const std::string& code,
                  const std::string& mention_text = "") {
  Entity e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.code = code;
  e.country = code.size() >= 3 ? code.substr(0, 3) : "";
  e.role = code.size() > 3 ? code.substr(3) : "";
  Mention m;
  m.text = mention_text.empty() ? name : mention_text;
  e.mentions.push_back(m);
  return e;
}

Event MakeEvent(const std::string& id, const std::string& source,
                const std::string& target, const std::string& source_code,
                const std::string& target_code, const std::string& code,
                int quad, double goldstein, const std::string& date,
                const std::string& evidence) {
  Event v;
  v.id = id;
  v.source = source;
  v.target = target;
  v.source_code = source_code;
  v.target_code = target_code;
  v.code = code;
  v.root = code.substr(0, 2);
  v.quad_class = quad;
  v.goldstein = goldstein;
  v.date = date;
  v.evidence.text = evidence;
  return v;
}

// A document in which Russia (E1) praises China (E2) on `date`, reported by
// `publisher`, with a quote by Putin (E3).
std::pair<Document, Analysis> PraiseDoc(const std::string& id,
                                        const std::string& date,
                                        const std::string& publisher) {
  Document d;
  d.id = id;
  d.date = date;
  d.source = publisher;
  d.url = "https://example.org/" + id;
  d.title = "Russia praises China";
  d.text = "Russia praised China on " + date + ". Putin said: \"a friend\".";
  Analysis a;
  Sentence s;
  s.start = 0;
  s.end = static_cast<uint32_t>(d.text.find('.') + 1);
  a.sentences.push_back(s);
  a.entities.push_back(MakeEntity("E1", "Russia", "GPE", "RUS"));
  a.entities.push_back(MakeEntity("E2", "China", "GPE", "CHN"));
  a.entities.push_back(
      MakeEntity("E3", "Vladimir Putin", "PERSON", "RUSGOV", "Putin"));
  a.events.push_back(MakeEvent("V1", "E1", "E2", "RUS", "CHN", "051", 1, 3.4,
                               date, "Russia praised China"));
  Quote q;
  q.id = "Q1";
  q.text = "a friend";
  q.speaker = "E3";
  q.speaker_name = "Putin";
  q.cue = "said";
  a.quotes.push_back(q);
  DateMention dm;
  dm.text = date;
  dm.value = date;
  a.dates.push_back(dm);
  return {d, a};
}

TEST(Sha256Test, KnownVectors) {
  store::Sha256 empty;
  EXPECT_EQ(empty.HexDigest(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  store::Sha256 abc;
  abc.Update("a");
  abc.Update("bc");
  EXPECT_EQ(abc.HexDigest(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  store::Sha256 long_input;
  long_input.Update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(long_input.HexDigest(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(CivilDateTest, DaysAndWeeks) {
  EXPECT_EQ(store::DayNumber("1970-01-01"), 0);
  EXPECT_EQ(store::DayNumber("2024-03-01").value() -
                store::DayNumber("2024-02-28").value(),
            2);
  EXPECT_FALSE(store::DayNumber("2023-02-29").has_value());
  EXPECT_FALSE(store::DayNumber("2024-07").has_value());
  EXPECT_EQ(store::DayNumber("2024-07-13T10:00:00Z"),
            store::DayNumber("2024-07-13"));
  EXPECT_EQ(store::IsoFromDays(*store::DayNumber("2024-07-13")), "2024-07-13");
  EXPECT_EQ(store::IsoWeek(*store::DayNumber("2024-07-13")), "2024-W28");
  // 2021-01-03 belongs to the last ISO week of 2020.
  EXPECT_EQ(store::IsoWeek(*store::DayNumber("2021-01-03")), "2020-W53");
  EXPECT_EQ(store::IsoWeek(*store::DayNumber("2024-12-30")), "2025-W01");
}

TEST(NameNormTest, Normalizes) {
  EXPECT_EQ(store::NormalizeName("  The   Kremlin's "), "kremlin");
  EXPECT_EQ(store::NormalizeName("Putin\xE2\x80\x99s"), "putin");
  EXPECT_EQ(store::NormalizeName("The"), "the");
}

TEST(SqliteStoreTest, CreatesAndReopens) {
  TempDir dir;
  std::string path = dir.File("a.db");
  {
    auto store = MustOpen(path);
    ASSERT_TRUE(store);
    auto counts = store->Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(*counts, StoreCounts());
  }
  auto store = MustOpen(path, {.read_only = true});
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->CheckIntegrity().ok());
}

// Runs migrations [0, version) by hand, as an older entente would have.
void MakeOldDatabase(const std::string& path, int version) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (int v = 0; v < version; ++v) {
    std::string sql(store::SqliteMigrations()[v]);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  std::string pragmas =
      "PRAGMA user_version=" + std::to_string(version) +
      "; PRAGMA application_id=" + std::to_string(store::kApplicationId) + ";";
  ASSERT_EQ(sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, MigratesVersionOneKeepingData) {
  TempDir dir;
  std::string path = dir.File("old.db");
  MakeOldDatabase(path, 1);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO documents (doc_key, content_hash, "
                           "ingested_at) VALUES ('old', 'x', 'now')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  // Read-only opening refuses to migrate, with advice.
  auto ro = Store::OpenSqlite(path, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_NE(ro.status().message().find("needs upgrading"), std::string::npos);

  auto store = MustOpen(path);
  ASSERT_TRUE(store);
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 1);
  auto [doc, analysis] = PraiseDoc("new", "2024-07-13", "Wire");
  analysis.warnings.push_back({3, "something odd"});  // Table from version 2.
  EXPECT_TRUE(store->PutDocument(doc, analysis).ok());
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kStoreSchemaVersion);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

// Version 3 added the event's place: a version 2 database keeps its events
// (with no place) and stores places from then on.
TEST(SqliteStoreTest, MigratesVersionTwoToEventPlaces) {
  TempDir dir;
  std::string path = dir.File("v2.db");
  MakeOldDatabase(path, 2);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO documents (id, doc_key, content_hash, "
                           "ingested_at) VALUES (1, 'old', 'x', 'now'); "
                           "INSERT INTO events (document_id, local_id, code, "
                           "root, cluster_key) VALUES (1, 'V1', '051', '05', "
                           "'k')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = MustOpen(path);
  ASSERT_TRUE(store);
  auto [doc, analysis] = PraiseDoc("new", "2024-07-13", "Wire");
  analysis.entities.push_back(MakeEntity("E4", "Beijing", "GPE", "CHN"));
  analysis.events[0].place = "E4";
  analysis.events[0].place_text = "Beijing";
  ASSERT_TRUE(store->PutDocument(doc, analysis).ok());
  auto events = store->FindEvents({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  for (const EventRecord& e : *events) {
    EXPECT_EQ(e.place, e.document == "new" ? "Beijing" : "") << e.document;
  }
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT e.name FROM events ev JOIN entities e ON e.id = "
                     "ev.place",
                     -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
               "Beijing");
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, RefusesNewerSchema) {
  TempDir dir;
  std::string path = dir.File("new.db");
  MakeOldDatabase(path, kStoreSchemaVersion);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = Store::OpenSqlite(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(store.status().message().find("newer"), std::string::npos)
      << store.status().message();
  EXPECT_NE(store.status().message().find(path), std::string::npos);
}

TEST(SqliteStoreTest, RefusesCorruptAndForeignFiles) {
  TempDir dir;
  std::string garbage = dir.File("garbage.db");
  std::ofstream(garbage) << std::string(8192, 'x');
  auto store = Store::OpenSqlite(garbage);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDataLoss)
      << store.status().ToString();
  EXPECT_EQ(fs::file_size(garbage), 8192u);  // Untouched.

  std::string foreign = dir.File("foreign.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  store = Store::OpenSqlite(foreign);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("not an entente store"),
            std::string::npos);

  EXPECT_EQ(Store::OpenSqlite(dir.File("absent.db"), {.read_only = true})
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST(SqliteStoreTest, ReadOnlyStoreRefusesWrites) {
  TempDir dir;
  std::string path = dir.File("a.db");
  MustOpen(path).reset();
  auto store = MustOpen(path, {.read_only = true});
  ASSERT_TRUE(store);
  auto [doc, analysis] = PraiseDoc("d1", "2024-07-13", "Wire");
  auto put = store->PutDocument(doc, analysis);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kIoError);
}

TEST(SqliteStoreTest, PutIsIdempotentAndReplacesChangedDocuments) {
  TempDir dir;
  auto store = MustOpen(dir.File("a.db"));
  ASSERT_TRUE(store);
  auto [doc, analysis] = PraiseDoc("d1", "2024-07-13", "Wire");
  auto put = store->PutDocument(doc, analysis);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(*put, PutOutcome::kAdded);
  auto first = store->Counts();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->documents, 1);
  EXPECT_EQ(first->actors, 3);
  EXPECT_EQ(first->entities, 3);
  EXPECT_EQ(first->events, 1);
  EXPECT_EQ(first->clusters, 1);
  EXPECT_EQ(first->quotes, 1);
  EXPECT_EQ(first->dates, 1);

  put = store->PutDocument(doc, analysis);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*put, PutOutcome::kUnchanged);
  EXPECT_EQ(*store->Counts(), *first);

  // Changed text: the old results go, the new ones come.
  doc.text += " More.";
  analysis.events[0].code = "042";
  analysis.events[0].evidence.text = "Russia visited China";
  put = store->PutDocument(doc, analysis);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*put, PutOutcome::kReplaced);
  EXPECT_EQ(*store->Counts(), *first);
  auto events = store->FindEvents({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].code, "042");
  EXPECT_EQ((*events)[0].evidence.text, "Russia visited China");
  EXPECT_TRUE(store->CheckIntegrity().ok());

  // Forced re-analysis of an unchanged document replaces it too.
  put = store->PutDocument(doc, analysis, "", /*force=*/true);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*put, PutOutcome::kReplaced);

  auto deleted = store->DeleteDocument("d1");
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(*deleted);
  EXPECT_EQ(*store->Counts(), StoreCounts());
  EXPECT_FALSE(*store->DeleteDocument("d1"));
  EXPECT_TRUE(store->CheckIntegrity().ok());
}

TEST(SqliteStoreTest, ResolvesActorsAcrossDocuments) {
  TempDir dir;
  auto store = MustOpen(dir.File("a.db"));
  ASSERT_TRUE(store);
  auto [d1, a1] = PraiseDoc("d1", "2024-07-13", "Wire");
  a1.entities[2].mentions.push_back({0, 2, 0, "He"});
  Entity norway = MakeEntity("E4", "Norway", "GPE", "NOR");
  norway.mentions.push_back({0, 11, 0, "The country"});
  a1.entities.push_back(norway);
  ASSERT_TRUE(store->PutDocument(d1, a1).ok());
  // "Putin" alone, "Russian Federation" with Russia's code.
  Document d2 = d1;
  d2.id = "d2";
  d2.date = "2024-07-20";
  Analysis a2;
  a2.entities.push_back(MakeEntity("E1", "Putin", "PERSON", ""));
  a2.entities.push_back(
      MakeEntity("E2", "Russian Federation", "GPE", "RUS", "Russia"));
  // Pronouns in a coreference chain never merge two people.
  Entity biden = MakeEntity("E5", "Joe Biden", "PERSON", "USAGOV");
  biden.mentions.push_back({0, 2, 0, "He"});
  a2.entities.push_back(biden);
  // A capital coded with its country stays a place of its own.
  a2.entities.push_back(MakeEntity("E3", "London", "GPE", "GBR"));
  // Descriptions in two states' chains ("The country") never merge them.
  Entity peru = MakeEntity("E6", "Peru", "GPE", "PER");
  peru.mentions.push_back({0, 11, 0, "The country"});
  a2.entities.push_back(peru);
  a2.entities.push_back(MakeEntity("E4", "United Kingdom", "GPE", "GBR"));
  ASSERT_TRUE(store->PutDocument(d2, a2).ok());
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->actors, 8);
  EXPECT_EQ(counts->entities, 10);

  auto putin = store->FindActors({.name = "putin"});
  ASSERT_TRUE(putin.ok());
  ASSERT_EQ(putin->size(), 1u);
  EXPECT_EQ((*putin)[0].actor.name, "Vladimir Putin");
  EXPECT_EQ((*putin)[0].actor.code, "RUSGOV");
  EXPECT_EQ((*putin)[0].documents, 2);
  EXPECT_EQ((*putin)[0].first_seen, "2024-07-13");
  EXPECT_EQ((*putin)[0].last_seen, "2024-07-20");

  auto russia = store->FindActors({.name = "Russian Fed"});
  ASSERT_TRUE(russia.ok());
  ASSERT_EQ(russia->size(), 1u);
  EXPECT_EQ((*russia)[0].actor.name, "Russia");
  EXPECT_EQ((*russia)[0].events, 1);

  // Removing the later document moves last_seen back.
  ASSERT_TRUE(store->DeleteDocument("d2").ok());
  putin = store->FindActors({.name = "Vladimir"});
  ASSERT_TRUE(putin.ok());
  ASSERT_EQ(putin->size(), 1u);
  EXPECT_EQ((*putin)[0].last_seen, "2024-07-13");
  EXPECT_TRUE(store->CheckIntegrity().ok());
}

TEST(SqliteStoreTest, ClustersReportsOfOneEvent) {
  TempDir dir;
  auto store = MustOpen(dir.File("a.db"));
  ASSERT_TRUE(store);
  // A chain of reports a day apart, then one a week later.
  const char* dates[] = {"2024-07-13", "2024-07-14", "2024-07-15",
                         "2024-07-22"};
  for (int i = 0; i < 4; ++i) {
    auto [doc, analysis] =
        PraiseDoc("d" + std::to_string(i), dates[i],
                  i == 1 ? "" : "Wire" + std::to_string(i % 3));
    ASSERT_TRUE(store->PutDocument(doc, analysis).ok());
  }
  // Same dyad, another code: not the same event.
  auto [other, other_analysis] = PraiseDoc("x", "2024-07-13", "Wire0");
  other_analysis.events[0].code = "036";
  ASSERT_TRUE(store->PutDocument(other, other_analysis).ok());
  EXPECT_TRUE(store->CheckIntegrity().ok());

  auto clusters = store->FindEvents({.code = "051", .one_per_cluster = true});
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 2u);
  EXPECT_EQ((*clusters)[0].date, "2024-07-13");
  EXPECT_EQ((*clusters)[0].num_mentions, 3);
  EXPECT_EQ((*clusters)[0].num_articles, 3);
  EXPECT_EQ((*clusters)[0].num_sources, 3);  // Wire0, (no publisher), Wire2.
  EXPECT_EQ((*clusters)[1].num_mentions, 1);

  auto sourced = store->FindEvents({.min_sources = 3});
  ASSERT_TRUE(sourced.ok());
  EXPECT_EQ(sourced->size(), 3u);

  // Without the middle report the chain breaks in two.
  ASSERT_TRUE(store->DeleteDocument("d1").ok());
  EXPECT_TRUE(store->CheckIntegrity().ok());
  clusters = store->FindEvents({.code = "051", .one_per_cluster = true});
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 3u);
  for (const EventRecord& e : *clusters) EXPECT_EQ(e.num_mentions, 1);

  // Putting it back joins them again: order of arrival does not matter.
  auto [back, back_analysis] = PraiseDoc("d1", "2024-07-14", "");
  ASSERT_TRUE(store->PutDocument(back, back_analysis).ok());
  EXPECT_TRUE(store->CheckIntegrity().ok());
  clusters = store->FindEvents({.code = "051", .one_per_cluster = true});
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 2u);
  EXPECT_EQ((*clusters)[0].num_mentions, 3);
}

TEST(SqliteStoreTest, EventFilters) {
  TempDir dir;
  auto store = MustOpen(dir.File("a.db"));
  ASSERT_TRUE(store);
  auto [d1, a1] = PraiseDoc("d1", "2024-07-13", "Wire");
  a1.entities[0].mentions.push_back({0, 7, 0, "Russian"});
  // A conflict event the other way, in August.
  a1.events.push_back(MakeEvent("V2", "E2", "E1", "CHN", "RUS", "112", 3, -2,
                                "2024-08-02", "China accused Russia"));
  ASSERT_TRUE(store->PutDocument(d1, a1).ok());

  auto count = [&](EventFilter f) -> size_t {
    auto r = store->FindEvents(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->size() : 999;
  };
  EXPECT_EQ(count({}), 2u);
  EXPECT_EQ(count({.actor = "russia"}), 2u);
  EXPECT_EQ(count({.source = "Russia"}), 1u);
  EXPECT_EQ(count({.source = "RUS"}), 1u);      // Code prefix.
  EXPECT_EQ(count({.source = "Russian"}), 1u);  // Alias (mention text).
  EXPECT_EQ(count({.target = "RUS"}), 1u);
  EXPECT_EQ(count({.source = "Putin"}), 0u);
  EXPECT_EQ(count({.country = "CHN"}), 2u);
  EXPECT_EQ(count({.code = "05"}), 1u);
  EXPECT_EQ(count({.code = "112"}), 1u);
  EXPECT_EQ(count({.code = "1"}), 1u);
  EXPECT_EQ(count({.quad_class = 3}), 1u);
  EXPECT_EQ(count({.from = "2024-08-01"}), 1u);
  EXPECT_EQ(count({.to = "2024-07-31"}), 1u);
  EXPECT_EQ(count({.text = "ACCUSED"}), 1u);
  EXPECT_EQ(count({.text = "100%"}), 0u);  // Wildcards are literal.
  EXPECT_EQ(count({.min_sources = 2}), 0u);
  EXPECT_EQ(count({.document = "d1"}), 2u);
  EXPECT_EQ(count({.limit = 1}), 1u);

  auto bad = store->FindEvents({.from = "July"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);

  auto events = store->FindEvents({.source = "CHN"});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  const EventRecord& e = (*events)[0];
  EXPECT_EQ(e.source.name, "China");
  EXPECT_EQ(e.target.name, "Russia");
  EXPECT_EQ(e.document, "d1");
  EXPECT_EQ(e.publisher, "Wire");
  EXPECT_EQ(e.date, "2024-08-02");
  EXPECT_EQ(e.goldstein, -2);
  EXPECT_EQ(e.sentence_text, "Russia praised China on 2024-07-13.");
}

TEST(SqliteStoreTest, QuotesTimelineAndGraph) {
  TempDir dir;
  auto store = MustOpen(dir.File("a.db"));
  ASSERT_TRUE(store);
  for (const char* date : {"2024-07-13", "2024-07-20", "2024-09-01"}) {
    auto [doc, analysis] = PraiseDoc(std::string("d") + date, date, "Wire");
    ASSERT_TRUE(store->PutDocument(doc, analysis).ok());
  }
  auto quotes = store->FindQuotes({.speaker = "Vladimir Putin"});
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 3u);
  EXPECT_EQ((*quotes)[0].text, "a friend");
  EXPECT_EQ((*quotes)[0].speaker.name, "Vladimir Putin");
  EXPECT_EQ(store->FindQuotes({.speaker = "putin"})->size(), 3u);
  EXPECT_EQ(store->FindQuotes({.speaker = "Xi"})->size(), 0u);
  EXPECT_EQ(store->FindQuotes({.from = "2024-08-01"})->size(), 1u);

  auto months = store->Timeline({.source = "Russia", .target = "CHN"});
  ASSERT_TRUE(months.ok()) << months.status().ToString();
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ((*months)[0].period, "2024-07");
  EXPECT_EQ((*months)[0].events, 2);
  EXPECT_DOUBLE_EQ((*months)[0].goldstein_sum, 6.8);
  EXPECT_EQ((*months)[0].cooperation, 2);
  EXPECT_EQ((*months)[0].conflict, 0);
  auto weeks = store->Timeline(
      {.source = "Russia", .target = "China", .unit = TimelineUnit::kWeek});
  ASSERT_TRUE(weeks.ok());
  ASSERT_EQ(weeks->size(), 3u);
  EXPECT_EQ((*weeks)[0].period, "2024-W28");
  EXPECT_EQ(store->Timeline({.source = "China", .target = "Russia"})->size(),
            0u);
  EXPECT_EQ(
      store
          ->Timeline(
              {.source = "China", .target = "Russia", .both_directions = true})
          ->size(),
      2u);
  EXPECT_FALSE(store->Timeline({.source = "Russia"}).ok());

  auto graph = store->BuildActorGraph("", "");
  ASSERT_TRUE(graph.ok());
  ASSERT_EQ(graph->nodes.size(), 2u);
  ASSERT_EQ(graph->edges.size(), 1u);
  EXPECT_EQ(graph->edges[0].events, 3);
  EXPECT_EQ(graph->edges[0].cooperation, 3);
  auto august = store->BuildActorGraph("2024-08-01", "2024-08-31");
  ASSERT_TRUE(august.ok());
  EXPECT_TRUE(august->edges.empty());
}

TEST(SqliteStoreTest, BatchesAndFullDisk) {
  TempDir dir;
  std::string path = dir.File("small.db");
  StoreOptions options;
  options.max_size_bytes = 256 << 10;
  auto store = MustOpen(path, options);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->BeginBatch().ok());
  for (int i = 0; i < 3; ++i) {
    auto [doc, analysis] =
        PraiseDoc("d" + std::to_string(i), "2024-07-13", "W");
    ASSERT_TRUE(store->PutDocument(doc, analysis).ok());
  }
  ASSERT_TRUE(store->CommitBatch().ok());
  // A document too big for the size limit fails cleanly and alone.
  auto [big, big_analysis] = PraiseDoc("big", "2024-07-14", "W");
  big.text = std::string(1 << 20, 'x');
  ASSERT_TRUE(store->BeginBatch().ok());
  auto put = store->PutDocument(big, big_analysis);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kResourceExhausted)
      << put.status().ToString();
  // SQLite may have rolled the batch back; either way the committed
  // documents stay and the store goes on working.
  (void)store->CommitBatch();
  auto [small, small_analysis] = PraiseDoc("after", "2024-07-14", "W");
  EXPECT_TRUE(store->PutDocument(small, small_analysis).ok());
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 4);
  EXPECT_TRUE(store->CheckIntegrity().ok());
}

TEST(SqliteStoreTest, ReaderSeesOnlyCommittedBatches) {
  TempDir dir;
  std::string path = dir.File("a.db");
  auto writer = MustOpen(path);
  ASSERT_TRUE(writer);
  auto reader = MustOpen(path, {.read_only = true});
  ASSERT_TRUE(reader);
  ASSERT_TRUE(writer->BeginBatch().ok());
  auto [doc, analysis] = PraiseDoc("d1", "2024-07-13", "W");
  ASSERT_TRUE(writer->PutDocument(doc, analysis).ok());
  EXPECT_EQ(reader->Counts()->documents, 0);
  ASSERT_TRUE(writer->CommitBatch().ok());
  EXPECT_EQ(reader->Counts()->documents, 1);
  EXPECT_EQ(reader->DocumentHashes()->at("d1"), ContentHash(doc));
}

// Three documents: Russia praises China twice (07-13, 08-02), China
// threatens Japan once (08-05); quotes by Putin.
std::unique_ptr<Store> ThreeDocumentStore(const TempDir& dir) {
  auto store = MustOpen(dir.File("q.db"));
  if (!store) return nullptr;
  auto [d1, a1] = PraiseDoc("d1", "2024-07-13", "Wire");
  auto [d2, a2] = PraiseDoc("d2", "2024-08-02", "Paper");
  auto [d3, a3] = PraiseDoc("d3", "2024-08-05", "Wire");
  a3.events[0] = MakeEvent("V1", "E2", "E4", "CHN", "JPN", "138", 4, -7.0,
                           "2024-08-05", "China threatened Japan");
  a3.entities.push_back(MakeEntity("E4", "Japan", "GPE", "JPN"));
  EXPECT_TRUE(store->PutDocument(d1, a1).ok());
  EXPECT_TRUE(store->PutDocument(d2, a2).ok());
  EXPECT_TRUE(store->PutDocument(d3, a3).ok());
  return store;
}

int64_t ActorId(Store& store, const std::string& name) {
  auto actors = store.FindActors({.name = name});
  EXPECT_TRUE(actors.ok() && !actors->empty()) << name;
  return actors.ok() && !actors->empty() ? (*actors)[0].actor.id : 0;
}

TEST(SqliteStoreQueryTest, PagingWithLimitAndOffset) {
  TempDir dir;
  auto store = ThreeDocumentStore(dir);
  ASSERT_TRUE(store);
  auto all = store->FindEvents({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EventFilter page;
  page.limit = 1;
  page.offset = 1;
  auto second = store->FindEvents(page);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].id, (*all)[1].id);
  page.limit = 0;  // An offset alone skips rows and keeps the rest.
  page.offset = 2;
  auto rest = store->FindEvents(page);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, (*all)[2].id);
  EXPECT_EQ((*all)[0].title, "Russia praises China");

  auto actors = store->FindActors({.limit = 2, .offset = 3});
  ASSERT_TRUE(actors.ok());
  EXPECT_EQ(actors->size(), 1u);  // Russia, China, Putin, Japan: one left.
}

TEST(SqliteStoreQueryTest, ActorIdsReplaceNames) {
  TempDir dir;
  auto store = ThreeDocumentStore(dir);
  ASSERT_TRUE(store);
  int64_t china = ActorId(*store, "China");
  int64_t russia = ActorId(*store, "Russia");
  EventFilter by_id;
  by_id.source_id = china;
  auto from_china = store->FindEvents(by_id);
  ASSERT_TRUE(from_china.ok());
  ASSERT_EQ(from_china->size(), 1u);
  EXPECT_EQ((*from_china)[0].code, "138");
  by_id = EventFilter();
  by_id.actor_id = china;
  EXPECT_EQ(store->FindEvents(by_id)->size(), 3u);
  by_id.target_id = russia;  // Nothing goes to Russia.
  EXPECT_TRUE(store->FindEvents(by_id)->empty());

  auto one = store->FindActors({.id = russia});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].actor.name, "Russia");

  QuoteFilter quotes;
  quotes.speaker_id = ActorId(*store, "Putin");
  EXPECT_EQ(store->FindQuotes(quotes)->size(), 3u);
  quotes.document = "d2";
  auto in_d2 = store->FindQuotes(quotes);
  ASSERT_TRUE(in_d2.ok());
  ASSERT_EQ(in_d2->size(), 1u);
  EXPECT_EQ((*in_d2)[0].document, "d2");
  quotes.speaker_id = russia;
  EXPECT_TRUE(store->FindQuotes(quotes)->empty());
}

TEST(SqliteStoreQueryTest, TimelineOfOneActorOnEitherSide) {
  TempDir dir;
  auto store = ThreeDocumentStore(dir);
  ASSERT_TRUE(store);
  TimelineFilter filter;
  filter.actor = "CHN";
  auto buckets = store->Timeline(filter);
  ASSERT_TRUE(buckets.ok()) << buckets.status().ToString();
  ASSERT_EQ(buckets->size(), 2u);
  EXPECT_EQ((*buckets)[0].period, "2024-07");
  EXPECT_EQ((*buckets)[0].cooperation, 1);
  EXPECT_EQ((*buckets)[1].period, "2024-08");
  EXPECT_EQ((*buckets)[1].events, 2);
  EXPECT_EQ((*buckets)[1].conflict, 1);
  filter = TimelineFilter();
  filter.actor_id = ActorId(*store, "Japan");
  buckets = store->Timeline(filter);
  ASSERT_TRUE(buckets.ok());
  ASSERT_EQ(buckets->size(), 1u);
  EXPECT_DOUBLE_EQ((*buckets)[0].goldstein_sum, -7.0);
  // Ids for a dyad.
  filter = TimelineFilter();
  filter.source_id = ActorId(*store, "Russia");
  filter.target = "China";
  EXPECT_EQ(store->Timeline(filter)->size(), 2u);
  EXPECT_FALSE(store->Timeline(TimelineFilter()).ok());
}

TEST(SqliteStoreQueryTest, InteractionsAggregatePairs) {
  TempDir dir;
  auto store = ThreeDocumentStore(dir);
  ASSERT_TRUE(store);
  auto all = store->FindInteractions({});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  const Interaction* praise = nullptr;
  for (const Interaction& i : *all) {
    if (i.source.name == "Russia") praise = &i;
  }
  ASSERT_NE(praise, nullptr);
  EXPECT_EQ(praise->target.code, "CHN");
  EXPECT_EQ(praise->events, 2);
  EXPECT_DOUBLE_EQ(praise->goldstein_sum, 6.8);
  EXPECT_EQ(praise->cooperation, 2);
  EXPECT_EQ(praise->conflict, 0);

  auto threats = store->FindInteractions({.code = "13"});
  ASSERT_TRUE(threats.ok());
  ASSERT_EQ(threats->size(), 1u);
  EXPECT_EQ((*threats)[0].target.name, "Japan");
  auto july =
      store->FindInteractions({.from = "2024-07-01", .to = "2024-07-31"});
  ASSERT_TRUE(july.ok());
  ASSERT_EQ(july->size(), 1u);
  EXPECT_EQ((*july)[0].events, 1);
  auto with_japan = store->FindInteractions({.actor = "Japan"});
  ASSERT_TRUE(with_japan.ok());
  EXPECT_EQ(with_japan->size(), 1u);
  EXPECT_FALSE(store->FindInteractions({.from = "2024-13-01"}).ok());
  // Text meant as SQL is only ever a value.
  auto injected = store->FindInteractions({.actor = "x' OR 1=1 --"});
  ASSERT_TRUE(injected.ok());
  EXPECT_TRUE(injected->empty());
}

TEST(SqliteStoreQueryTest, GetDocumentReturnsTheStoredText) {
  TempDir dir;
  auto store = ThreeDocumentStore(dir);
  ASSERT_TRUE(store);
  auto doc = store->GetDocument("d2");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "d2");
  EXPECT_EQ(doc->date, "2024-08-02");
  EXPECT_EQ(doc->source, "Paper");
  EXPECT_EQ(doc->url, "https://example.org/d2");
  EXPECT_EQ(doc->title, "Russia praises China");
  EXPECT_EQ(doc->text, PraiseDoc("d2", "2024-08-02", "Paper").first.text);
  auto absent = store->GetDocument("nope' OR '1'='1");
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace entente
