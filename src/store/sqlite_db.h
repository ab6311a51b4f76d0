// A thin RAII layer over the SQLite C API: a connection that caches prepared
// statements, and errors mapped to Status. Internal to src/store/.
#ifndef ENTENTE_STORE_SQLITE_DB_H_
#define ENTENTE_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "entente/status.h"

namespace entente::store {

// A value to bind to a statement parameter; monostate binds NULL.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// Maps a SQLite result code to a Status whose message names the file:
// SQLITE_FULL -> ResourceExhausted, CORRUPT/NOTADB -> DataLoss,
// READONLY/IOERR/CANTOPEN/PERM/BUSY -> IoError, others -> Internal.
Status SqliteStatus(sqlite3* db, int rc, std::string_view path,
                    std::string_view what);

class Db;

// A prepared statement borrowed from the Db's cache; reset (and its bindings
// cleared) when the Statement goes out of scope.
class Statement {
 public:
  Statement(Db* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  ~Statement() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }

  // Makes the statement ready to bind and run again.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Parameters are numbered from 1.
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) {
    return Bind(i, std::string_view(v));
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Statement& Bind(int i, std::optional<int64_t> v) {
    return v ? Bind(i, *v) : BindNull(i);
  }
  Statement& Bind(int i, const SqlValue& v);
  // Binds values[k] to parameter k + 1, for a query built with its
  // parameters in order.
  Statement& BindAll(const std::vector<SqlValue>& values) {
    for (size_t k = 0; k < values.size(); ++k) {
      Bind(static_cast<int>(k + 1), values[k]);
    }
    return *this;
  }

  // Advances: true when a row is available, false when done.
  StatusOr<bool> Step();
  // Runs the statement to completion, ignoring any rows, and resets it.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       sqlite3_column_bytes(stmt_, col));
  }

 private:
  Db* db_;
  sqlite3_stmt* stmt_;
};

// One connection. Thread-compatible.
class Db {
 public:
  // Opens `path` with sqlite3_open_v2 `flags`.
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path, int flags);
  ~Db();

  // Prepares `sql` once and keeps it for later calls with the same text.
  // Only one Statement per SQL text may be alive at a time.
  StatusOr<Statement> Prepare(const std::string& sql);
  // Runs one or more statements without parameters or results.
  Status Exec(std::string_view sql);
  // Runs a query whose first row's first column is an integer.
  StatusOr<int64_t> QueryInt(const std::string& sql);

  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }
  Status Error(int rc, std::string_view what) const {
    return SqliteStatus(db_, rc, path_, what);
  }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace entente::store

#endif  // ENTENTE_STORE_SQLITE_DB_H_
