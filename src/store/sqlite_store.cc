// The SQLite implementation of Store (store.h); the schema is in
// sqlite_schema.cc and docs/store.md explains the design.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

#include "entente/store.h"
#include "store/civil_date.h"
#include "store/name_norm.h"
#include "store/sha256.h"
#include "store/sqlite_db.h"
#include "store/sqlite_schema.h"

#ifndef ENTENTE_VERSION
#define ENTENTE_VERSION "unknown"
#endif

namespace entente {

std::string ContentHash(const Document& document) {
  store::Sha256 sha;
  // Length-prefixed fields, so that moving text between fields changes it.
  for (const std::string* field :
       {&document.id, &document.date, &document.source, &document.url,
        &document.title, &document.text}) {
    sha.Update(std::to_string(field->size()));
    sha.Update(":");
    sha.Update(*field);
  }
  return sha.HexDigest();
}

namespace store {
namespace {

#define STORE_ASSIGN(lhs, expr)                 \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = std::move(lhs##_or).value()

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Escapes LIKE wildcards so user text matches literally (ESCAPE '\').
std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// "RUS", "USAGOV", "IGOUNO": written like a CAMEO code, so matched as one.
bool LooksLikeCode(std::string_view s) {
  if (s.size() < 3) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// A WHERE clause under construction: fixed SQL fragments with '?' and the
// values bound to them, in order.
struct Where {
  std::string sql;
  std::vector<SqlValue> values;
  void Add(std::string fragment, std::vector<SqlValue> v = {}) {
    sql += " AND ";
    sql += fragment;
    for (auto& x : v) values.push_back(std::move(x));
  }
};

constexpr char kActorIdsByName[] =
    "SELECT id FROM actors WHERE norm_name = ? UNION "
    "SELECT actor_id FROM entities WHERE norm_name = ? UNION "
    "SELECT en.actor_id FROM mentions m JOIN entities en ON en.id = "
    "m.entity_id WHERE m.norm_text = ?";

// Adds "this side is `who`" for an event side: by name or alias, or by code
// prefix when `who` looks like a code.
void AddActorMatch(Where& where, std::string_view actor_column,
                   std::string_view code_column, const std::string& who) {
  std::string norm = NormalizeName(who);
  std::string fragment =
      "(" + std::string(actor_column) + " IN (" + kActorIdsByName + ")";
  std::vector<SqlValue> values;
  for (int i = 0; i < 3; ++i) values.emplace_back(norm);
  if (LooksLikeCode(who)) {
    fragment += " OR " + std::string(code_column) + " LIKE ? ESCAPE '\\'";
    values.push_back(LikeEscape(who) + "%");
  }
  fragment += ")";
  where.Add(std::move(fragment), std::move(values));
}

// Adds "this side is actor `id`" when `id` is set, else the match by name or
// code of AddActorMatch when `who` is not empty.
void AddSideMatch(Where& where, std::string_view actor_column,
                  std::string_view code_column, const std::string& who,
                  int64_t id) {
  if (id > 0) {
    where.Add(std::string(actor_column) + " = ?", {id});
  } else if (!who.empty()) {
    AddActorMatch(where, actor_column, code_column, who);
  }
}

// Adds "either side is the actor" (by id or by name/code) to `where`.
void AddEitherSideMatch(Where& where, const std::string& who, int64_t id) {
  if (id <= 0 && who.empty()) return;
  Where a, b;
  AddSideMatch(a, "ev.source_actor", "ev.source_code", who, id);
  AddSideMatch(b, "ev.target_actor", "ev.target_code", who, id);
  std::vector<SqlValue> values = a.values;
  values.insert(values.end(), b.values.begin(), b.values.end());
  // Each fragment starts with " AND ".
  where.Add("(" + a.sql.substr(5) + " OR " + b.sql.substr(5) + ")",
            std::move(values));
}

// " LIMIT ? OFFSET ?" with its values when paging is asked for; bound rather
// than written into the SQL so that the statement cache stays small.
void AddPaging(std::string& sql, std::vector<SqlValue>& values, size_t limit,
               size_t offset) {
  if (limit == 0 && offset == 0) return;
  sql += " LIMIT ? OFFSET ?";
  values.emplace_back(limit > 0 ? static_cast<int64_t>(limit) : int64_t{-1});
  values.emplace_back(static_cast<int64_t>(offset));
}

Status AddDayRange(Where& where, std::string_view column,
                   const std::string& from, const std::string& to) {
  if (!from.empty()) {
    std::optional<int64_t> day = DayNumber(from);
    if (!day || from.size() != 10) {
      return InvalidArgumentError("--from '" + from +
                                  "' is not a YYYY-MM-DD date");
    }
    where.Add(std::string(column) + " >= ?", {*day});
  }
  if (!to.empty()) {
    std::optional<int64_t> day = DayNumber(to);
    if (!day || to.size() != 10) {
      return InvalidArgumentError("--to '" + to + "' is not a YYYY-MM-DD date");
    }
    where.Add(std::string(column) + " <= ?", {*day});
  }
  return Status::Ok();
}

// What an entity of the document being stored became in the database.
struct StoredEntity {
  int64_t row = 0;
  int64_t actor = 0;
  std::string code;
  std::string country;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> db, bool read_only)
      : db_(std::move(db)), read_only_(read_only) {}

  ~SqliteStore() override {
    if (in_batch_) (void)db_->Exec("ROLLBACK");
  }

  Status Initialize(const StoreOptions& options);

  StatusOr<std::unordered_map<std::string, std::string>> DocumentHashes()
      override;
  StatusOr<PutOutcome> PutDocument(const Document& document,
                                   const Analysis& analysis,
                                   std::string_view content_hash,
                                   bool force) override;
  StatusOr<bool> DeleteDocument(std::string_view id) override;
  Status BeginBatch() override;
  Status CommitBatch() override;
  StatusOr<StoreCounts> Counts() override;
  Status CheckIntegrity() override;
  StatusOr<std::vector<EventRecord>> FindEvents(
      const EventFilter& filter) override;
  StatusOr<std::vector<ActorRecord>> FindActors(
      const ActorFilter& filter) override;
  StatusOr<std::vector<QuoteRecord>> FindQuotes(
      const QuoteFilter& filter) override;
  StatusOr<std::vector<TimelineBucket>> Timeline(
      const TimelineFilter& filter) override;
  StatusOr<ActorGraph> BuildActorGraph(const std::string& from,
                                       const std::string& to) override;
  StatusOr<std::vector<Interaction>> FindInteractions(
      const GraphFilter& filter) override;
  StatusOr<DocumentRecord> GetDocument(std::string_view id) override;

 private:
  Status Migrate(int from_version);
  Status WriteDocument(const Document& document, const Analysis& analysis,
                       const std::string& hash, std::optional<int64_t> old_row);
  Status DeleteRows(int64_t document_row);
  StatusOr<int64_t> ResolveActor(const Entity& entity);
  Status PlaceInCluster(int64_t event_row, const std::string& key,
                        std::optional<int64_t> day, const std::string& source,
                        const std::string& target, const std::string& code,
                        const std::string& root, std::set<int64_t>& touched);
  Status SplitCluster(int64_t cluster, std::set<int64_t>& touched);
  Status RefreshCluster(int64_t cluster);
  Status RefreshActor(int64_t actor);
  StatusOr<ActorRecord> LoadActor(int64_t id);
  Status CheckWritable() const {
    if (read_only_) {
      return IoError(db_->path() + ": opened read-only; cannot write");
    }
    return Status::Ok();
  }

  std::unique_ptr<Db> db_;
  bool read_only_;
  bool in_batch_ = false;
  // Set when SQLite rolled back the current batch; CommitBatch reports it.
  Status batch_error_;
};

Status SqliteStore::Initialize(const StoreOptions& options) {
  sqlite3_busy_timeout(db_->raw(), options.busy_timeout_ms);
  const std::string& path = db_->path();
  if (!read_only_ && sqlite3_db_readonly(db_->raw(), "main") == 1) {
    return IoError(path +
                   ": the database file is read-only (check its permissions "
                   "and those of its directory)");
  }
  // The first read of the file: this is where a file that is not a SQLite
  // database is noticed.
  StatusOr<int64_t> app_id = db_->QueryInt("PRAGMA application_id");
  if (!app_id.ok()) {
    if (app_id.status().code() == StatusCode::kDataLoss) {
      return DataLossError(path + ": not a SQLite database, or corrupt: " +
                           app_id.status().message());
    }
    return app_id.status();
  }
  STORE_ASSIGN(version, db_->QueryInt("PRAGMA user_version"));
  if (*app_id != kApplicationId) {
    STORE_ASSIGN(tables, db_->QueryInt("SELECT count(*) FROM sqlite_master"));
    if (*app_id != 0 || tables > 0) {
      return InvalidArgumentError(
          path +
          ": a SQLite database, but not an entente store; refusing to "
          "modify it");
    }
  }
  if (version > kStoreSchemaVersion) {
    return InvalidArgumentError(
        path + ": schema version " + std::to_string(version) +
        " is newer than this entente supports (" +
        std::to_string(kStoreSchemaVersion) + "); use a newer entente");
  }
  if (read_only_) {
    if (version < kStoreSchemaVersion) {
      return InvalidArgumentError(
          path + ": schema version " + std::to_string(version) +
          " needs upgrading to " + std::to_string(kStoreSchemaVersion) +
          "; run 'entente ingest --db " + path + "' once (with no inputs)");
    }
  } else {
    // WAL: readers never block the writer, and a crash leaves the last
    // committed transaction. NORMAL sync is safe with WAL (no corruption; a
    // power cut may lose the last commits, a killed process loses nothing).
    STORE_ASSIGN(mode, db_->Prepare("PRAGMA journal_mode=WAL"));
    ENTENTE_RETURN_IF_ERROR(mode.Run());
    ENTENTE_RETURN_IF_ERROR(db_->Exec("PRAGMA synchronous=NORMAL"));
    if (options.max_size_bytes > 0) {
      int64_t page_size = 4096;
      STORE_ASSIGN(ps, db_->QueryInt("PRAGMA page_size"));
      if (ps > 0) page_size = ps;
      int64_t pages = std::max<int64_t>(1, options.max_size_bytes / page_size);
      ENTENTE_RETURN_IF_ERROR(
          db_->Exec("PRAGMA max_page_count=" + std::to_string(pages)));
    }
    if (version < kStoreSchemaVersion) {
      ENTENTE_RETURN_IF_ERROR(Migrate(static_cast<int>(version)));
    }
  }
  ENTENTE_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys=ON"));
  return Status::Ok();
}

Status SqliteStore::Migrate(int from_version) {
  const auto& migrations = SqliteMigrations();
  for (int v = from_version; v < kStoreSchemaVersion; ++v) {
    ENTENTE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    std::string sql(migrations[v]);
    sql += "\nPRAGMA user_version=" + std::to_string(v + 1) + ";";
    sql += "\nPRAGMA application_id=" + std::to_string(kApplicationId) + ";";
    Status status = db_->Exec(sql);
    if (status.ok()) status = db_->Exec("COMMIT");
    if (!status.ok()) {
      (void)db_->Exec("ROLLBACK");
      return Status(status.code(), "migrating to schema version " +
                                       std::to_string(v + 1) + ": " +
                                       status.message());
    }
  }
  return Status::Ok();
}

StatusOr<std::unordered_map<std::string, std::string>>
SqliteStore::DocumentHashes() {
  std::unordered_map<std::string, std::string> hashes;
  STORE_ASSIGN(stmt,
               db_->Prepare("SELECT doc_key, content_hash FROM documents"));
  while (true) {
    STORE_ASSIGN(row, stmt.Step());
    if (!row) break;
    hashes.emplace(stmt.Text(0), stmt.Text(1));
  }
  return hashes;
}

Status SqliteStore::BeginBatch() {
  ENTENTE_RETURN_IF_ERROR(CheckWritable());
  batch_error_ = Status::Ok();
  if (in_batch_) return InternalError("BeginBatch inside a batch");
  ENTENTE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  in_batch_ = true;
  return Status::Ok();
}

Status SqliteStore::CommitBatch() {
  if (!batch_error_.ok()) {
    Status lost = std::move(batch_error_);
    batch_error_ = Status::Ok();
    return lost;
  }
  if (!in_batch_) return InternalError("CommitBatch without BeginBatch");
  Status status = db_->Exec("COMMIT");
  if (!status.ok()) {
    // A failed COMMIT (disk full) leaves the transaction open; roll it back
    // so the file stays at the previous commit.
    (void)db_->Exec("ROLLBACK");
  }
  in_batch_ = false;
  return status;
}

StatusOr<PutOutcome> SqliteStore::PutDocument(const Document& document,
                                              const Analysis& analysis,
                                              std::string_view content_hash,
                                              bool force) {
  ENTENTE_RETURN_IF_ERROR(CheckWritable());
  std::string hash =
      content_hash.empty() ? ContentHash(document) : std::string(content_hash);
  std::optional<int64_t> old_row;
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT id, content_hash FROM documents WHERE "
                              "doc_key = ?"));
    stmt.Bind(1, document.id);
    STORE_ASSIGN(row, stmt.Step());
    if (row) {
      if (stmt.Text(1) == hash && !force) return PutOutcome::kUnchanged;
      old_row = stmt.Int(0);
    }
  }
  // A savepoint makes the document atomic both inside a batch (rolling back
  // only this document) and outside one (where it is the transaction).
  ENTENTE_RETURN_IF_ERROR(db_->Exec("SAVEPOINT put_document"));
  Status status = WriteDocument(document, analysis, hash, old_row);
  if (status.ok()) status = db_->Exec("RELEASE put_document");
  if (!status.ok()) {
    std::string message = document.origin.empty()
                              ? status.message()
                              : document.origin + ": " + status.message();
    if (sqlite3_get_autocommit(db_->raw())) {
      // SQLite already rolled the whole transaction back (disk full, I/O
      // error): the batch's earlier documents are gone too.
      if (in_batch_) {
        in_batch_ = false;
        message += " (the uncommitted batch was rolled back)";
        batch_error_ = Status(status.code(), message);
      }
    } else {
      (void)db_->Exec("ROLLBACK TO put_document");
      (void)db_->Exec("RELEASE put_document");
    }
    return Status(status.code(), message);
  }
  return old_row ? PutOutcome::kReplaced : PutOutcome::kAdded;
}

StatusOr<bool> SqliteStore::DeleteDocument(std::string_view id) {
  ENTENTE_RETURN_IF_ERROR(CheckWritable());
  std::optional<int64_t> row;
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT id FROM documents WHERE doc_key = ?"));
    stmt.Bind(1, id);
    STORE_ASSIGN(found, stmt.Step());
    if (!found) return false;
    row = stmt.Int(0);
  }
  ENTENTE_RETURN_IF_ERROR(db_->Exec("SAVEPOINT delete_document"));
  Status status = DeleteRows(*row);
  if (status.ok()) status = db_->Exec("RELEASE delete_document");
  if (!status.ok()) {
    (void)db_->Exec("ROLLBACK TO delete_document");
    (void)db_->Exec("RELEASE delete_document");
    return status;
  }
  return true;
}

