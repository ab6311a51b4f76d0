#include "store/sqlite_db.h"

namespace entente::store {

Status SqliteStatus(sqlite3* db, int rc, std::string_view path,
                    std::string_view what) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message =
      std::string(path) + ": " + std::string(what) + ": " + detail;
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return ResourceExhaustedError(message + " (disk or size limit full)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLossError(message +
                           " (the database file is corrupt: restore it from a "
                           "backup, or ingest the documents into a new file)");
    case SQLITE_READONLY:
      return IoError(message +
                     " (the database is read-only: entente must be able to "
                     "write the file and to create its -wal and -shm files "
                     "in its directory)");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IoError(message);
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return InvalidArgumentError(message);
    default:
      return InternalError(message);
  }
}

Statement& Statement::Bind(int i, const SqlValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return Bind(i, *n);
  if (const auto* d = std::get_if<double>(&v)) return Bind(i, *d);
  if (const auto* s = std::get_if<std::string>(&v)) return Bind(i, *s);
  return BindNull(i);
}

StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, "query failed");
}

Status Statement::Run() {
  // Step to the end and reset, so that a finished statement never holds a
  // read transaction open (COMMIT fails while statements are in progress).
  while (true) {
    StatusOr<bool> row = Step();
    if (!row.ok()) {
      Reset();
      return row.status();
    }
    if (!*row) break;
  }
  Reset();
  return Status::Ok();
}

StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(raw, rc, path, "cannot open database");
    sqlite3_close_v2(raw);
    return status;
  }
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(raw, path));
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

StatusOr<Statement> Db::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(this, it->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "cannot prepare statement");
  // Filter queries are built from fixed fragments, so the number of
  // distinct texts stays small and every one can be kept.
  cache_.emplace(sql, stmt);
  return Statement(this, stmt);
}

Status Db::Exec(std::string_view sql) {
  std::string copy(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);
    return Error(rc, "statement failed");
  }
  return Status::Ok();
}

StatusOr<int64_t> Db::QueryInt(const std::string& sql) {
  StatusOr<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return InternalError(path_ + ": no result for " + sql);
  int64_t value = stmt->Int(0);
  stmt->Reset();
  return value;
}

}  // namespace entente::store