Status SqliteStore::DeleteRows(int64_t doc) {
  std::vector<int64_t> clusters, actors;
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT DISTINCT cluster_id FROM events WHERE "
                              "document_id = ? AND cluster_id IS NOT NULL"));
    stmt.Bind(1, doc);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      clusters.push_back(stmt.Int(0));
    }
  }
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT DISTINCT actor_id FROM entities WHERE "
                              "document_id = ?"));
    stmt.Bind(1, doc);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      actors.push_back(stmt.Int(0));
    }
  }
  // Children first, so that no foreign key ever points at a deleted row.
  for (const char* sql :
       {"DELETE FROM warnings WHERE document_id = ?",
        "DELETE FROM dates WHERE document_id = ?",
        "DELETE FROM quotes WHERE document_id = ?",
        "DELETE FROM events WHERE document_id = ?",
        "DELETE FROM mentions WHERE entity_id IN (SELECT id FROM entities "
        "WHERE document_id = ?)",
        "DELETE FROM entities WHERE document_id = ?",
        "DELETE FROM documents WHERE id = ?"}) {
    STORE_ASSIGN(stmt, db_->Prepare(sql));
    stmt.Bind(1, doc);
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
  }
  std::set<int64_t> touched;
  for (int64_t cluster : clusters) {
    ENTENTE_RETURN_IF_ERROR(SplitCluster(cluster, touched));
  }
  for (int64_t cluster : touched) {
    ENTENTE_RETURN_IF_ERROR(RefreshCluster(cluster));
  }
  for (int64_t actor : actors) ENTENTE_RETURN_IF_ERROR(RefreshActor(actor));
  return Status::Ok();
}

// Re-derives an actor's first/last seen from its remaining documents, and
// deletes it when no document mentions it any more.
Status SqliteStore::RefreshActor(int64_t actor) {
  STORE_ASSIGN(
      count, db_->Prepare("SELECT count(*) FROM entities WHERE actor_id = ?"));
  count.Bind(1, actor);
  STORE_ASSIGN(row, count.Step());
  if (row && count.Int(0) == 0) {
    STORE_ASSIGN(del, db_->Prepare("DELETE FROM actors WHERE id = ?"));
    del.Bind(1, actor);
    return del.Run();
  }
  STORE_ASSIGN(
      update,
      db_->Prepare("UPDATE actors SET "
                   "first_seen = (SELECT min(d.date) FROM entities e JOIN "
                   "documents d ON d.id = e.document_id WHERE e.actor_id = ?1 "
                   "AND d.date <> ''), "
                   "last_seen = (SELECT max(d.date) FROM entities e JOIN "
                   "documents d ON d.id = e.document_id WHERE e.actor_id = ?1 "
                   "AND d.date <> '') WHERE id = ?1"));
  update.Bind(1, actor);
  return update.Run();
}

// Whether a mention text can identify an actor: capitalised and not a
// pronoun. Coreference chains carry "he" and "his", which every person
// shares and which must not merge two people, and descriptions ("The
// country", "The ministry" at a sentence start), which any state or body
// can have: after a leading "The" a name goes on capitalised.
bool IsNameLike(std::string_view text) {
  if (text.starts_with("The ") || text.starts_with("the ")) {
    text.remove_prefix(4);
  }
  if (text.empty()) return false;
  unsigned char first = static_cast<unsigned char>(text[0]);
  if (!((first >= 'A' && first <= 'Z') || first >= 0x80)) return false;
  static const std::set<std::string> kPronouns = {
      "he",   "him",  "his",   "she",  "her",  "hers",  "it",    "its",
      "they", "them", "their", "we",   "us",   "our",   "i",     "me",
      "my",   "you",  "your",  "this", "that", "these", "those", "who"};
  return kPronouns.count(NormalizeName(text)) == 0;
}

// Entity -> canonical actor, in order: same type and normalized name; for
// organisations the same bare 3-letter CAMEO code (NATO, IGOs); the name or
// a mention text used as a mention of exactly one actor of that type; for a
// one-word PERSON name, the one PERSON actor whose name ends with it.
// Otherwise a new actor. See docs/store.md for why.
StatusOr<int64_t> SqliteStore::ResolveActor(const Entity& entity) {
  std::string norm = NormalizeName(entity.name);
  if (norm.empty()) norm = NormalizeName(entity.id);
  {
    STORE_ASSIGN(stmt, db_->Prepare("SELECT id FROM actors WHERE type = ? AND "
                                    "norm_name = ?"));
    stmt.Bind(1, entity.type).Bind(2, norm);
    STORE_ASSIGN(row, stmt.Step());
    if (row) return stmt.Int(0);
  }
  // Not for places: the entity stage codes a capital with its country
  // ("London" GBR, as the seat of government), and London is not the UK.
  if (entity.code.size() == 3 && entity.type == "ORG") {
    STORE_ASSIGN(
        stmt, db_->Prepare("SELECT id FROM actors WHERE type = ? AND code = ? "
                           "ORDER BY id LIMIT 1"));
    stmt.Bind(1, entity.type).Bind(2, entity.code);
    STORE_ASSIGN(row, stmt.Step());
    if (row) return stmt.Int(0);
  }
  {
    // The name or a mention text used for exactly one actor of the type.
    std::set<std::string> names = {norm};
    // Not a person's mentions: "Biden" in Hunter Biden's chain is not a
    // name of Hunter Biden alone.
    if (entity.type != "PERSON") {
      for (const Mention& m : entity.mentions) {
        if (IsNameLike(m.text)) names.insert(NormalizeName(m.text));
      }
    }
    std::set<int64_t> ids;
    STORE_ASSIGN(
        stmt, db_->Prepare("SELECT DISTINCT en.actor_id FROM mentions m JOIN "
                           "entities en ON en.id = m.entity_id WHERE "
                           "m.norm_text = ? AND en.type = ? LIMIT 2"));
    for (const std::string& name : names) {
      if (name.empty()) continue;
      stmt.Bind(1, name).Bind(2, entity.type);
      while (true) {
        STORE_ASSIGN(row, stmt.Step());
        if (!row) break;
        ids.insert(stmt.Int(0));
      }
      stmt.Reset();
    }
    if (ids.size() == 1) return *ids.begin();
  }
  if (entity.type == "PERSON" && norm.find(' ') == std::string::npos) {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT id FROM actors WHERE type = 'PERSON' AND "
                              "norm_name LIKE ? ESCAPE '\\' LIMIT 2"));
    stmt.Bind(1, "% " + LikeEscape(norm));
    std::vector<int64_t> ids;
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      ids.push_back(stmt.Int(0));
    }
    if (ids.size() == 1) return ids[0];
  }
  STORE_ASSIGN(insert,
               db_->Prepare("INSERT INTO actors (name, norm_name, type, code, "
                            "country, role) VALUES (?, ?, ?, ?, ?, ?)"));
  insert.Bind(1, entity.name.empty() ? entity.id : entity.name)
      .Bind(2, norm)
      .Bind(3, entity.type)
      .Bind(4, entity.code)
      .Bind(5, entity.country)
      .Bind(6, entity.role);
  ENTENTE_RETURN_IF_ERROR(insert.Run());
  return db_->LastInsertId();
}

std::string SideKey(const std::string& code, int64_t actor) {
  if (!code.empty()) return code;
  if (actor != 0) return "@" + std::to_string(actor);
  return "";
}

std::string SentenceText(const Document& document, const Analysis& analysis,
                         uint32_t sentence) {
  if (sentence >= analysis.sentences.size()) return {};
  const Sentence& s = analysis.sentences[sentence];
  if (s.start > s.end || s.end > document.text.size()) return {};
  return document.text.substr(s.start, s.end - s.start);
}

Status SqliteStore::WriteDocument(const Document& document,
                                  const Analysis& analysis,
                                  const std::string& hash,
                                  std::optional<int64_t> old_row) {
  if (old_row) ENTENTE_RETURN_IF_ERROR(DeleteRows(*old_row));
  std::optional<int64_t> doc_day = DayNumber(document.date);
  int64_t doc;
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("INSERT INTO documents (doc_key, content_hash, "
                              "date, day, source, url, title, origin, text, "
                              "sentences, analyzer, ingested_at) VALUES (?, ?, "
                              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, document.id)
        .Bind(2, hash)
        .Bind(3, document.date)
        .Bind(4, doc_day)
        .Bind(5, document.source)
        .Bind(6, document.url)
        .Bind(7, document.title)
        .Bind(8, document.origin)
        .Bind(9, document.text)
        .Bind(10, static_cast<int64_t>(analysis.sentences.size()))
        .Bind(11, "entente " ENTENTE_VERSION)
        .Bind(12, UtcNow());
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
    doc = db_->LastInsertId();
  }

  std::unordered_map<std::string, StoredEntity> entities;
  for (const Entity& entity : analysis.entities) {
    if (entities.count(entity.id)) continue;  // Duplicate ids: keep the first.
    STORE_ASSIGN(actor, ResolveActor(entity));
    STORE_ASSIGN(stmt,
                 db_->Prepare("INSERT INTO entities (document_id, local_id, "
                              "actor_id, name, norm_name, type, code, country, "
                              "role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, doc)
        .Bind(2, entity.id)
        .Bind(3, actor)
        .Bind(4, entity.name)
        .Bind(5, NormalizeName(entity.name))
        .Bind(6, entity.type)
        .Bind(7, entity.code)
        .Bind(8, entity.country)
        .Bind(9, entity.role);
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
    int64_t row = db_->LastInsertId();
    entities[entity.id] = {row, actor, entity.code, entity.country};
    for (const Mention& mention : entity.mentions) {
      STORE_ASSIGN(
          m, db_->Prepare("INSERT INTO mentions (entity_id, start, end, "
                          "sentence, text, norm_text) VALUES (?, ?, ?, ?, ?, "
                          "?)"));
      m.Bind(1, row)
          .Bind(2, int64_t{mention.start})
          .Bind(3, int64_t{mention.end})
          .Bind(4, int64_t{mention.sentence})
          .Bind(5, mention.text)
          .Bind(6, NormalizeName(mention.text));
      ENTENTE_RETURN_IF_ERROR(m.Run());
    }
    // Seen dates and a code the actor lacked so far.
    STORE_ASSIGN(
        update,
        db_->Prepare("UPDATE actors SET "
                     "first_seen = CASE WHEN ?2 = '' THEN first_seen WHEN "
                     "first_seen IS NULL OR ?2 < first_seen THEN ?2 ELSE "
                     "first_seen END, "
                     "last_seen = CASE WHEN ?2 = '' THEN last_seen WHEN "
                     "last_seen IS NULL OR ?2 > last_seen THEN ?2 ELSE "
                     "last_seen END, "
                     "code = CASE WHEN code = '' THEN ?3 ELSE code END, "
                     "country = CASE WHEN country = '' THEN ?4 ELSE country "
                     "END, "
                     "role = CASE WHEN role = '' THEN ?5 ELSE role END "
                     "WHERE id = ?1"));
    update.Bind(1, actor)
        .Bind(2, document.date)
        .Bind(3, entity.code)
        .Bind(4, entity.country)
        .Bind(5, entity.role);
    ENTENTE_RETURN_IF_ERROR(update.Run());
  }
  auto entity_row = [&](const std::string& id) -> std::optional<int64_t> {
    auto it = entities.find(id);
    if (id.empty() || it == entities.end()) return std::nullopt;
    return it->second.row;
  };
  auto actor_of = [&](const std::string& id) -> std::optional<int64_t> {
    auto it = entities.find(id);
    if (id.empty() || it == entities.end()) return std::nullopt;
    return it->second.actor;
  };
  auto country_of = [&](const std::string& id, const std::string& code) {
    auto it = entities.find(id);
    if (it != entities.end() && !it->second.country.empty()) {
      return it->second.country;
    }
    return code.size() >= 3 ? code.substr(0, 3) : std::string();
  };

  std::set<int64_t> touched;
  std::set<std::string> event_ids;
  for (const Event& event : analysis.events) {
    if (!event_ids.insert(event.id).second) continue;
    std::optional<int64_t> day = DayNumber(event.date);
    if (!day) day = doc_day;
    std::string root =
        event.root.empty() ? event.code.substr(0, 2) : event.root;
    int64_t source_actor = actor_of(event.source).value_or(0);
    int64_t target_actor = actor_of(event.target).value_or(0);
    std::string key = SideKey(event.source_code, source_actor) + "|" +
                      SideKey(event.target_code, target_actor) + "|" +
                      event.code;
    STORE_ASSIGN(
        stmt,
        db_->Prepare("INSERT INTO events (document_id, local_id, sentence, "
                     "sentence_text, source_entity, target_entity, "
                     "source_actor, target_actor, source_code, target_code, "
                     "source_country, target_country, code, root, "
                     "quad_class, goldstein, event_date, day, modality, "
                     "negated, attributed_to, instrument, evidence_start, "
                     "evidence_end, evidence_text, cluster_key, place, "
                     "place_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, doc)
        .Bind(2, event.id)
        .Bind(3, int64_t{event.sentence})
        .Bind(4, SentenceText(document, analysis, event.sentence))
        .Bind(5, entity_row(event.source))
        .Bind(6, entity_row(event.target))
        .Bind(7, actor_of(event.source))
        .Bind(8, actor_of(event.target))
        .Bind(9, event.source_code)
        .Bind(10, event.target_code)
        .Bind(11, country_of(event.source, event.source_code))
        .Bind(12, country_of(event.target, event.target_code))
        .Bind(13, event.code)
        .Bind(14, root)
        .Bind(15, event.quad_class)
        .Bind(16, event.goldstein)
        .Bind(17, event.date)
        .Bind(18, day)
        .Bind(19, event.modality)
        .Bind(20, event.negated ? 1 : 0)
        .Bind(21, entity_row(event.attributed_to))
        .Bind(22, entity_row(event.instrument))
        .Bind(23, int64_t{event.evidence.start})
        .Bind(24, int64_t{event.evidence.end})
        .Bind(25, event.evidence.text)
        .Bind(26, key)
        .Bind(27, entity_row(event.place))
        .Bind(28, event.place_text);
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
    ENTENTE_RETURN_IF_ERROR(PlaceInCluster(db_->LastInsertId(), key, day,
                                           event.source_code, event.target_code,
                                           event.code, root, touched));
  }
  for (int64_t cluster : touched) {
    ENTENTE_RETURN_IF_ERROR(RefreshCluster(cluster));
  }

  std::set<std::string> quote_ids;
  for (const Quote& quote : analysis.quotes) {
    if (!quote_ids.insert(quote.id).second) continue;
    STORE_ASSIGN(
        stmt, db_->Prepare("INSERT INTO quotes (document_id, local_id, start, "
                           "end, sentence, text, speaker_entity, "
                           "speaker_actor, speaker_name, cue, "
                           "addressee_entity, medium_entity) VALUES (?, ?, ?, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, doc)
        .Bind(2, quote.id)
        .Bind(3, int64_t{quote.start})
        .Bind(4, int64_t{quote.end})
        .Bind(5, int64_t{quote.sentence})
        .Bind(6, quote.text)
        .Bind(7, entity_row(quote.speaker))
        .Bind(8, actor_of(quote.speaker))
        .Bind(9, quote.speaker_name)
        .Bind(10, quote.cue)
        .Bind(11, entity_row(quote.addressee))
        .Bind(12, entity_row(quote.medium));
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
  }
  for (const DateMention& date : analysis.dates) {
    STORE_ASSIGN(
        stmt, db_->Prepare("INSERT INTO dates (document_id, start, end, "
                           "sentence, text, value) VALUES (?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, doc)
        .Bind(2, int64_t{date.start})
        .Bind(3, int64_t{date.end})
        .Bind(4, int64_t{date.sentence})
        .Bind(5, date.text)
        .Bind(6, date.value);
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
  }
  for (const Warning& warning : analysis.warnings) {
    STORE_ASSIGN(stmt,
                 db_->Prepare("INSERT INTO warnings (document_id, offset, "
                              "message) VALUES (?, ?, ?)"));
    stmt.Bind(1, doc).Bind(2, int64_t{warning.offset}).Bind(3, warning.message);
    ENTENTE_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

// Clusters are the connected components of "same key, dates at most one day
// apart" (single linkage), so they do not depend on the order documents
// arrive in. A new event joins every cluster of its key whose date range
// comes within a day of it, merging them; an undated event is alone.
Status SqliteStore::PlaceInCluster(int64_t event_row, const std::string& key,
                                   std::optional<int64_t> day,
                                   const std::string& source,
                                   const std::string& target,
                                   const std::string& code,
                                   const std::string& root,
                                   std::set<int64_t>& touched) {
  std::vector<int64_t> matches;
  if (day) {
    STORE_ASSIGN(
        stmt, db_->Prepare("SELECT id FROM event_clusters WHERE cluster_key = "
                           "? AND first_day <= ? AND last_day >= ? ORDER BY "
                           "id"));
    stmt.Bind(1, key).Bind(2, *day + 1).Bind(3, *day - 1);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      matches.push_back(stmt.Int(0));
    }
  }
  int64_t cluster;
  if (matches.empty()) {
    STORE_ASSIGN(insert,
                 db_->Prepare("INSERT INTO event_clusters (cluster_key, "
                              "source_code, target_code, code, root, "
                              "first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, "
                              "?)"));
    insert.Bind(1, key)
        .Bind(2, source)
        .Bind(3, target)
        .Bind(4, code)
        .Bind(5, root)
        .Bind(6, day)
        .Bind(7, day);
    ENTENTE_RETURN_IF_ERROR(insert.Run());
    cluster = db_->LastInsertId();
  } else {
    cluster = matches[0];
    for (size_t i = 1; i < matches.size(); ++i) {
      STORE_ASSIGN(move, db_->Prepare("UPDATE events SET cluster_id = ? WHERE "
                                      "cluster_id = ?"));
      move.Bind(1, cluster).Bind(2, matches[i]);
      ENTENTE_RETURN_IF_ERROR(move.Run());
      STORE_ASSIGN(del,
                   db_->Prepare("DELETE FROM event_clusters WHERE id = ?"));
      del.Bind(1, matches[i]);
      ENTENTE_RETURN_IF_ERROR(del.Run());
      touched.erase(matches[i]);
    }
  }
  STORE_ASSIGN(assign,
               db_->Prepare("UPDATE events SET cluster_id = ? WHERE id = ?"));
  assign.Bind(1, cluster).Bind(2, event_row);
  ENTENTE_RETURN_IF_ERROR(assign.Run());
  // Keep the range current now: later events of this document match on it.
  STORE_ASSIGN(range,
               db_->Prepare("UPDATE event_clusters SET first_day = (SELECT "
                            "min(day) FROM events WHERE cluster_id = ?1), "
                            "last_day = (SELECT max(day) FROM events WHERE "
                            "cluster_id = ?1) WHERE id = ?1"));
  range.Bind(1, cluster);
  ENTENTE_RETURN_IF_ERROR(range.Run());
  touched.insert(cluster);
  return Status::Ok();
}

// After events left `cluster`, its remaining events may fall apart into
// several runs more than a day apart; the first run keeps the id.
Status SqliteStore::SplitCluster(int64_t cluster, std::set<int64_t>& touched) {
  std::vector<std::pair<int64_t, std::optional<int64_t>>> events;
  {
    STORE_ASSIGN(stmt,
                 db_->Prepare("SELECT id, day FROM events WHERE cluster_id = ? "
                              "ORDER BY day, id"));
    stmt.Bind(1, cluster);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      events.emplace_back(stmt.Int(0), stmt.OptInt(1));
    }
  }
  if (events.empty()) {
    STORE_ASSIGN(del, db_->Prepare("DELETE FROM event_clusters WHERE id = ?"));
    del.Bind(1, cluster);
    touched.erase(cluster);
    return del.Run();
  }
  touched.insert(cluster);
  int64_t current = cluster;
  for (size_t i = 1; i < events.size(); ++i) {
    const auto& prev = events[i - 1].second;
    const auto& day = events[i].second;
    if (!prev || !day || *day - *prev <= 1) {
      if (current != cluster) {
        STORE_ASSIGN(
            move,
            db_->Prepare("UPDATE events SET cluster_id = ? WHERE id = ?"));
        move.Bind(1, current).Bind(2, events[i].first);
        ENTENTE_RETURN_IF_ERROR(move.Run());
      }
      continue;
    }
    STORE_ASSIGN(insert,
                 db_->Prepare("INSERT INTO event_clusters (cluster_key, "
                              "source_code, target_code, code, root) SELECT "
                              "cluster_key, source_code, target_code, code, "
                              "root FROM event_clusters WHERE id = ?"));
    insert.Bind(1, cluster);
    ENTENTE_RETURN_IF_ERROR(insert.Run());
    current = db_->LastInsertId();
    touched.insert(current);
    STORE_ASSIGN(move,
                 db_->Prepare("UPDATE events SET cluster_id = ? WHERE id = ?"));
    move.Bind(1, current).Bind(2, events[i].first);
    ENTENTE_RETURN_IF_ERROR(move.Run());
  }
  return Status::Ok();
}

// Recomputes a cluster's range and counts from its events. A document
// without a publisher counts as a source of its own.
Status SqliteStore::RefreshCluster(int64_t cluster) {
  STORE_ASSIGN(
      stmt,
      db_->Prepare(
          "UPDATE event_clusters SET "
          "first_day = (SELECT min(day) FROM events WHERE cluster_id = ?1), "
          "last_day = (SELECT max(day) FROM events WHERE cluster_id = ?1), "
          "num_mentions = (SELECT count(*) FROM events WHERE cluster_id = "
          "?1), "
          "num_articles = (SELECT count(DISTINCT document_id) FROM events "
          "WHERE cluster_id = ?1), "
          "num_sources = (SELECT count(DISTINCT CASE WHEN d.source = '' THEN "
          "'#' || d.id ELSE d.source END) FROM events e JOIN documents d ON "
          "d.id = e.document_id WHERE e.cluster_id = ?1), "
          "goldstein = coalesce((SELECT avg(goldstein) FROM events WHERE "
          "cluster_id = ?1), 0), "
          "representative = (SELECT id FROM events WHERE cluster_id = ?1 "
          "ORDER BY day, id LIMIT 1) "
          "WHERE id = ?1"));
  stmt.Bind(1, cluster);
  return stmt.Run();
}

StatusOr<StoreCounts> SqliteStore::Counts() {
  StoreCounts counts;
  std::pair<const char*, int64_t*> tables[] = {
      {"documents", &counts.documents}, {"actors", &counts.actors},
      {"entities", &counts.entities},   {"mentions", &counts.mentions},
      {"events", &counts.events},       {"event_clusters", &counts.clusters},
      {"quotes", &counts.quotes},       {"dates", &counts.dates}};
  for (auto& [table, out] : tables) {
    STORE_ASSIGN(n,
                 db_->QueryInt(std::string("SELECT count(*) FROM ") + table));
    *out = n;
  }
  return counts;
}

Status SqliteStore::CheckIntegrity() {
  const std::string& path = db_->path();
  {
    STORE_ASSIGN(stmt, db_->Prepare("PRAGMA quick_check"));
    STORE_ASSIGN(row, stmt.Step());
    if (!row || stmt.Text(0) != "ok") {
      return DataLossError(path + ": integrity check failed: " +
                           (row ? stmt.Text(0) : std::string("no result")));
    }
  }
  {
    STORE_ASSIGN(stmt, db_->Prepare("PRAGMA foreign_key_check"));
    STORE_ASSIGN(row, stmt.Step());
    if (row) {
      return DataLossError(path + ": table " + stmt.Text(0) +
                           " has a dangling reference (row " + stmt.Text(1) +
                           ")");
    }
  }
  const std::pair<const char*, const char*> invariants[] = {
      {"SELECT count(*) FROM events WHERE cluster_id IS NULL OR cluster_id "
       "NOT IN (SELECT id FROM event_clusters)",
       "events without a cluster"},
      {"SELECT count(*) FROM event_clusters c WHERE num_mentions <> (SELECT "
       "count(*) FROM events e WHERE e.cluster_id = c.id) OR num_articles <> "
       "(SELECT count(DISTINCT document_id) FROM events e WHERE e.cluster_id "
       "= c.id)",
       "clusters whose counts disagree with their events"},
      {"SELECT count(*) FROM event_clusters c WHERE num_mentions = 0 OR "
       "NOT EXISTS (SELECT 1 FROM events e WHERE e.id = c.representative "
       "AND e.cluster_id = c.id)",
       "empty clusters or clusters without their first report"},
      {"SELECT count(*) FROM actors a WHERE NOT EXISTS (SELECT 1 FROM "
       "entities e WHERE e.actor_id = a.id)",
       "actors that no document mentions"},
      {"SELECT count(*) FROM events e WHERE e.source_actor IS NOT NULL AND "
       "NOT EXISTS (SELECT 1 FROM entities n WHERE n.id = e.source_entity "
       "AND n.actor_id = e.source_actor)",
       "events whose source disagrees with its entity"},
  };
  for (const auto& [sql, what] : invariants) {
    STORE_ASSIGN(n, db_->QueryInt(sql));
    if (n != 0) {
      return DataLossError(path + ": " + std::to_string(n) + " " + what);
    }
  }
  return Status::Ok();
}

constexpr char kEventColumns[] =
    "SELECT ev.id, ev.local_id, d.doc_key, d.date, d.source, d.url, "
    "d.ingested_at, ev.sentence, ev.sentence_text, "
    "sa.id, sa.name, sa.type, sa.code, sa.country, sa.role, "
    "ta.id, ta.name, ta.type, ta.code, ta.country, ta.role, "
    "ev.source_code, ev.target_code, ev.code, ev.root, ev.quad_class, "
    "ev.goldstein, ev.day, ev.event_date, ev.modality, ev.negated, "
    "(SELECT a.name FROM entities n JOIN actors a ON a.id = n.actor_id WHERE "
    "n.id = ev.attributed_to), "
    "(SELECT a.name FROM entities n JOIN actors a ON a.id = n.actor_id WHERE "
    "n.id = ev.instrument), "
    "ev.evidence_start, ev.evidence_end, ev.evidence_text, ev.cluster_id, "
    "c.num_mentions, c.num_sources, c.num_articles, d.title, ev.place_text "
    "FROM events ev JOIN documents d ON d.id = ev.document_id "
    "LEFT JOIN actors sa ON sa.id = ev.source_actor "
    "LEFT JOIN actors ta ON ta.id = ev.target_actor "
    "LEFT JOIN event_clusters c ON c.id = ev.cluster_id WHERE 1";

ActorRef ReadActorRef(const Statement& s, int col) {
  ActorRef ref;
  if (s.IsNull(col)) return ref;
  ref.id = s.Int(col);
  ref.name = s.Text(col + 1);
  ref.type = s.Text(col + 2);
  ref.code = s.Text(col + 3);
  ref.country = s.Text(col + 4);
  ref.role = s.Text(col + 5);
  return ref;
}

StatusOr<std::vector<EventRecord>> SqliteStore::FindEvents(
    const EventFilter& filter) {
  Where where;
  AddEitherSideMatch(where, filter.actor, filter.actor_id);
  AddSideMatch(where, "ev.source_actor", "ev.source_code", filter.source,
               filter.source_id);
  AddSideMatch(where, "ev.target_actor", "ev.target_code", filter.target,
               filter.target_id);
  if (!filter.country.empty()) {
    where.Add("(ev.source_country = ? OR ev.target_country = ?)",
              {filter.country, filter.country});
  }
  if (!filter.code.empty()) {
    where.Add("ev.code LIKE ? ESCAPE '\\'", {LikeEscape(filter.code) + "%"});
  }
  if (filter.quad_class != 0) {
    where.Add("ev.quad_class = ?", {int64_t{filter.quad_class}});
  }
  ENTENTE_RETURN_IF_ERROR(AddDayRange(where, "ev.day", filter.from, filter.to));
  if (!filter.text.empty()) {
    std::string like = "%" + LikeEscape(filter.text) + "%";
    where.Add(
        "(ev.evidence_text LIKE ? ESCAPE '\\' OR ev.sentence_text LIKE ? "
        "ESCAPE '\\')",
        {like, like});
  }
  if (filter.min_sources > 0) {
    where.Add("c.num_sources >= ?", {int64_t{filter.min_sources}});
  }
  if (!filter.document.empty()) where.Add("d.doc_key = ?", {filter.document});
  if (filter.one_per_cluster) {
    where.Add(
        "ev.id = (SELECT representative FROM event_clusters WHERE id = "
        "ev.cluster_id)");
  }
  std::string sql =
      std::string(kEventColumns) + where.sql + " ORDER BY ev.day, ev.id";
  AddPaging(sql, where.values, filter.limit, filter.offset);
  STORE_ASSIGN(stmt, db_->Prepare(sql));
  stmt.BindAll(where.values);
  std::vector<EventRecord> out;
  while (true) {
    STORE_ASSIGN(row, stmt.Step());
    if (!row) break;
    EventRecord r;
    r.id = stmt.Int(0);
    r.local_id = stmt.Text(1);
    r.document = stmt.Text(2);
    r.document_date = stmt.Text(3);
    r.publisher = stmt.Text(4);
    r.url = stmt.Text(5);
    r.ingested_at = stmt.Text(6);
    r.sentence = static_cast<int>(stmt.Int(7));
    r.sentence_text = stmt.Text(8);
    r.source = ReadActorRef(stmt, 9);
    r.target = ReadActorRef(stmt, 15);
    r.source_code = stmt.Text(21);
    r.target_code = stmt.Text(22);
    r.code = stmt.Text(23);
    r.root = stmt.Text(24);
    r.quad_class = static_cast<int>(stmt.Int(25));
    r.goldstein = stmt.Double(26);
    if (!stmt.IsNull(27)) {
      r.date = IsoFromDays(stmt.Int(27));
    } else {
      r.date = stmt.Text(28);
    }
    r.modality = stmt.Text(29);
    r.negated = stmt.Int(30) != 0;
    r.attributed_to = stmt.Text(31);
    r.instrument = stmt.Text(32);
    r.evidence.start = static_cast<uint32_t>(stmt.Int(33));
    r.evidence.end = static_cast<uint32_t>(stmt.Int(34));
    r.evidence.text = stmt.Text(35);
    r.cluster = stmt.Int(36);
    r.num_mentions = static_cast<int>(stmt.Int(37));
    r.num_sources = static_cast<int>(stmt.Int(38));
    r.num_articles = static_cast<int>(stmt.Int(39));
    r.title = stmt.Text(40);
    r.place = stmt.Text(41);
    out.push_back(std::move(r));
  }
  return out;
}

constexpr char kActorColumns[] =
    "SELECT a.id, a.name, a.type, a.code, a.country, a.role, "
    "coalesce(a.first_seen, ''), coalesce(a.last_seen, ''), "
    "(SELECT count(DISTINCT document_id) FROM entities WHERE actor_id = a.id) "
    "AS docs, "
    "(SELECT count(*) FROM mentions m JOIN entities n ON n.id = m.entity_id "
    "WHERE n.actor_id = a.id), "
    "(SELECT count(*) FROM events WHERE source_actor = a.id) + (SELECT "
    "count(*) FROM events WHERE target_actor = a.id AND "
    "coalesce(source_actor, 0) <> a.id) "
    "FROM actors a WHERE 1";

StatusOr<std::vector<ActorRecord>> ReadActors(Db& db, const std::string& sql,
                                              const std::vector<SqlValue>& v) {
  std::vector<ActorRecord> out;
  {
    STORE_ASSIGN(stmt, db.Prepare(sql));
    stmt.BindAll(v);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      ActorRecord r;
      r.actor = ReadActorRef(stmt, 0);
      r.first_seen = stmt.Text(6);
      r.last_seen = stmt.Text(7);
      r.documents = stmt.Int(8);
      r.mentions = stmt.Int(9);
      r.events = stmt.Int(10);
      out.push_back(std::move(r));
    }
  }
  STORE_ASSIGN(aliases,
               db.Prepare("SELECT min(m.text), count(*) AS n FROM mentions m "
                          "JOIN entities n ON n.id = m.entity_id WHERE "
                          "n.actor_id = ? GROUP BY m.norm_text ORDER BY n "
                          "DESC, 1 LIMIT 20"));
  for (ActorRecord& r : out) {
    aliases.Bind(1, r.actor.id);
    while (true) {
      STORE_ASSIGN(row, aliases.Step());
      if (!row) break;
      r.aliases.push_back(aliases.Text(0));
    }
    aliases.Reset();
  }
  return out;
}

StatusOr<std::vector<ActorRecord>> SqliteStore::FindActors(
    const ActorFilter& filter) {
  Where where;
  if (!filter.name.empty()) {
    std::string like = "%" + LikeEscape(NormalizeName(filter.name)) + "%";
    where.Add(
        "(a.norm_name LIKE ? ESCAPE '\\' OR a.id IN (SELECT actor_id FROM "
        "entities WHERE norm_name LIKE ? ESCAPE '\\') OR a.id IN (SELECT "
        "n.actor_id FROM mentions m JOIN entities n ON n.id = m.entity_id "
        "WHERE m.norm_text LIKE ? ESCAPE '\\'))",
        {like, like, like});
  }
  if (!filter.type.empty()) where.Add("a.type = ?", {filter.type});
  if (!filter.code.empty()) {
    where.Add("a.code LIKE ? ESCAPE '\\'", {LikeEscape(filter.code) + "%"});
  }
  if (!filter.country.empty()) where.Add("a.country = ?", {filter.country});
  if (filter.id > 0) where.Add("a.id = ?", {filter.id});
  if (!filter.from.empty() || !filter.to.empty()) {
    Where range;
    ENTENTE_RETURN_IF_ERROR(
        AddDayRange(range, "d.day", filter.from, filter.to));
    where.Add(
        "EXISTS (SELECT 1 FROM entities n JOIN documents d ON d.id = "
        "n.document_id WHERE n.actor_id = a.id" +
            range.sql + ")",
        std::move(range.values));
  }
  std::string sql = std::string(kActorColumns) + where.sql +
                    " ORDER BY docs DESC, a.name, a.id";
  AddPaging(sql, where.values, filter.limit, filter.offset);
  return ReadActors(*db_, sql, where.values);
}

StatusOr<ActorRecord> SqliteStore::LoadActor(int64_t id) {
  STORE_ASSIGN(rows,
               ReadActors(*db_, std::string(kActorColumns) + " AND a.id = ?",
                          {SqlValue(id)}));
  if (rows.empty()) {
    return NotFoundError(db_->path() + ": no actor " + std::to_string(id));
  }
  return std::move(rows[0]);
}

StatusOr<std::vector<QuoteRecord>> SqliteStore::FindQuotes(
    const QuoteFilter& filter) {
  Where where;
  if (filter.speaker_id > 0) {
    where.Add("q.speaker_actor = ?", {filter.speaker_id});
  } else if (!filter.speaker.empty()) {
    std::string norm = NormalizeName(filter.speaker);
    std::string fragment = std::string("(q.speaker_actor IN (") +
                           kActorIdsByName +
                           ") OR q.speaker_name LIKE ? ESCAPE '\\'";
    std::vector<SqlValue> values;
    for (int i = 0; i < 3; ++i) values.emplace_back(norm);
    values.emplace_back(LikeEscape(filter.speaker));
    if (LooksLikeCode(filter.speaker)) {
      fragment += " OR sa.code LIKE ? ESCAPE '\\'";
      values.push_back(LikeEscape(filter.speaker) + "%");
    }
    where.Add(fragment + ")", std::move(values));
  }
  if (!filter.text.empty()) {
    where.Add("q.text LIKE ? ESCAPE '\\'",
              {"%" + LikeEscape(filter.text) + "%"});
  }
  if (!filter.document.empty()) where.Add("d.doc_key = ?", {filter.document});
  ENTENTE_RETURN_IF_ERROR(AddDayRange(where, "d.day", filter.from, filter.to));
  std::string sql =
      "SELECT q.id, d.doc_key, d.date, d.url, q.text, "
      "sa.id, sa.name, sa.type, sa.code, sa.country, sa.role, "
      "q.speaker_name, q.cue, "
      "(SELECT a.name FROM entities n JOIN actors a ON a.id = n.actor_id "
      "WHERE n.id = q.addressee_entity), "
      "(SELECT a.name FROM entities n JOIN actors a ON a.id = n.actor_id "
      "WHERE n.id = q.medium_entity), q.start, q.end "
      "FROM quotes q JOIN documents d ON d.id = q.document_id "
      "LEFT JOIN actors sa ON sa.id = q.speaker_actor WHERE 1" +
      where.sql + " ORDER BY d.day, q.id";
  AddPaging(sql, where.values, filter.limit, filter.offset);
  STORE_ASSIGN(stmt, db_->Prepare(sql));
  stmt.BindAll(where.values);
  std::vector<QuoteRecord> out;
  while (true) {
    STORE_ASSIGN(row, stmt.Step());
    if (!row) break;
    QuoteRecord r;
    r.id = stmt.Int(0);
    r.document = stmt.Text(1);
    r.date = stmt.Text(2);
    r.url = stmt.Text(3);
    r.text = stmt.Text(4);
    r.speaker = ReadActorRef(stmt, 5);
    r.speaker_name = stmt.Text(11);
    r.cue = stmt.Text(12);
    r.addressee = stmt.Text(13);
    r.medium = stmt.Text(14);
    r.span.start = static_cast<uint32_t>(stmt.Int(15));
    r.span.end = static_cast<uint32_t>(stmt.Int(16));
    r.span.text = r.text;
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::vector<TimelineBucket>> SqliteStore::Timeline(
    const TimelineFilter& filter) {
  const bool one_actor = !filter.actor.empty() || filter.actor_id > 0;
  if (!one_actor && ((filter.source.empty() && filter.source_id <= 0) ||
                     (filter.target.empty() && filter.target_id <= 0))) {
    return InvalidArgumentError("a timeline needs a source and a target");
  }
  auto direction = [](const std::string& a, int64_t a_id, const std::string& b,
                      int64_t b_id) {
    Where w;
    AddSideMatch(w, "ev.source_actor", "ev.source_code", a, a_id);
    AddSideMatch(w, "ev.target_actor", "ev.target_code", b, b_id);
    return w;
  };
  Where where;
  Where forward = direction(filter.source, filter.source_id, filter.target,
                            filter.target_id);
  if (one_actor) {
    AddEitherSideMatch(where, filter.actor, filter.actor_id);
  } else if (filter.both_directions) {
    Where backward = direction(filter.target, filter.target_id, filter.source,
                               filter.source_id);
    std::vector<SqlValue> values = forward.values;
    values.insert(values.end(), backward.values.begin(), backward.values.end());
    where.Add("((1" + forward.sql + ") OR (1" + backward.sql + "))",
              std::move(values));
  } else {
    where = forward;
  }
  ENTENTE_RETURN_IF_ERROR(AddDayRange(where, "ev.day", filter.from, filter.to));
  where.Add("ev.day IS NOT NULL");
  if (filter.one_per_cluster) {
    where.Add(
        "ev.id = (SELECT representative FROM event_clusters WHERE id = "
        "ev.cluster_id)");
  }
  std::string sql =
      "SELECT ev.day, ev.quad_class, ev.goldstein FROM events ev WHERE 1" +
      where.sql + " ORDER BY ev.day";
  STORE_ASSIGN(stmt, db_->Prepare(sql));
  stmt.BindAll(where.values);
  std::map<std::string, TimelineBucket> buckets;
  while (true) {
    STORE_ASSIGN(row, stmt.Step());
    if (!row) break;
    int64_t day = stmt.Int(0);
    std::string period;
    switch (filter.unit) {
      case TimelineUnit::kDay:
        period = IsoFromDays(day);
        break;
      case TimelineUnit::kWeek:
        period = IsoWeek(day);
        break;
      case TimelineUnit::kMonth:
        period = IsoFromDays(day).substr(0, 7);
        break;
    }
    TimelineBucket& b = buckets[period];
    b.period = period;
    ++b.events;
    b.goldstein_sum += stmt.Double(2);
    int quad = static_cast<int>(stmt.Int(1));
    if (quad == 1 || quad == 2) ++b.cooperation;
    if (quad == 3 || quad == 4) ++b.conflict;
  }
  std::vector<TimelineBucket> out;
  for (auto& [period, bucket] : buckets) out.push_back(std::move(bucket));
  return out;
}

StatusOr<ActorGraph> SqliteStore::BuildActorGraph(const std::string& from,
                                                  const std::string& to) {
  Where where;
  ENTENTE_RETURN_IF_ERROR(AddDayRange(where, "day", from, to));
  std::string sql =
      "SELECT source_actor, target_actor, count(*), sum(goldstein), "
      "sum(quad_class IN (1, 2)), sum(quad_class IN (3, 4)) FROM events "
      "WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL AND "
      "source_actor <> target_actor" +
      where.sql + " GROUP BY 1, 2 ORDER BY 1, 2";
  ActorGraph graph;
  std::set<int64_t> ids;
  {
    STORE_ASSIGN(stmt, db_->Prepare(sql));
    stmt.BindAll(where.values);
    while (true) {
      STORE_ASSIGN(row, stmt.Step());
      if (!row) break;
      GraphEdge e;
      e.source = stmt.Int(0);
      e.target = stmt.Int(1);
      e.events = stmt.Int(2);
      e.goldstein_sum = stmt.Double(3);
      e.cooperation = stmt.Int(4);
      e.conflict = stmt.Int(5);
      ids.insert(e.source);
      ids.insert(e.target);
      graph.edges.push_back(e);
    }
  }
  for (int64_t id : ids) {
    STORE_ASSIGN(actor, LoadActor(id));
    graph.nodes.push_back(std::move(actor));
  }
  return graph;
}

StatusOr<std::vector<Interaction>> SqliteStore::FindInteractions(
    const GraphFilter& filter) {
  Where where;
  ENTENTE_RETURN_IF_ERROR(AddDayRange(where, "ev.day", filter.from, filter.to));
  if (!filter.code.empty()) {
    where.Add("ev.code LIKE ? ESCAPE '\\'", {LikeEscape(filter.code) + "%"});
  }
  AddEitherSideMatch(where, filter.actor, filter.actor_id);
  // Aggregate first, then describe the actors of the (fewer) pairs.
  std::string sql =
      "SELECT sa.id, sa.name, sa.type, sa.code, sa.country, sa.role, "
      "ta.id, ta.name, ta.type, ta.code, ta.country, ta.role, "
      "g.n, g.goldstein, g.cooperation, g.conflict FROM ("
      "SELECT ev.source_actor AS s, ev.target_actor AS t, count(*) AS n, "
      "sum(ev.goldstein) AS goldstein, "
      "sum(ev.quad_class IN (1, 2)) AS cooperation, "
      "sum(ev.quad_class IN (3, 4)) AS conflict FROM events ev "
      "WHERE ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL AND "
      "ev.source_actor <> ev.target_actor" +
      where.sql +
      " GROUP BY 1, 2) g JOIN actors sa ON sa.id = g.s "
      "JOIN actors ta ON ta.id = g.t ORDER BY g.s, g.t";
  STORE_ASSIGN(stmt, db_->Prepare(sql));
  stmt.BindAll(where.values);
  std::vector<Interaction> out;
  while (true) {
    STORE_ASSIGN(row, stmt.Step());
    if (!row) break;
    Interaction i;
    i.source = ReadActorRef(stmt, 0);
    i.target = ReadActorRef(stmt, 6);
    i.events = stmt.Int(12);
    i.goldstein_sum = stmt.Double(13);
    i.cooperation = stmt.Int(14);
    i.conflict = stmt.Int(15);
    out.push_back(std::move(i));
  }
  return out;
}

StatusOr<DocumentRecord> SqliteStore::GetDocument(std::string_view id) {
  STORE_ASSIGN(stmt, db_->Prepare("SELECT doc_key, title, date, source, url, "
                                  "text FROM documents WHERE doc_key = ?"));
  stmt.Bind(1, id);
  STORE_ASSIGN(row, stmt.Step());
  if (!row) {
    return NotFoundError(db_->path() + ": no document '" + std::string(id) +
                         "'");
  }
  DocumentRecord d;
  d.id = stmt.Text(0);
  d.title = stmt.Text(1);
  d.date = stmt.Text(2);
  d.source = stmt.Text(3);
  d.url = stmt.Text(4);
  d.text = stmt.Text(5);
  return d;
}

}  // namespace
}  // namespace store

StatusOr<std::unique_ptr<Store>> Store::OpenSqlite(
    const std::string& path, const StoreOptions& options) {
  if (path.empty()) return InvalidArgumentError("no database file given");
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (options.read_only && !exists) {
    return NotFoundError(path +
                         ": no such database (create it with entente "
                         "ingest)");
  }
  if (exists && S_ISDIR(st.st_mode)) {
    return InvalidArgumentError(path + ": is a directory, not a database file");
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto db = store::Db::Open(path, flags);
  if (!db.ok()) return db.status();
  auto result = std::make_unique<store::SqliteStore>(std::move(db).value(),
                                                     options.read_only);
  Status status = result->Initialize(options);
  if (!status.ok()) return status;
  return std::unique_ptr<Store>(std::move(result));
}

}  // namespace entente
